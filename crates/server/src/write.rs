//! The write endpoints: a term added or changed (`POST /api/v1/terms`)
//! and a term removed (`DELETE /api/v1/terms`), by the rules of `hcgloss
//! add` and `remove` ([`hcgloss_engine::edit`]). Each needs a bearer
//! token; the token's name is who the audit log says wrote. The write and
//! its audit rows are one transaction.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use hcgloss_engine::edit::{EditKind, TermEdit, audit_removal, plan_edit, plan_removal};
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::model::{FieldChange, Lang, Status, Term, TermType};
use hcgloss_engine::progress::Silent;
use hcgloss_engine::token;

use crate::api::blocking_now;
use crate::error::ApiError;
use crate::state::AppState;

/// Who a request writes as: the name of the token it carries. No token
/// is 401; a token the store does not know is 403.
fn writer_name(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writing needs a token: Authorization: Bearer TOKEN (hcgloss token add NAME makes one)",
        ));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the Authorization header must be Bearer TOKEN",
            )
        })?;
    let hash = token::hash(token);
    match state.with_store(|store| store.token_name(&hash))? {
        Some(name) => Ok(name),
        None => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this token is not one of the store's (it may have been removed)",
        )),
    }
}

/// An answer 401 carries the scheme it wants.
fn with_challenge(e: ApiError) -> Response {
    let unauthorized = e.status == StatusCode::UNAUTHORIZED;
    let mut response = e.into_response();
    if unauthorized {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
    }
    response
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermBody {
    concept: String,
    lang: String,
    term: String,
    status: Option<String>,
    #[serde(rename = "type")]
    term_type: Option<String>,
    category: Option<String>,
    note: Option<String>,
}

fn parse<T: std::str::FromStr<Err = String>>(
    field: &str,
    value: Option<&str>,
) -> Result<Option<T>, ApiError> {
    value
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| ApiError::bad_request(format!("{field}: {e}")))
        })
        .transpose()
}

#[derive(Serialize)]
struct EditAnswer<'a> {
    result: &'static str,
    term: &'a Term,
    changes: &'a [FieldChange],
    demoted: &'a [Term],
}

pub async fn add_term(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<TermBody>, JsonRejection>,
) -> Response {
    let answer = async {
        let state_for_auth = Arc::clone(&state);
        let actor = blocking_now(state_for_auth, move |s| writer_name(s, &headers)).await?;
        let Json(body) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        let edit = TermEdit {
            concept: body.concept,
            lang: parse::<Lang>("lang", Some(&body.lang))?,
            term: body.term,
            status: parse::<Status>("status", body.status.as_deref())?,
            term_type: parse::<TermType>("type", body.term_type.as_deref())?,
            category: body.category,
            note: body.note,
        };
        blocking_now(state, move |state| {
            let mut store = state.writer()?;
            let mut tx = store.write()?;
            let planned = plan_edit("request", tx.concept(&edit.concept)?, &edit)?;
            if planned.plan.changes_anything() {
                tx.apply(&planned.plan, &mut Silent)?;
                for entry in planned.audit(&actor, &now_created()) {
                    tx.record(&entry)?;
                }
                tx.commit()?;
            }
            let status = if planned.kind == EditKind::Added {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let body = hcgloss_report::to_string(&EditAnswer {
                result: planned.kind.as_str(),
                term: &planned.term,
                changes: &planned.changes,
                demoted: &planned.demoted,
            });
            Ok((status, body))
        })
        .await
    }
    .await;
    match answer {
        Ok((status, body)) => (status, crate::api::json(body)).into_response(),
        Err(e) => with_challenge(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveBody {
    concept: String,
    lang: String,
    term: String,
}

pub async fn remove_term(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<RemoveBody>, JsonRejection>,
) -> Response {
    let answer = async {
        let state_for_auth = Arc::clone(&state);
        let actor = blocking_now(state_for_auth, move |s| writer_name(s, &headers)).await?;
        let Json(body) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        let lang = parse::<Lang>("lang", Some(&body.lang))?.expect("given");
        blocking_now(state, move |state| {
            let mut store = state.writer()?;
            let mut tx = store.write()?;
            let Some(concept) = tx.concept(&body.concept)? else {
                return Err(ApiError::not_found(format!(
                    "no concept \"{}\"",
                    body.concept
                )));
            };
            let removed = plan_removal(&concept, Some((&lang, &body.term)))?;
            if removed.is_empty() {
                return Err(ApiError::not_found(format!(
                    "concept {} has no {} term \"{}\"",
                    body.concept, lang, body.term
                )));
            }
            for t in &removed {
                tx.delete_term(t)?;
            }
            tx.delete_empty_concepts()?;
            for entry in audit_removal(&actor, &now_created(), &removed) {
                tx.record(&entry)?;
            }
            tx.commit()?;
            Ok(hcgloss_report::to_string(
                &serde_json::json!({ "removed": removed }),
            ))
        })
        .await
    }
    .await;
    match answer {
        Ok(body) => crate::api::json(body),
        Err(e) => with_challenge(e),
    }
}
