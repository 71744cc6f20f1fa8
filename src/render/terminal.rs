//! Text from data made safe to show on a terminal (see
//! [`hcgloss_engine::escape`]): every text output for a person goes
//! through it; JSON and SARIF never do.

pub use hcgloss_engine::escape::{Escaping, Line, escape};
