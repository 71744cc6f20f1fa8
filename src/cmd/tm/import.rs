//! `hcgloss tm import FILE`: read every unit of a TMX or tab-separated
//! file, check them all, then store them in one transaction, or nothing.
//! A unit whose content is already stored (same languages, same texts) is
//! left as it is, so importing a file twice adds nothing.

use std::collections::HashSet;

use super::super::{Context, Outcome, open, stdout_error};
use crate::cli::TmImportArgs;
use crate::error::Result;
use crate::input::read_text;
use crate::render::terminal::Line;
use crate::store::{Access, Location};
use crate::tm::unit::{identity, now_created};
use crate::tm::{self, Format};

pub fn run(args: &TmImportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let label = args.file.display().to_string();
    let text = read_text(&args.file)?;
    let format = args
        .format
        .map(Format::from)
        .unwrap_or_else(|| Format::detect(&args.file, &text));
    let units = tm::parse(&label, &text, format)?;
    drop(text);

    let mut store = open(location, Access::Write)?;
    store.reserve_cache_mib(64)?;
    let mut tx = store.write()?;
    let created = now_created();
    let (mut added, mut unchanged, mut repeated) = (0usize, 0usize, 0usize);
    let mut seen = HashSet::new();
    ctx.progress.start(units.len() as u64, "storing units");
    for (i, sourced) in units.iter().enumerate() {
        let id = identity(&sourced.unit.segments);
        if !seen.insert(id.clone()) {
            repeated += 1;
        } else if tx.insert_tm_unit(&sourced.unit, &id, &created)? {
            added += 1;
        } else {
            unchanged += 1;
        }
        if i % 1024 == 1023 {
            ctx.progress.advance(1024);
        }
    }
    ctx.progress.finish();
    if added > 0 {
        tx.commit()?;
    }
    let mut summary = format!("{}: {added} added, {unchanged} unchanged", Line(&label));
    if repeated > 0 {
        summary.push_str(&format!(", {repeated} repeated in the file"));
    }
    writeln!(ctx.out, "{summary}").map_err(stdout_error)?;
    Ok(Outcome::Success)
}
