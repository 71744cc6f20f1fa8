//! `hcgloss add CONCEPT --lang L --term T`: one term, checked by the same
//! rules as an import of a one-row file.

use super::{Context, Outcome, open, stdout_error};
use crate::cli::AddArgs;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::exchange::csv::clean_note;
use hcgloss_engine::model::{SourcedTerm, Status, Term, check_category, check_slug};
use hcgloss_engine::normalize::clean_term;
use hcgloss_engine::plan::{COMMAND_LINE, plan_import};
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &AddArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let label = "add";
    check_slug(&args.concept).map_err(Error::Usage)?;
    let lang = args.lang.clone();
    let text = clean_term(&args.term);
    if text.is_empty() {
        return Err(Error::Usage("the term is empty".into()));
    }
    let term_type = args.term_type;
    if let Some(c) = &args.category {
        check_category(c).map_err(Error::Usage)?;
    }
    let explicit_status = args.status;

    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let existing = tx.concept(&args.concept)?;
    let category = match (&args.category, &existing) {
        (Some(c), _) => c.clone(),
        (None, Some(c)) => c.category.clone(),
        (None, None) => {
            return Err(Error::Usage(format!(
                "concept {} is new: give its --category ({})",
                args.concept,
                hcgloss_engine::model::CATEGORIES.join(", ")
            )));
        }
    };
    let has_lang = existing
        .as_ref()
        .is_some_and(|c| c.terms.iter().any(|t| t.lang == lang && t.term != text));
    let status = explicit_status.unwrap_or(if has_lang {
        Status::Admitted
    } else {
        Status::Preferred
    });
    let term = Term {
        concept: args.concept.clone(),
        lang,
        term: text,
        status,
        term_type,
        category,
        note: clean_note(&args.note),
    };
    let existing_terms = existing.map(|c| c.terms).unwrap_or_default();
    let row = SourcedTerm {
        line: COMMAND_LINE,
        term: term.clone(),
    };
    let plan = plan_import(label, existing_terms, vec![row], false).map_err(Error::Invalid)?;
    for warning in &plan.warnings {
        writeln!(ctx.err, "{warning}").map_err(stdout_error)?;
    }
    let verb = if !plan.added.is_empty() {
        "added"
    } else if !plan.updated.is_empty() {
        "updated"
    } else {
        "unchanged"
    };
    tx.apply(&plan, &mut hcgloss_engine::progress::Silent)?;
    tx.commit()?;
    writeln!(
        ctx.out,
        "{verb}: {} {} \"{}\" ({}, {})",
        term.concept, term.lang, term.term, term.status, term.term_type
    )
    .map_err(stdout_error)?;
    Ok(Outcome::Success)
}
