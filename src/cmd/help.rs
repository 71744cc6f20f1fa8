//! `hcgloss completions SHELL` and `hcgloss man`: generated from the clap
//! definitions, so they never disagree with the commands.

use clap::CommandFactory;

use super::{Context, Outcome, stdout_error};
use crate::cli::Cli;
use hcgloss_engine::error::Result;

pub fn completions(shell: clap_complete::Shell, ctx: &mut Context<'_>) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "hcgloss", ctx.out);
    Ok(Outcome::Success)
}

pub fn man(ctx: &mut Context<'_>) -> Result<Outcome> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(ctx.out).map_err(stdout_error)?;
    Ok(Outcome::Success)
}
