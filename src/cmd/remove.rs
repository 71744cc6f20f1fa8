//! `hcgloss remove CONCEPT [--lang L --term T] [--dry-run]`: one term or a
//! whole concept, listed as it goes. Removing a preferred term that still
//! has synonyms is refused: the language would be left without a
//! preferred term.

use super::{Context, Outcome, open, stderr_error, stdout_error};
use crate::cli::RemoveArgs;
use crate::render::terminal::Line;
use hcgloss_engine::edit::{audit_removal, command_line_actor, plan_removal};
use hcgloss_engine::error::Result;
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &RemoveArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let Some(concept) = tx.concept(&args.concept)? else {
        writeln!(ctx.err, "no concept \"{}\": nothing removed", args.concept)
            .map_err(stderr_error)?;
        return Ok(Outcome::Negative);
    };
    let which = args.lang.as_ref().zip(args.term.as_deref());
    let remove = plan_removal(&concept, which)?;
    if remove.is_empty() {
        writeln!(
            ctx.err,
            "concept {} has no such term: nothing removed",
            args.concept
        )
        .map_err(stderr_error)?;
        return Ok(Outcome::Negative);
    }
    let verb = if args.dry_run {
        "would remove"
    } else {
        for t in &remove {
            tx.delete_term(t)?;
        }
        for entry in audit_removal(&command_line_actor(), &now_created(), &remove) {
            tx.record(&entry)?;
        }
        tx.delete_empty_concepts()?;
        tx.commit()?;
        "removed"
    };
    for t in &remove {
        writeln!(
            ctx.out,
            "{verb}: {} {} \"{}\" ({}, {})",
            t.concept,
            t.lang,
            Line(&t.term),
            t.status,
            t.term_type
        )
        .map_err(stdout_error)?;
    }
    if args.dry_run {
        writeln!(ctx.err, "dry run: nothing was removed").map_err(stderr_error)?;
    }
    Ok(Outcome::Success)
}
