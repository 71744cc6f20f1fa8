//! One line per request on standard error: when, the method, the path
//! (without the query, which may hold an article's words), the status and
//! how long the answer took.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use hcgloss_engine::escape::Line;

pub async fn one_line_per_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    eprintln!(
        "{} {method} {} {} {:.1} ms",
        hcgloss_engine::model::unit::now_created(),
        Line(&path),
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1e3
    );
    response
}
