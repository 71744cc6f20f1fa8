//! The glossary compiled into the binary, and the per-user default store
//! it seeds. The store itself knows no file format: it is given
//! [`seed`] to fill a new default store with.

use crate::error::{Error, Result};
use crate::exchange::csv;
use crate::model::SourcedTerm;
use crate::plan::plan_import;
use crate::progress::Silent;
use crate::store::{Access, Location, Store, WriteTx};

/// `glossary.csv` as it was when this hcgloss was built.
pub const GLOSSARY: &str = include_str!("../../../glossary.csv");

/// The name messages give the bundled glossary.
pub const LABEL: &str = "glossary.csv (bundled)";

/// The rows of the bundled glossary.
pub fn rows() -> Result<Vec<SourcedTerm>> {
    csv::parse(LABEL, GLOSSARY)
}

/// Fills a new, empty store with the bundled glossary.
pub fn seed(tx: &mut WriteTx<'_>) -> Result<()> {
    let plan = plan_import(LABEL, Vec::new(), rows()?, false).map_err(Error::Invalid)?;
    tx.apply(&plan, &mut Silent)
}

/// Opens the store at `location` as every front end does: a new default
/// store is seeded with the bundled glossary.
pub fn open_store(location: &Location, access: Access) -> Result<Store> {
    Store::open(location, access, &seed)
}
