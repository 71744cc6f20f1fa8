//! `hcgloss import FILE`: read the file in its format, validate every term
//! against the merged termbase, then write all of it in one transaction,
//! or nothing.

use super::{Context, Outcome, open, report_adjustments, stdout_error};
use crate::cli::{ImportArgs, ImportFormat};
use hcgloss_engine::adjust::{Adjustments, LeftOut};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::exchange::csv;
use hcgloss_engine::exchange::source::{self, Format};
use hcgloss_engine::exchange::tbx::read as tbx_read;
use hcgloss_engine::exchange::{omegat, sheet};
use hcgloss_engine::input::Input;
use hcgloss_engine::model::Lang;
use hcgloss_engine::model::SourcedTerm;
use hcgloss_engine::plan::plan_import;
use hcgloss_engine::store::{Access, Location};

/// A file read, before it meets the store.
enum Read {
    Terms(Vec<SourcedTerm>),
    /// OmegaT rows are paired with the store's concepts once it is open.
    Omegat(omegat::Glossary, Lang, Lang),
}

fn parse_lang(value: &str, flag: &str) -> Result<Lang> {
    value
        .parse()
        .map_err(|e| Error::Usage(format!("{flag}: {e}")))
}

/// The language pair of an OmegaT import: the flags, else what an hcgloss
/// export says on its first line.
fn omegat_pair(
    args: &ImportArgs,
    label: &str,
    declared: Option<(Lang, Lang)>,
) -> Result<(Lang, Lang)> {
    let flags = match (&args.source, &args.target) {
        (Some(s), Some(t)) => Some((parse_lang(s, "--source")?, parse_lang(t, "--target")?)),
        (None, None) => None,
        _ => {
            return Err(Error::Usage(
                "give both --source and --target for an OmegaT glossary".into(),
            ));
        }
    };
    match (flags, declared) {
        (Some(f), Some(d)) if f != d => Err(Error::Usage(format!(
            "{label} says it is {} → {}, but --source/--target say {} → {}",
            d.0, d.1, f.0, f.1
        ))),
        (Some(pair), _) | (None, Some(pair)) => {
            if pair.0 == pair.1 {
                return Err(Error::Usage(
                    "--source and --target are the same language".into(),
                ));
            }
            Ok(pair)
        }
        (None, None) => Err(Error::Usage(format!(
            "{label}: an OmegaT glossary does not name its languages; give --source and --target"
        ))),
    }
}

/// The engine's name for a `--format` value: both TBX dialects are read
/// by one reader, which tells them apart by the root element.
fn source_format(format: ImportFormat) -> Format {
    match format {
        ImportFormat::Csv => Format::Csv,
        ImportFormat::Sheet => Format::Sheet,
        ImportFormat::Tbx | ImportFormat::Tbx2008 => Format::Tbx,
        ImportFormat::Omegat => Format::Omegat,
    }
}

pub fn run(args: &ImportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let mut input = Input::open(&args.file)?;
    let label = input.name();
    let format = source::detect(&mut input, &args.file, args.format.map(source_format))?;
    let decoding = input.decoding.describe();
    let mut adjustments = Adjustments::default();
    let mut left_out = LeftOut::default();
    let mut chosen = Vec::new();
    if format != Format::Omegat && (args.source.is_some() || args.target.is_some()) {
        return Err(Error::Usage(
            "--source and --target are for OmegaT glossaries only".into(),
        ));
    }
    let read = match format {
        Format::Csv => Read::Terms(csv::parse(&label, &input.read_text()?)?),
        Format::Sheet => Read::Terms(sheet::parse(&label, &input.read_text()?)?),
        Format::Tbx => {
            let file = tbx_read::read(&label, input.reader())?;
            adjustments = file.adjustments;
            left_out = file.left_out;
            chosen = file.chosen;
            Read::Terms(file.terms)
        }
        Format::Omegat => {
            if args.replace {
                return Err(Error::Usage(
                    "--replace does not go with an OmegaT glossary: it holds two languages and only usable target terms, so replacing would delete everything else".into(),
                ));
            }
            let glossary = omegat::parse(&label, &input.read_text()?)?;
            let (source, target) = omegat_pair(args, &label, glossary.declared.clone())?;
            Read::Omegat(glossary, source, target)
        }
    };
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let existing = tx.all_terms()?;
    let rows = match read {
        Read::Terms(mut rows) => {
            if format == Format::Tbx {
                hcgloss_engine::plan::settle_foreign(
                    &mut rows,
                    &existing,
                    &chosen,
                    &mut adjustments,
                );
            }
            rows
        }
        Read::Omegat(glossary, source, target) => omegat::resolve(
            &label,
            glossary,
            &source,
            &target,
            &existing,
            &mut adjustments,
        )?,
    };
    let plan = plan_import(&label, existing, rows, args.replace).map_err(Error::Invalid)?;
    for warning in &plan.warnings {
        writeln!(ctx.err, "{warning}").map_err(stdout_error)?;
    }
    let mut summary = format!(
        "{label}: {} added, {} updated, {} unchanged, {} removed",
        plan.added.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.removed.len()
    );
    summary.push_str(&report_adjustments(
        ctx,
        &label,
        &adjustments,
        &left_out,
        decoding,
    )?);
    if args.dry_run {
        writeln!(ctx.out, "{summary} (dry run: nothing written)").map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    if plan.changes_anything() {
        tx.apply(&plan, ctx.progress)?;
        tx.commit()?;
    }
    writeln!(ctx.out, "{summary}").map_err(stdout_error)?;
    Ok(Outcome::Success)
}
