//! Turning results into text for people and JSON for programs. Renderers
//! return strings; the binary decides where they go.

pub mod diff;
pub mod lint;
pub mod terminal;
pub mod text;
pub mod tm;

pub use hcgloss_report::display_order;
