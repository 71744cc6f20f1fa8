//! The `hcgloss` binary: parse the command line, run the command on the
//! engine (`hcgloss-engine`), print, exit 0 / 1 / 2.

mod cli;
mod cmd;
mod render;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use cli::Cli;
use cmd::{Context, Outcome};
use hcgloss_engine::progress::{Progress, Silent};
use render::terminal::Escaping;

/// A progress bar on standard error, shown only for long tasks.
struct Bar(Option<indicatif::ProgressBar>);

impl Progress for Bar {
    fn start(&mut self, len: u64, what: &str) {
        if len >= 20_000 {
            let bar = indicatif::ProgressBar::new(len).with_message(what.to_string());
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})")
                    .expect("valid template"),
            );
            self.0 = Some(bar);
        }
    }
    fn advance(&mut self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

/// Ends the process on SIGINT, SIGTERM or SIGHUP the way a shell expects
/// (status 128 + the signal: 130, 143, 129), after removing the temporary
/// files it was writing. A write transaction in progress is simply not
/// committed: SQLite leaves the store as it was.
fn exit_cleanly_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _no_more_temporary_files = hcgloss_engine::atomic::remove_live_temps();
                signal_hook::low_level::exit(128 + signal);
            }
        });
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !cli.command.handles_signals() {
        exit_cleanly_on_signals();
    }
    // Everything on standard error is for a person: messages quote file
    // names and content, which must not reach the terminal raw.
    // Standard output is locked for the whole run, except for a command
    // that writes it from threads of its own (the language server), which
    // is given nowhere else to write.
    let mut out: Box<dyn Write> = if cli.command.owns_stdout() {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::stdout().lock())
    };
    // Not locked for the whole run: a server logs from its threads.
    let mut err = Escaping::new(std::io::stderr());
    let mut bar = Bar(None);
    let mut silent = Silent;
    let progress: &mut dyn Progress = if std::io::stderr().is_terminal() {
        &mut bar
    } else {
        &mut silent
    };
    // https://no-color.org: a non-empty NO_COLOR turns colour off.
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let result = cmd::run(
        cli,
        &mut Context {
            out: &mut out,
            err: &mut err,
            progress,
            color,
        },
    );
    let _ = out.flush();
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Negative) => ExitCode::from(1),
        // A reader that stopped early (`hcgloss man | head`) is not an
        // error of ours: stop quietly, as other command-line tools do.
        Err(hcgloss_engine::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "hcgloss: {e}");
            ExitCode::from(2)
        }
    }
}
