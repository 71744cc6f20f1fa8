//! How the server says no: every failure is a status and a JSON body
//! `{"error": "..."}`, never a dropped connection or a panic.

use std::any::Any;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use hcgloss_engine::error::Error;

/// A request that cannot be answered as asked.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Seconds after which a 503 may be retried (`Retry-After`).
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, seconds: u64) -> ApiError {
        self.retry_after = Some(seconds);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "error": self.message }))).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The engine's errors as answers: what the request got wrong is 400;
/// another writer holding the store too long is 503 (try again); anything
/// else is the server's own trouble, 500.
impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        if e.is_busy() {
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "another process is writing to the store; try again in a moment",
            )
            .retry_after(1);
        }
        let status = match &e {
            Error::Usage(_) | Error::Invalid(_) => StatusCode::BAD_REQUEST,
            Error::ReadOnlyStore { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

/// The answer to a request whose handler panicked: the panic is a bug,
/// but it must cost one request a 500, not the server.
pub fn panic_answer(_: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server failed to answer this request",
    )
    .into_response()
}
