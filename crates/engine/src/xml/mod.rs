//! XML as the exchange formats need it: a safe streaming reader (no DTD
//! processing, no entity expansion beyond XML's own) and a small writer
//! that refuses what XML 1.0 cannot carry. TBX and TMX both stand on it.

mod read;
pub mod write;

pub use read::{XmlEvent, XmlReader};
