//! `hcgloss remove CONCEPT [--lang L --term T]`: one term or a whole
//! concept. Removing a preferred term that still has synonyms is refused:
//! the language would be left without a preferred term.

use super::{Context, Outcome, open, stdout_error};
use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::glossary::{Origin, check_termbase};
use crate::model::Lang;
use crate::normalize::clean_term;
use crate::render::terminal::Line;
use crate::store::{Access, Location};

pub fn run(args: &RemoveArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let Some(concept) = tx.concept(&args.concept)? else {
        writeln!(ctx.err, "no concept \"{}\": nothing removed", args.concept)
            .map_err(stdout_error)?;
        return Ok(Outcome::Negative);
    };
    let (remove, keep): (Vec<_>, Vec<_>) = match (&args.lang, &args.term) {
        (Some(lang), Some(term)) => {
            let lang: Lang = lang.parse().map_err(Error::Usage)?;
            let term = clean_term(term);
            concept
                .terms
                .into_iter()
                .partition(|t| t.lang == lang && t.term == term)
        }
        _ => (concept.terms, Vec::new()),
    };
    if remove.is_empty() {
        writeln!(
            ctx.err,
            "concept {} has no such term: nothing removed",
            args.concept
        )
        .map_err(stdout_error)?;
        return Ok(Outcome::Negative);
    }
    let remaining: Vec<_> = keep.iter().map(|t| (Origin::Store, t)).collect();
    let problems = check_termbase("remove", &remaining);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    for t in &remove {
        tx.delete_term(t)?;
    }
    tx.delete_empty_concepts()?;
    tx.commit()?;
    for t in &remove {
        writeln!(
            ctx.out,
            "removed: {} {} \"{}\"",
            t.concept,
            t.lang,
            Line(&t.term)
        )
        .map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}
