//! The terminology engine of hcgloss: the termbase model, the SQLite
//! store, fuzzy lookup, lint, the exchange formats and the translation
//! memory. It parses no command line and prints nothing; the front ends
//! (the command line, the HTTP server, the language server) call it and
//! present what it returns.

pub mod adjust;
pub mod atomic;
pub mod bundled;
pub mod chars;
pub mod edit;
pub mod error;
pub mod escape;
pub mod exchange;
pub mod input;
pub mod lint;
pub mod lookup;
pub mod model;
pub mod normalize;
pub mod plan;
pub mod progress;
pub mod store;
pub mod tm;
pub mod token;
pub mod xml;

pub use error::{Error, Result};
