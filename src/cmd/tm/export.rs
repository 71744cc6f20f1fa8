//! `hcgloss tm export --format tmx|tsv`: the translation memory in unit
//! order, to standard output or atomically to a file. `--lang` keeps only
//! the given languages and leaves out units it leaves with fewer than two
//! (a unit stored with one language is written when its language is kept),
//! so that what is written can always be imported again.

use super::super::{Context, Outcome, open, stdout_error, write_output};
use super::lang_option;
use crate::cli::{TmExportArgs, TmFormat};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::model::Lang;
use hcgloss_engine::model::unit::Unit;
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::tm::{tmx, tsv};

pub fn run(args: &TmExportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let selectors = args
        .lang
        .iter()
        .map(|l| lang_option("--lang", l.trim()))
        .collect::<Result<Vec<_>>>()?;
    if selectors.len() == 1 {
        return Err(Error::Usage(
            "--lang: give at least two languages (e.g. --lang vi,en): a unit needs two".into(),
        ));
    }
    let keep = |lang: &Lang| selectors.is_empty() || selectors.iter().any(|s| s.matches(lang));
    let store = open(location, Access::Read)?;
    let mut buf: Vec<u8> = Vec::new();
    let io = stdout_error;
    let langs: Vec<Lang> = store.tm_langs()?.into_iter().filter(|l| keep(l)).collect();
    match args.format {
        TmFormat::Tmx => tmx::write_start(&mut buf).map_err(io)?,
        TmFormat::Tsv => tsv::write_header(&mut buf, &langs).map_err(io)?,
    }
    store.tm_for_each_unit(&mut |stored| {
        let mut unit: Unit = stored.unit;
        let had = unit.segments.len();
        unit.segments.retain(|s| keep(&s.lang));
        // A unit stored with one language is written when its language is
        // kept; a unit that `--lang` leaves with one is not.
        if unit.segments.is_empty() || (unit.segments.len() < 2 && had >= 2) {
            return Ok(());
        }
        match args.format {
            TmFormat::Tmx => tmx::write_unit(&mut buf, &unit).map_err(io),
            TmFormat::Tsv => tsv::write_row(&mut buf, &langs, &unit).map_err(io),
        }
    })?;
    if args.format == TmFormat::Tmx {
        tmx::write_end(&mut buf).map_err(io)?;
    }
    match &args.output {
        None => ctx.out.write_all(&buf).map_err(stdout_error)?,
        Some(path) => write_output(location, path, &buf)?,
    }
    Ok(Outcome::Success)
}
