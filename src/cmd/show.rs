//! `hcgloss show CONCEPT`: one concept with all its terms.

use super::{Context, Outcome, open, stderr_error, stdout_error};
use crate::cli::{ReportFormat, ShowArgs};
use crate::render;
use hcgloss_engine::error::Result;
use hcgloss_engine::store::{Access, Location};

pub fn run(args: &ShowArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let store = open(location, Access::Read)?;
    let Some(concept) = store.concept(&args.concept)? else {
        writeln!(
            ctx.err,
            "no concept \"{}\" in {}",
            args.concept,
            store.path().display()
        )
        .map_err(stderr_error)?;
        return Ok(Outcome::Negative);
    };
    let rendered = match args.format {
        ReportFormat::Text => render::text::concept(&concept),
        ReportFormat::Json => hcgloss_report::concept::concept(&concept),
    };
    ctx.out
        .write_all(rendered.as_bytes())
        .map_err(stdout_error)?;
    if args.history {
        let history = store.history(&args.concept)?;
        let rendered = match args.format {
            ReportFormat::Text => render::text::history(&history),
            ReportFormat::Json => hcgloss_report::to_string(&history),
        };
        ctx.out
            .write_all(rendered.as_bytes())
            .map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}
