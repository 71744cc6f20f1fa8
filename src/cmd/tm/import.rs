//! `hcgloss tm import FILE`: read every unit of a TMX or tab-separated
//! file, check them all, then store them in one transaction, or nothing.
//! A unit whose content is already stored (same languages, same texts) is
//! left as it is, so importing a file twice adds nothing.

use super::super::{Context, Outcome, open, report_adjustments, stdout_error};
use crate::cli::TmImportArgs;
use crate::render::terminal::Line;
use hcgloss_engine::error::Result;
use hcgloss_engine::input::Input;
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::tm::{self, Format};

pub fn run(args: &TmImportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let input = Input::open(&args.file)?;
    let label = input.name();
    let decoding = input.decoding.describe();
    let text = input.read_text()?;
    let format = args
        .format
        .map(Format::from)
        .unwrap_or_else(|| Format::detect(&args.file, &text));
    let file = tm::read(&label, &text, format)?;
    drop(text);
    let units = file.units;

    let mut store = open(location, Access::Write)?;
    store.reserve_cache_mib(64)?;
    let mut tx = store.write()?;
    let stored = tx.store_units(&units, &now_created(), ctx.progress)?;
    if stored.added > 0 {
        tx.commit()?;
    }
    let mut summary = format!(
        "{}: {} added, {} unchanged",
        Line(&label),
        stored.added,
        stored.unchanged
    );
    if stored.repeated > 0 {
        summary.push_str(&format!(", {} repeated in the file", stored.repeated));
    }
    let single = units.iter().filter(|u| u.unit.segments.len() == 1).count();
    if single > 0 {
        let first = units
            .iter()
            .find(|u| u.unit.segments.len() == 1)
            .map_or(0, |u| u.line);
        summary.push_str(&format!(
            " ({single} with one language only, first on line {first})"
        ));
    }
    summary.push_str(&report_adjustments(
        ctx,
        &label,
        &file.adjustments,
        &file.left_out,
        decoding,
        args.verbose,
    )?);
    writeln!(ctx.out, "{summary}").map_err(stdout_error)?;
    Ok(Outcome::Success)
}
