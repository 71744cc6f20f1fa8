//! The read endpoints. Each parses its parameters (a bad one is 400 with
//! what is wrong), does its store work on the read workers
//! ([`crate::pool`]), and answers with the JSON the command line prints
//! for the same question.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use hcgloss_engine::lint::Language;
use hcgloss_engine::lookup::{DEFAULT_LIMIT, DEFAULT_MIN_SCORE, Query as LookupQuery};
use hcgloss_engine::model::Lang;
use hcgloss_engine::model::unit::LangSelector;
use hcgloss_engine::normalize::fold_key;
use hcgloss_engine::tm::concordance::concordance;
use hcgloss_engine::tm::search::{self, Request, Strategy};
use hcgloss_engine::tm::terms::termbase_hits;
use hcgloss_report::tm::SearchQuery;

use crate::error::ApiError;
use crate::glossary::Served;
use crate::state::AppState;

/// The most hits or matches one request may ask for.
const MAX_LIMIT: usize = 100;

/// Runs a read's store work on the server's read workers, when the
/// request's turn comes (see [`crate::pool`]).
pub async fn blocking<T: Send + 'static>(
    state: Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let pool = Arc::clone(&state);
    pool.reads.run(move || f(&state)).await.unwrap_or_else(|| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server failed to answer this request",
        ))
    })
}

/// Runs store work on the blocking pool at once: for writes, which may
/// wait for another process's lock and must not keep reads waiting.
pub async fn blocking_now<T: Send + 'static>(
    state: Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || f(&state))
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the server failed to answer this request",
            )
        })?
}

/// A JSON document the report crate made.
pub fn json(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub async fn health() -> &'static str {
    "ok\n"
}

pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such endpoint: {}", uri.path()))
}

fn lang_param(name: &str, value: Option<&str>) -> Result<Option<Lang>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<Lang>()
                .map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
        })
        .transpose()
}

fn limit_param(value: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match value {
        None => Ok(default),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit {n} is not between 1 and {MAX_LIMIT}"
        ))),
    }
}

fn min_param(value: Option<u8>, default: u8) -> Result<u8, ApiError> {
    match value {
        None => Ok(default),
        Some(n) if n <= 100 => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "min {n} is not between 0 and 100"
        ))),
    }
}

fn text_param(name: &str, value: Option<String>) -> Result<String, ApiError> {
    let text = value.unwrap_or_default();
    if fold_key(&text).is_empty() {
        return Err(ApiError::bad_request(format!(
            "{name} is missing, or has no letters or digits"
        )));
    }
    Ok(text)
}

/// Query parameters are read leniently into these, then checked, so that
/// every bad value gets a message of ours rather than the framework's.
#[derive(Deserialize)]
pub struct LookupParams {
    q: Option<String>,
    lang: Option<String>,
    limit: Option<usize>,
    min: Option<u8>,
}

pub async fn lookup(
    State(state): State<Arc<AppState>>,
    params: Result<Query<LookupParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let text = text_param("q", p.q)?;
    let lang = lang_param("lang", p.lang.as_deref())?;
    let limit = limit_param(p.limit, DEFAULT_LIMIT)?;
    let min = min_param(p.min, DEFAULT_MIN_SCORE)?;
    let body = blocking(state, move |state| {
        state
            .with_store(|store| {
                let hits = store.lookup(&LookupQuery {
                    text: &text,
                    lang: lang.as_ref().map(Lang::as_str),
                    limit,
                    min_score: min,
                })?;
                Ok(hcgloss_report::concept::hits(&hits))
            })
            .map_err(ApiError::from)
    })
    .await?;
    Ok(json(body))
}

pub async fn concept(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let body = blocking(state, move |state| {
        match state.with_store(|store| store.concept(&slug))? {
            Some(c) => Ok(hcgloss_report::concept::concept(&c)),
            None => Err(ApiError::not_found(format!("no concept \"{slug}\""))),
        }
    })
    .await?;
    Ok(json(body))
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let body = blocking(state, move |state| {
        let (exists, history) = state
            .with_store(|store| Ok((store.concept(&slug)?.is_some(), store.history(&slug)?)))?;
        if !exists && history.is_empty() {
            return Err(ApiError::not_found(format!("no concept \"{slug}\"")));
        }
        Ok(hcgloss_report::to_string(&history))
    })
    .await?;
    Ok(json(body))
}

#[derive(Deserialize)]
pub struct LintParams {
    lang: Option<String>,
}

/// The name the findings of a linted request body carry.
pub const LINTED_BODY: &str = "request";

pub async fn lint(
    State(state): State<Arc<AppState>>,
    params: Result<Query<LintParams>, axum::extract::rejection::QueryRejection>,
    body: Result<String, axum::extract::rejection::StringRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let text = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let lang = match p.lang.as_deref().filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => Some(
            l.parse::<Language>()
                .map_err(|e| ApiError::bad_request(format!("lang: {e}")))?,
        ),
    };
    let served = current_glossary(Arc::clone(&state)).await?;
    let generations = (served.glossary_generation, served.store_generation);
    let body = blocking(state, move |_| {
        let report = served.linter.check(LINTED_BODY, &text, lang);
        Ok(hcgloss_report::lint::findings(&[report]))
    })
    .await?;
    Ok(with_generations(json(body), generations))
}

