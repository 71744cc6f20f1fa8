//! `hcgloss tm concordance PHRASE [--lang L]`: every stored segment that
//! contains the phrase, marked, with its unit's translations. Exit 1 when
//! there is none.

use super::super::{Context, Outcome, open, stderr_error, stdout_error};
use super::lang_option;
use crate::cli::{ReportFormat, TmConcordanceArgs};
use crate::render::tm::concordance_text;
use hcgloss_engine::error::Result;
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::tm::concordance::concordance;
use hcgloss_engine::tm::search::Strategy;
use hcgloss_report::tm::concordance_json;

pub fn run(
    args: &TmConcordanceArgs,
    location: &Location,
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    let lang = args
        .lang
        .as_deref()
        .map(|l| lang_option("--lang", l))
        .transpose()?;
    let phrase = args.phrase.join(" ");
    let store = open(location, Access::Read)?;
    let strategy = if args.scan {
        Strategy::Scan
    } else {
        Strategy::INDEX
    };
    let hits = concordance(&store, &phrase, lang.as_ref(), args.limit, strategy)?;
    let rendered = match args.format {
        ReportFormat::Text => concordance_text(&hits),
        ReportFormat::Json => concordance_json(&hits),
    };
    ctx.out
        .write_all(rendered.as_bytes())
        .map_err(stdout_error)?;
    if hits.is_empty() {
        if args.format == ReportFormat::Text {
            if store.tm_counts()?.0 == 0 {
                writeln!(ctx.err, "{}", super::EMPTY_MEMORY).map_err(stderr_error)?;
            } else {
                writeln!(ctx.err, "no segment contains \"{phrase}\"").map_err(stderr_error)?;
            }
        }
        return Ok(Outcome::Negative);
    }
    Ok(Outcome::Success)
}
