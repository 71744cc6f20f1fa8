//! One module per subcommand. Each takes its parsed arguments and a
//! [`Context`] holding the streams to write to; none prints on its own.

mod add;
mod export;
mod help;
mod import;
mod lint;
mod lint_report;
mod lookup;
mod lsp;
mod remove;
mod serve;
mod show;
mod tm;
mod token;

use std::io::Write;

use crate::cli::{Cli, Command};
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::progress::Progress;
use hcgloss_engine::store::{Access, Location, Store};

/// Where a command writes.
pub struct Context<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub progress: &'a mut dyn Progress,
    /// Whether text output may be coloured (the binary decides: a
    /// terminal, and no `NO_COLOR`).
    pub color: bool,
}

/// How a command ended, short of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: lint found something, or a lookup found nothing.
    Negative,
}

/// Runs the command line.
pub fn run(cli: Cli, ctx: &mut Context<'_>) -> Result<Outcome> {
    match cli.command {
        Command::Completions(args) => return help::completions(args.shell, ctx),
        Command::Man => return help::man(ctx),
        _ => {}
    }
    let location = Location::resolve(cli.db)?;
    let action = cli.command.action();
    let store = location.path.clone();
    let outcome = match cli.command {
        Command::Import(args) => import::run(&args, &location, ctx),
        Command::Export(args) => export::run(&args, &location, ctx),
        Command::Lookup(args) => lookup::run(&args, &location, ctx),
        Command::Show(args) => show::run(&args, &location, ctx),
        Command::Add(args) => add::run(&args, &location, ctx),
        Command::Remove(args) => remove::run(&args, &location, ctx),
        Command::Lint(args) => lint::run(&args, &location, ctx),
        Command::Tm(command) => tm::run(&command, &location, ctx),
        Command::Token(command) => token::run(&command, &location, ctx),
        Command::Serve(args) => serve::run(&args, location, ctx),
        Command::Lsp(_) => Ok(lsp::run(location)),
        Command::Completions(_) | Command::Man => unreachable!("handled above"),
    };
    outcome.map_err(|e| e.in_store(&store, action))
}

fn open(location: &Location, access: Access) -> Result<Store> {
    hcgloss_engine::bundled::open_store(location, access)
}

/// Writes a command's output file (`export -o`, `tm export -o`, `lint
/// --fix`): atomically, and never over one of the store's own files,
/// whatever name leads there.
fn write_output(location: &Location, path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    hcgloss_engine::atomic::write_atomically(path, bytes, &location.own_files())
}

/// Reports what an import of a foreign file adjusted and left out: the
/// details (bounded per kind unless `every`) and the left-out line on
/// standard error.
/// Returns the phrase the result line ends with (`; adjusted: …`, `;
/// decoded from …`), empty when there is nothing to say.
fn report_adjustments(
    ctx: &mut Context<'_>,
    label: &str,
    adjustments: &hcgloss_engine::adjust::Adjustments,
    left_out: &hcgloss_engine::adjust::LeftOut,
    decoding: Option<String>,
    every: bool,
) -> Result<String> {
    for line in adjustments.details(label, every) {
        writeln!(ctx.err, "{line}").map_err(stderr_error)?;
    }
    if !left_out.is_empty() {
        writeln!(
            ctx.err,
            "{label}: left out (hcgloss keeps no such data): {}",
            left_out.describe()
        )
        .map_err(stderr_error)?;
    }
    let mut tail = String::new();
    if !adjustments.is_empty() {
        tail.push_str(&format!("; adjusted: {}", adjustments.summary()));
    }
    if let Some(decoding) = decoding {
        tail.push_str(&format!("; {decoding}"));
    }
    Ok(tail)
}

/// Maps a failed write to standard output to an error naming it.
fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// Maps a failed write to standard error to an error naming it.
fn stderr_error(e: std::io::Error) -> Error {
    Error::io("<stderr>", e)
}