/// The glossary compiled for lint from the store as it is now. Waiting
/// for a compile takes no turn among the reads: a lint waiting for the
/// glossary must not keep lookups waiting too.
async fn current_glossary(state: Arc<AppState>) -> Result<Served, ApiError> {
    blocking_now(state, AppState::linter).await
}

/// The header naming the store generation a lint's glossary was compiled
/// from.
pub const GLOSSARY_GENERATION: &str = "hcgloss-glossary-generation";
/// The header naming the store generation the request read; greater than
/// the glossary's when the glossary of the newest one was still being
/// compiled (see [`crate::glossary`]).
pub const STORE_GENERATION: &str = "hcgloss-store-generation";

fn with_generations(mut response: Response, (glossary, store): (u64, u64)) -> Response {
    let headers = response.headers_mut();
    headers.insert(GLOSSARY_GENERATION, glossary.into());
    headers.insert(STORE_GENERATION, store.into());
    response
}

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    min: Option<u8>,
    limit: Option<usize>,
}

fn selector(name: &str, value: Option<&str>) -> Result<LangSelector, ApiError> {
    let value = value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad_request(format!("{name} is missing")))?;
    LangSelector::parse(&value.replace('_', "-"))
        .map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
}

/// One TM search, with the glossary terms of the sentence.
fn tm_search_in(
    state: &AppState,
    glossary: &Served,
    sentence: &str,
    from: &LangSelector,
    to: &LangSelector,
    min: u8,
    limit: usize,
) -> Result<String, ApiError> {
    let matches = state.with_store(|store| {
        search::search(
            store,
            &Request {
                sentence,
                from,
                to,
                min,
                limit,
            },
            Strategy::INDEX,
        )
    })?;
    let terms = termbase_hits(glossary.linter.matcher(), sentence, from, to);
    Ok(hcgloss_report::tm::search_json(
        &SearchQuery {
            sentence,
            from: from.tag.as_str(),
            to: to.tag.as_str(),
            min,
        },
        &matches,
        &terms,
    ))
}

pub async fn tm_search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let sentence = text_param("q", p.q)?;
    let from = selector("from", p.from.as_deref())?;
    let to = selector("to", p.to.as_deref())?;
    let min = min_param(p.min, search::DEFAULT_MIN)?;
    let limit = limit_param(p.limit, search::DEFAULT_LIMIT)?;
    if from.tag == to.tag {
        return Err(ApiError::bad_request("from and to are the same language"));
    }
    let glossary = current_glossary(Arc::clone(&state)).await?;
    let body = blocking(state, move |state| {
        tm_search_in(state, &glossary, &sentence, &from, &to, min, limit)
    })
    .await?;
    Ok(json(body))
}

#[derive(Deserialize)]
pub struct ConcordanceParams {
    q: Option<String>,
    lang: Option<String>,
    limit: Option<usize>,
}

pub async fn tm_concordance(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ConcordanceParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let phrase = text_param("q", p.q)?;
    let lang = match p.lang.as_deref().filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => Some(selector("lang", Some(l))?),
    };
    let limit = limit_param(p.limit, MAX_LIMIT)?;
    let body = blocking(state, move |state| {
        state
            .with_store(|store| {
                let hits =
                    concordance(store, &phrase, lang.as_ref(), Some(limit), Strategy::INDEX)?;
                Ok(hcgloss_report::tm::concordance_json(&hits))
            })
            .map_err(ApiError::from)
    })
    .await?;
    Ok(json(body))
}

/// amaGama's answer: what Virtaal and translate-toolkit's tmserver
/// clients read.
#[derive(Serialize)]
struct AmagamaMatch<'a> {
    source: &'a str,
    target: &'a str,
    quality: f64,
    rank: f64,
}

#[derive(Deserialize)]
pub struct AmagamaParams {
    min_similarity: Option<u8>,
    max_candidates: Option<usize>,
}

/// `GET /tmserver/{source}/{target}/unit/{query}`, the protocol of
/// amaGama and translate-toolkit's tmserver. Clients write languages as
/// `pt_br`; they are read as `pt-BR`.
pub async fn amagama(
    State(state): State<Arc<AppState>>,
    Path((source, target, query)): Path<(String, String, String)>,
    params: Result<Query<AmagamaParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let sentence = text_param("the unit", Some(query))?;
    let from = selector("source language", Some(&source))?;
    let to = selector("target language", Some(&target))?;
    let min = min_param(p.min_similarity, search::DEFAULT_MIN)?;
    let limit = limit_param(p.max_candidates, search::DEFAULT_LIMIT)?;
    let body = blocking(state, move |state| {
        if from.tag == to.tag {
            return Err(ApiError::bad_request("the two languages are the same"));
        }
        state
            .with_store(|store| {
                let matches = search::search(
                    store,
                    &Request {
                        sentence: &sentence,
                        from: &from,
                        to: &to,
                        min,
                        limit,
                    },
                    Strategy::INDEX,
                )?;
                let answer: Vec<AmagamaMatch<'_>> = matches
                    .iter()
                    .map(|m| AmagamaMatch {
                        source: &m.source.text,
                        target: &m.target.text,
                        quality: f64::from(m.score),
                        rank: f64::from(m.score),
                    })
                    .collect();
                Ok(hcgloss_report::to_string(&answer))
            })
            .map_err(ApiError::from)
    })
    .await?;
    Ok(json(body))
}
