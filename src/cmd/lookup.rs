//! `hcgloss lookup QUERY`: fuzzy search, hits rendered as text or JSON.

use super::{Context, Outcome, open, stdout_error};
use crate::cli::{LookupArgs, ReportFormat};
use crate::render;
use hcgloss_engine::error::Result;
use hcgloss_engine::lookup::Query;
use hcgloss_engine::model::Lang;
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &LookupArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let lang = match &args.lang {
        Some(l) => Some(
            l.parse::<Lang>()
                .map_err(|e| hcgloss_engine::error::Error::Usage(format!("--lang: {e}")))?,
        ),
        None => None,
    };
    let store = open(location, Access::Read)?;
    let text = args.query.join(" ");
    let query = Query {
        text: &text,
        lang: lang.as_ref().map(Lang::as_str),
        limit: args.limit,
        min_score: args.min,
    };
    let hits = store.lookup(&query)?;
    let rendered = match args.format {
        ReportFormat::Text => render::text::hits(&hits),
        ReportFormat::Json => render::json::hits(&hits),
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
            .map_err(stdout_error)?;
        }
        return Ok(Outcome::Negative);
    }
    Ok(Outcome::Success)
}
