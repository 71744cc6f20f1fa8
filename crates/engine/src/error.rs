//! The one error type of the library. Every failure a user can cause is a
//! value here with a message that names the file, the line and the problem;
//! the binary turns any of them into exit status 2.

use std::fmt;
use std::path::PathBuf;

/// Where a problem in an input was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = elide(&self.message);
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, message),
            None => write!(f, "{}: {}", self.file, message),
        }
    }
}

/// The most characters of a problem's message shown at each end when it
/// is too long to show whole.
const MESSAGE_ENDS: usize = 200;

/// `message`, with its middle left out when it is long. Messages quote the
/// offending value, and a broken file can make that value megabytes long
/// (a 50 MB line with no separator is one "header"); the start says what
/// is wrong and the end often says what was expected, so both are kept.
fn elide(message: &str) -> std::borrow::Cow<'_, str> {
    let count = message.chars().count();
    if count <= 2 * MESSAGE_ENDS + 50 {
        return message.into();
    }
    let head_end = message
        .char_indices()
        .nth(MESSAGE_ENDS)
        .map_or(message.len(), |(i, _)| i);
    let tail_start = message
        .char_indices()
        .nth(count - MESSAGE_ENDS)
        .map_or(message.len(), |(i, _)| i);
    format!(
        "{}[… {} characters left out …]{}",
        &message[..head_end],
        count - 2 * MESSAGE_ENDS,
        &message[tail_start..]
    )
    .into()
}

/// How many problems of one input are listed before the rest are counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input was rejected; nothing was written.
    #[error("{}", list_problems(.0))]
    Invalid(Vec<Problem>),

    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("no store at {}: a command that only reads does not create one (import or add creates it)", .0.display())]
    NoStore(PathBuf),

    #[error("{}: not an hcgloss store ({reason}); the file was left untouched", .path.display())]
    NotAStore { path: PathBuf, reason: String },

    #[error("{}: the store has schema version {found}, newer than the {known} this hcgloss knows; upgrade hcgloss", .path.display())]
    NewerStore {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("{}: the store cannot be written here: {why}; nothing was written", .path.display())]
    ReadOnlyStore { path: PathBuf, why: String },

    #[error("{}: the store is damaged ({detail}); nothing was written. Save what can still be read (hcgloss --db {} export -o rescue.csv), or restore a backup, then import it into a new store", .path.display(), .path.display())]
    DamagedStore { path: PathBuf, detail: String },

    /// An SQLite error without its context yet; front ends give it one
    /// with [`Error::in_store`].
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// An SQLite error with the store and what was being done.
    #[error("{}: {source} (while {action})", .path.display())]
    Store {
        path: PathBuf,
        action: String,
        #[source]
        source: rusqlite::Error,
    },

    /// Something went wrong inside hcgloss or one of its own files (a
    /// damaged index, a store changed under a search), not in the input.
    #[error("{0}")]
    Internal(String),

    /// A request that cannot be carried out as asked.
    #[error("{0}")]
    Usage(String),
}

fn list_problems(problems: &[Problem]) -> String {
    let mut s = String::new();
    for (i, p) in problems.iter().take(MAX_LISTED_PROBLEMS).enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&p.to_string());
    }
    if problems.len() > MAX_LISTED_PROBLEMS {
        s.push_str(&format!(
            "\n... and {} more problems",
            problems.len() - MAX_LISTED_PROBLEMS
        ));
    }
    if problems.len() > 1 {
        s.push_str(&format!(
            "\n{} problems; nothing was written",
            problems.len()
        ));
    } else {
        s.push_str("\nnothing was written");
    }
    s
}

impl Error {
    /// Another connection held the store's write lock longer than this
    /// one would wait.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(e) | Error::Store { source: e, .. } if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        )
    }

    /// Names the store and the action of an SQLite error; other errors
    /// are returned as they are.
    pub fn in_store(self, path: &std::path::Path, action: &str) -> Error {
        match self {
            Error::Sqlite(source) => Error::Store {
                path: path.to_path_buf(),
                action: action.to_string(),
                source,
            },
            other => other,
        }
    }

    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A single problem in a file, at a line when there is one.
    pub fn invalid(file: &str, line: Option<u64>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![Problem {
            file: file.to_string(),
            line,
            message: message.into(),
        }])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_keep_both_ends() {
        let value = "x".repeat(1_000_000);
        let p = Problem {
            file: "big.csv".into(),
            line: Some(2),
            message: format!("status \"{value}\" is not one of preferred, admitted"),
        };
        let shown = p.to_string();
        assert!(shown.len() < 600, "{} bytes", shown.len());
        assert!(shown.starts_with("big.csv:2: status \"xxx"), "{shown}");
        assert!(
            shown.ends_with("xxx\" is not one of preferred, admitted"),
            "{shown}"
        );
        assert!(
            shown.contains("[… 999643 characters left out …]"),
            "{shown}"
        );
        // Short messages, and long ones of many-byte characters, stay whole
        // or are cut on character boundaries.
        let p = Problem {
            file: "a".into(),
            line: None,
            message: "ủy ban ".repeat(100),
        };
        assert!(p.to_string().contains("characters left out"));
        assert_eq!(elide("short"), "short");
    }
}
