//! `hcgloss tm ...`: the translation-memory commands, one file each.

mod concordance;
mod export;
mod import;
mod search;

/// What a search of an empty translation memory says.
const EMPTY_MEMORY: &str = "the translation memory is empty: import units with hcgloss tm import FILE (TMX or tab-separated)";

use super::{Context, Outcome};
use crate::cli::{TmCommand, TmFormat};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::model::unit::LangSelector;
use hcgloss_engine::store::Location;
use hcgloss_engine::tm::Format;

pub fn run(command: &TmCommand, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    match command {
        TmCommand::Import(args) => import::run(args, location, ctx),
        TmCommand::Export(args) => export::run(args, location, ctx),
        TmCommand::Search(args) => search::run(args, location, ctx),
        TmCommand::Concordance(args) => concordance::run(args, location, ctx),
    }
}

impl From<TmFormat> for Format {
    fn from(f: TmFormat) -> Format {
        match f {
            TmFormat::Tmx => Format::Tmx,
            TmFormat::Tsv => Format::Tsv,
        }
    }
}

/// A language given on the command line, or a usage error naming the option.
fn lang_option(option: &str, value: &str) -> Result<LangSelector> {
    LangSelector::parse(value).map_err(|e| Error::Usage(format!("{option}: {e}")))
}
