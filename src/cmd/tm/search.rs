//! `hcgloss tm search SENTENCE --from L --to L`: fuzzy matches from the
//! translation memory with their translations and the words that differ,
//! and beside them the glossary terms the sentence contains. Exit 1 when
//! no match reaches `--min` (the terms are still shown).

use super::super::{Context, Outcome, open, stderr_error, stdout_error};
use super::lang_option;
use crate::cli::{ReportFormat, TmSearchArgs};
use crate::render::tm::search_text;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::lint::matcher::Matcher;
use hcgloss_engine::model::group_concepts;
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::tm::search::{Request, Strategy, search};
use hcgloss_engine::tm::terms::termbase_hits;
use hcgloss_report::tm::{SearchQuery, search_json};

pub fn run(args: &TmSearchArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let from = lang_option("--from", &args.from)?;
    let to = lang_option("--to", &args.to)?;
    // Two regional variants (en-US to en-GB) are two languages; a bare
    // subtag and one of its variants (vi and vi-VN) would match one segment.
    if from.base() == to.base() && (from.is_base() || to.is_base() || from.tag == to.tag) {
        return Err(Error::Usage(format!(
            "--from {} and --to {} are the same language",
            from.tag, to.tag
        )));
    }
    let sentence = args.sentence.join(" ");
    let store = open(location, Access::Read)?;
    let request = Request {
        sentence: &sentence,
        from: &from,
        to: &to,
        min: args.min,
        limit: args.limit,
    };
    let strategy = if args.scan {
        Strategy::Scan
    } else {
        Strategy::INDEX
    };
    let matches = search(&store, &request, strategy)?;
    let finder = Matcher::new(group_concepts(store.all_terms()?));
    let terms = termbase_hits(&finder, &sentence, &from, &to);
    let rendered = match args.format {
        ReportFormat::Text => search_text(&matches, &terms, to.tag.as_str()),
        ReportFormat::Json => search_json(
            &SearchQuery {
                sentence: &sentence,
                from: from.tag.as_str(),
                to: to.tag.as_str(),
                min: args.min,
            },
            &matches,
            &terms,
        ),
    };
    ctx.out
        .write_all(rendered.as_bytes())
        .map_err(stdout_error)?;
    if matches.is_empty() {
        if args.format == ReportFormat::Text {
            let message = if store.tm_counts()?.0 == 0 {
                super::EMPTY_MEMORY.to_string()
            } else {
                format!(
                    "no {}→{} match of {}% or more in the translation memory",
                    from.tag, to.tag, args.min
                )
            };
            writeln!(ctx.err, "{message}").map_err(stderr_error)?;
        }
        return Ok(Outcome::Negative);
    }
    Ok(Outcome::Success)
}
