//! hcgloss: an Indonesian–Vietnamese–English termbase for news
//! translation. The library holds everything; `main.rs` only parses the
//! command line, runs [`cmd::run`] and maps the outcome to an exit status.

pub mod atomic;
pub mod chars;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod exchange;
pub mod glossary;
pub mod input;
pub mod lint;
pub mod lookup;
pub mod model;
pub mod normalize;
pub mod progress;
pub mod render;
pub mod store;
pub mod tm;

pub use error::{Error, Result};
