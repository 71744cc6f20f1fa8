//! `hcgloss import FILE`: validate every row against the merged termbase,
//! then write all of it in one transaction, or nothing.

use super::{Context, Outcome, open, stdout_error};
use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::exchange::csv;
use crate::glossary::plan_import;
use crate::input::read_text;
use crate::store::{Access, Location};

pub fn run(args: &ImportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let label = args.file.display().to_string();
    let text = read_text(&args.file)?;
    let rows = csv::parse(&label, &text)?;
    drop(text);
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let existing = tx.all_terms()?;
    let plan = plan_import(&label, existing, rows, args.replace).map_err(Error::Invalid)?;
    let summary = format!(
        "{label}: {} added, {} updated, {} unchanged, {} removed",
        plan.added.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.removed.len()
    );
    if args.dry_run {
        writeln!(ctx.out, "{summary} (dry run: nothing written)").map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    if plan.changes_anything() {
        tx.apply(&plan, ctx.progress)?;
        tx.commit()?;
    }
    writeln!(ctx.out, "{summary}").map_err(stdout_error)?;
    Ok(Outcome::Success)
}
