//! `hcgloss export`: the termbase in a file format, to standard output or
//! atomically to a file (written beside it, then renamed over it).

use super::{Context, Outcome, open, stdout_error, write_output};
use crate::cli::{ExportArgs, ExportFormat};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::exchange::select::Selection;
use hcgloss_engine::exchange::tbx::{self, v2008 as tbx2008};
use hcgloss_engine::exchange::{csv, omegat, sheet};
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &ExportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let selection = Selection::parse(&args.lang, args.source.as_deref(), args.target.as_deref())
        .map_err(Error::Usage)?;
    let pair = match (&selection.source, &selection.target) {
        (Some(s), Some(t)) if s == t => {
            return Err(Error::Usage(
                "--source and --target are the same language".into(),
            ));
        }
        (Some(s), Some(t)) => Some((s.clone(), t.clone())),
        _ => None,
    };
    if args.format == ExportFormat::Omegat && pair.is_none() {
        return Err(Error::Usage(
            "an OmegaT glossary is for one pair: give --source and --target".into(),
        ));
    }
    let store = open(location, Access::Read)?;
    let terms = selection.filter(store.all_terms()?);
    let mut buf = Vec::new();
    match args.format {
        ExportFormat::Csv => csv::write(&mut buf, &terms).map_err(stdout_error)?,
        ExportFormat::Tbx => buf = tbx::write(terms, &selection)?.into_bytes(),
        ExportFormat::Tbx2008 => buf = tbx2008::write(terms, &selection)?.into_bytes(),
        ExportFormat::Omegat => {
            let (source, target) = pair.expect("checked above");
            buf = omegat::write(terms, &source, &target).into_bytes();
        }
        ExportFormat::Sheet => buf = sheet::write(terms, &selection)?,
    }
    match &args.output {
        None => ctx.out.write_all(&buf).map_err(stdout_error)?,
        Some(path) => write_output(location, path, &buf)?,
    }
    Ok(Outcome::Success)
}
