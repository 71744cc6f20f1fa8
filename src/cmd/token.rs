//! `hcgloss token add|list|remove`: the write tokens of `hcgloss serve`.
//! A new token is printed once; the store keeps only its hash.

use super::{Context, Outcome, open, stderr_error, stdout_error};
use crate::cli::TokenCommand;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::token;

pub fn run(command: &TokenCommand, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    match command {
        TokenCommand::Add { name } => {
            if name.trim().is_empty() || name.chars().any(char::is_control) {
                return Err(Error::Usage(
                    "a token's name is a word or two naming who it is for".into(),
                ));
            }
            let secret = token::generate()?;
            let mut store = open(location, Access::Write)?;
            let mut tx = store.write()?;
            if !tx.add_token(name, &token::hash(&secret), &now_created())? {
                return Err(Error::Usage(format!(
                    "there is a token for {name} already; remove it first to make a new one"
                )));
            }
            tx.commit()?;
            writeln!(ctx.out, "{secret}").map_err(stdout_error)?;
            writeln!(
                ctx.err,
                "token for {name} made; it is shown only this once (the store keeps its hash)"
            )
            .map_err(stdout_error)?;
        }
        TokenCommand::List => {
            let store = open(location, Access::Read)?;
            for t in store.tokens()? {
                writeln!(ctx.out, "{}  {}", t.name, t.created).map_err(stdout_error)?;
            }
        }
        TokenCommand::Remove { name } => {
            let mut store = open(location, Access::Write)?;
            let mut tx = store.write()?;
            if !tx.remove_token(name)? {
                writeln!(ctx.err, "no token for {name}").map_err(stderr_error)?;
                return Ok(Outcome::Negative);
            }
            tx.commit()?;
            writeln!(ctx.out, "removed the token for {name}").map_err(stdout_error)?;
        }
    }
    Ok(Outcome::Success)
}
