//! `hcgloss serve [--listen ADDR]`: the HTTP server of
//! [`hcgloss_server`], on the store every other command uses.

use super::{Context, Outcome, stdout_error};
use crate::cli::ServeArgs;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::lint::Config;
use hcgloss_engine::store::Location;

pub fn run(args: &ServeArgs, location: Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let lint = match &args.config {
        Some(path) => Config::load(path)?,
        None => {
            let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
            Config::discover(&cwd)?
        }
    };
    let store = location.path.display().to_string();
    let config = hcgloss_server::Config {
        listen: args.listen,
        location,
        lint,
        workers: args
            .workers
            .map_or_else(hcgloss_server::default_workers, usize::from),
    };
    let mut announced = Ok(());
    hcgloss_server::run(config, |address| {
        announced = writeln!(
            ctx.err,
            "hcgloss serving {store} on http://{address}/ (Ctrl-C stops it)"
        );
    })?;
    announced.map_err(stdout_error)?;
    Ok(Outcome::Success)
}
