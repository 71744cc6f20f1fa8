//! `hcgloss add CONCEPT --lang L --term T [fields]`: add a term, or change
//! the fields of a stored one (see [`hcgloss_engine::edit`]), checked by
//! the rules of an import.

use super::{Context, Outcome, open, stderr_error, stdout_error};
use crate::cli::AddArgs;
use crate::render::terminal::Line;
use hcgloss_engine::edit::{EditKind, TermEdit, command_line_actor, plan_edit};
use hcgloss_engine::error::Result;
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::model::{FieldChange, Term};
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &AddArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let edit = TermEdit {
        concept: args.concept.clone(),
        lang: Some(args.lang.clone()),
        term: args.term.clone(),
        status: args.status,
        term_type: args.term_type,
        category: args.category.clone(),
        note: args.note.clone(),
    };
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let planned = plan_edit("add", tx.concept(&args.concept)?, &edit)?;
    for warning in &planned.plan.warnings {
        writeln!(ctx.err, "{warning}").map_err(stderr_error)?;
    }
    if planned.plan.changes_anything() {
        tx.apply(&planned.plan, &mut hcgloss_engine::progress::Silent)?;
        for entry in planned.audit(&command_line_actor(), &now_created()) {
            tx.record(&entry)?;
        }
        tx.commit()?;
    }
    let t = &planned.term;
    match planned.kind {
        EditKind::Added => writeln!(
            ctx.out,
            "added: {} {} \"{}\" ({}, {})",
            t.concept,
            t.lang,
            Line(&t.term),
            t.status,
            t.term_type
        ),
        EditKind::Updated => writeln!(ctx.out, "updated: {}", describe(t, &planned.changes)),
        EditKind::Unchanged => writeln!(
            ctx.out,
            "unchanged: {} {} \"{}\" ({}, {})",
            t.concept,
            t.lang,
            Line(&t.term),
            t.status,
            t.term_type
        ),
    }
    .map_err(stdout_error)?;
    for (after, changes) in planned.plan.field_changes() {
        if planned
            .demoted
            .iter()
            .any(|d| d.term == after.term && d.lang == after.lang)
        {
            writeln!(ctx.out, "demoted: {}", describe(after, &changes)).map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Success)
}

/// `concept lang "term": field from → to, ...`
pub fn describe(t: &Term, changes: &[FieldChange]) -> String {
    format!(
        "{} {} \"{}\": {}",
        t.concept,
        t.lang,
        Line(&t.term),
        Line(&FieldChange::describe_all(changes))
    )
}
