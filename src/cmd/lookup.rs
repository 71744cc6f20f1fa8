//! `hcgloss lookup QUERY`: fuzzy search, hits rendered as text or JSON.

use super::{Context, Outcome, open, stderr_error, stdout_error};
use crate::cli::{LookupArgs, ReportFormat};
use crate::render;
use crate::render::text::{Detail, Languages};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::lookup::Query;
use hcgloss_engine::model::Lang;
use hcgloss_engine::normalize::fold_key;
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &LookupArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let text = args.query.join(" ");
    if fold_key(&text).is_empty() {
        return Err(Error::Usage(format!(
            "the query \"{text}\" has no letters or digits to look up"
        )));
    }
    let store = open(location, Access::Read)?;
    let query = Query {
        text: &text,
        lang: args.lang.as_ref().map(Lang::as_str),
        limit: args.limit,
        min_score: args.min,
    };
    let hits = store.lookup(&query)?;
    let langs = Languages((!args.show.is_empty()).then_some(args.show.as_slice()));
    let detail = if args.long {
        Detail::Long
    } else {
        Detail::Compact
    };
    let rendered = match args.format {
        ReportFormat::Text => render::text::hits(&hits, detail, langs),
        ReportFormat::Json => hcgloss_report::concept::hits(&hits),
    };
    ctx.out
        .write_all(rendered.as_bytes())
        .map_err(stdout_error)?;
    if hits.is_empty() {
        if args.format == ReportFormat::Text {
            writeln!(
                ctx.err,
                "no term matches \"{text}\" with a score of {} or more",
                args.min
            )
            .map_err(stderr_error)?;
        }
        return Ok(Outcome::Negative);
    }
    Ok(Outcome::Success)
}
