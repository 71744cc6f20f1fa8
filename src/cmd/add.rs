//! `hcgloss add CONCEPT --lang L --term T`: one term, checked by the same
//! rules as an import of a one-row file.

use super::{Context, Outcome, open, stdout_error};
use crate::cli::AddArgs;
use crate::error::{Error, Result};
use crate::exchange::csv::{SourcedTerm, clean_note};
use crate::glossary::{COMMAND_LINE, plan_import};
use crate::model::{Lang, Status, Term, TermType, check_category, check_slug};
use crate::normalize::clean_term;
use crate::render::terminal::Line;
use crate::store::{Access, Location};

pub fn run(args: &AddArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let label = "add";
    check_slug(&args.concept).map_err(Error::Usage)?;
    let lang: Lang = args.lang.parse().map_err(Error::Usage)?;
    let text = clean_term(&args.term);
    if text.is_empty() {
        return Err(Error::Usage("the term is empty".into()));
    }
    let term_type: TermType = args.term_type.parse().map_err(Error::Usage)?;
    if let Some(c) = &args.category {
        check_category(c).map_err(Error::Usage)?;
    }
    let explicit_status = args
        .status
        .as_deref()
        .map(str::parse::<Status>)
        .transpose()
        .map_err(Error::Usage)?;

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
                crate::model::CATEGORIES.join(", ")
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
    tx.apply(&plan, &mut crate::progress::Silent)?;
    tx.commit()?;
    writeln!(
        ctx.out,
        "{verb}: {} {} \"{}\" ({}, {})",
        term.concept,
        term.lang,
        Line(&term.term),
        term.status,
        term.term_type
    )
    .map_err(stdout_error)?;
    Ok(Outcome::Success)
}
