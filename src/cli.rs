//! The command line, declared with clap's derive API. Parsing only: what
//! each command does lives in [`crate::cmd`].

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use hcgloss_engine::lint::{Rule, Severity};
use hcgloss_engine::model::{Lang, Status, TermType};

/// `--fail-on`'s values, listed in help, parsed as the engine's severity.
fn severity_parser() -> impl TypedValueParser<Value = Severity> {
    PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .map(|s| s.parse::<Severity>().expect("one of the listed values"))
}

#[derive(Debug, Parser)]
#[command(
    name = "hcgloss",
    version,
    about = "Indonesian–Vietnamese–English termbase, fuzzy lookup and terminology lint for news translation"
)]
pub struct Cli {
    /// The store to use (default: $HCGLOSS_DB, else the per-user store,
    /// created and seeded from the bundled glossary on first use).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a glossary file into the store (all rows checked first; any bad row changes nothing).
    Import(ImportArgs),
    /// Export the termbase.
    Export(ExportArgs),
    /// Fuzzy search over all terms of all languages.
    Lookup(LookupArgs),
    /// Show one concept with all its terms.
    Show(ShowArgs),
    /// Add a term to a concept (creating the concept), or change an existing term.
    Add(AddArgs),
    /// Remove one term, or a whole concept.
    Remove(RemoveArgs),
    /// Check articles for terminology problems (exit 1 when there are findings).
    Lint(LintArgs),
    /// Translation memory: import, export, fuzzy search, concordance.
    #[command(subcommand)]
    Tm(TmCommand),
    /// Serve the termbase, lint and the translation memory over HTTP, with a web page.
    Serve(ServeArgs),
    /// A Language Server Protocol server on standard input and output:
    /// lint diagnostics, quick fixes and term hovers in the editor.
    Lsp(LspArgs),
    /// Write tokens for the server: add (prints a new token once), list, remove.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Print a shell completion script (e.g. `hcgloss completions bash > /etc/bash_completion.d/hcgloss`).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `hcgloss man | man -l -`.
    Man,
}

/// `hcgloss token ...`: who may write through `hcgloss serve`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token for NAME and print it (once: only its hash is kept).
    Add {
        /// Who the token is for; the audit log names writes by it.
        name: String,
    },
    /// List the tokens' names and when they were made.
    List,
    /// Remove NAME's token; writes with it are refused from then on.
    Remove { name: String },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (another machine's browser needs an
    /// address of this machine's network, e.g. 0.0.0.0:8765).
    #[arg(long, value_name = "ADDR", default_value = hcgloss_server::DEFAULT_LISTEN)]
    pub listen: std::net::SocketAddr,
    /// Lint with this configuration instead of looking for hcgloss.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// How many requests may read the store at once; the others wait
    /// their turn in arrival order [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub workers: Option<u16>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted and ignored: standard input and output is the only
    /// transport, and some editors' clients pass this flag.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

impl Command {
    /// What the command does, for messages: `... (while importing)`.
    pub fn action(&self) -> &'static str {
        match self {
            Command::Import(_) => "importing",
            Command::Export(_) => "exporting",
            Command::Lookup(_) => "looking up",
            Command::Show(_) => "reading a concept",
            Command::Add(_) => "adding a term",
            Command::Remove(_) => "removing terms",
            Command::Lint(_) => "reading the glossary for lint",
            Command::Tm(_) => "working on the translation memory",
            Command::Serve(_) => "serving",
            Command::Lsp(_) => "serving the editor",
            Command::Token(_) => "managing tokens",
            Command::Completions(_) | Command::Man => "writing help",
        }
    }

    /// Long-running commands that end on SIGINT or SIGTERM themselves
    /// (a server finishes its requests first).
    pub fn handles_signals(&self) -> bool {
        matches!(self, Command::Serve(_))
    }

    /// Commands that speak a protocol on standard output from threads of
    /// their own: the binary must not hold standard output's lock for them.
    pub fn owns_stdout(&self) -> bool {
        matches!(self, Command::Lsp(_))
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The glossary file (`-` reads standard input).
    #[arg(required_unless_present = "bundled")]
    pub file: Option<PathBuf>,
    /// Import the glossary built into this hcgloss (after an upgrade, to
    /// take the new shipped glossary into an existing store).
    #[arg(long, conflicts_with_all = ["file", "format", "source", "target"])]
    pub bundled: bool,
    /// Make the store equal to the file: terms the file does not name are removed.
    #[arg(long, conflicts_with = "merge")]
    pub replace: bool,
    /// Where the file leaves a stored term's note empty, keep the stored
    /// note (by default the file is the authority and the note is cleared).
    #[arg(long)]
    pub merge: bool,
    /// Check the file and report what would change, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// List every adjustment made to a foreign file with its line (by
    /// default the first five of each kind, then a count).
    #[arg(long, short)]
    pub verbose: bool,
    /// The file's format (default: from the extension, else the content:
    /// .csv is glossary.csv or a sheet, .tbx/.xml TBX, .txt/.tsv/.utf8 OmegaT).
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// OmegaT glossaries: the language of the first column.
    #[arg(long, value_name = "LANG")]
    pub source: Option<String>,
    /// OmegaT glossaries: the language of the second column.
    #[arg(long, value_name = "LANG")]
    pub target: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// The canonical glossary.csv.
    Csv,
    /// TBX v3 or TBX 2008 (told apart by the root element).
    Tbx,
    /// TBX 2008 (`martif`); read exactly like `tbx`.
    Tbx2008,
    /// OmegaT's tab-separated glossary (needs --source and --target
    /// unless it is an hcgloss export).
    Omegat,
    /// The spreadsheet CSV written by `export --format sheet`.
    Sheet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The canonical glossary.csv.
    Csv,
    /// TBX v3, TBX-Basic dialect, DCA style.
    Tbx,
    /// TBX-Basic 2008 (`martif`), for OmegaT, translate-toolkit, MultiTerm.
    Tbx2008,
    /// OmegaT's tab-separated glossary for one pair (needs --source, --target).
    Omegat,
    /// One row per concept, for spreadsheets and CAT-tool spreadsheet imports.
    Sheet,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The source language: comes first (required for omegat).
    #[arg(long, value_name = "LANG")]
    pub source: Option<String>,
    /// The target language: comes second (required for omegat).
    #[arg(long, value_name = "LANG")]
    pub target: Option<String>,
    /// Only these languages (comma-separated), in this order where the
    /// format lays languages side by side.
    #[arg(long, value_name = "LANG,...", value_delimiter = ',')]
    pub lang: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// What to look for; several words are one query.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only match terms of this language (hits still show every language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// At most this many concepts.
    #[arg(long, default_value_t = hcgloss_engine::lookup::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Leave out hits scoring below this (0–100).
    #[arg(long, default_value_t = hcgloss_engine::lookup::DEFAULT_MIN_SCORE, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min: u8,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Show every term of each hit with its status, type and note (as
    /// `show` does), not only the preferred terms.
    #[arg(long)]
    pub long: bool,
    /// Show only these languages, in this order (e.g. `--show vi,en`).
    #[arg(long, value_name = "LANG,...", value_delimiter = ',')]
    pub show: Vec<Lang>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The concept's slug.
    pub concept: String,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Also list every recorded change of the concept: who, when, what.
    #[arg(long)]
    pub history: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The concept's slug; created when it does not exist.
    pub concept: String,
    #[arg(long)]
    pub lang: Lang,
    #[arg(long)]
    pub term: String,
    /// A new term: preferred when it is its language's first term, else
    /// admitted. Making a term preferred makes the former preferred term
    /// admitted. A stored term keeps its status unless this is given.
    #[arg(long)]
    pub status: Option<Status>,
    /// full, acronym or short (a new term: full; a stored one keeps its type).
    #[arg(long = "type")]
    pub term_type: Option<TermType>,
    /// Required for a new concept; changes the concept's category when given.
    #[arg(long)]
    pub category: Option<String>,
    /// The term's note (a stored term keeps its note unless this is given;
    /// `--note ""` clears it).
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The concept's slug.
    pub concept: String,
    /// With --term: remove only this term of this language.
    #[arg(long, requires = "term")]
    pub lang: Option<Lang>,
    #[arg(long, requires = "lang")]
    pub term: Option<String>,
    /// List what would be removed, and remove nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// `path:line:col: severity[rule] message` and the underlined line.
    Text,
    /// One JSON object with `findings` and `summary`.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files to check: `-` reads standard input; a directory means its
    /// `.txt` and `.md` files, recursively, in name order.
    #[arg(required_unless_present = "explain", num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Print a rule's documentation (what it finds, why, an example) and exit.
    #[arg(long, value_name = "RULE", exclusive = true)]
    pub explain: Option<Rule>,
    /// The documents' language: id, vi or en (default: detected per document).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Exit 1 when a finding has this severity or a higher one.
    #[arg(long, default_value = "warning", value_parser = severity_parser())]
    pub fail_on: Severity,
    /// Rewrite deprecated terms in place with the preferred term.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print what --fix would change as a unified diff; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Print which variants of each concept the files use, how often and where.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub summary: bool,
    /// Use this configuration file instead of looking for hcgloss.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Check translation-memory files (TMX or tab-separated): the language
    /// of the source segments (with --target-lang).
    #[arg(long, value_name = "LANG", requires = "target_lang",
          conflicts_with_all = ["lang", "fix", "diff", "summary"])]
    pub source_lang: Option<String>,
    /// The language of the target segments, checked against the source.
    #[arg(long, value_name = "LANG", requires = "source_lang")]
    pub target_lang: Option<String>,
}

/// `hcgloss tm ...`: the translation memory.
#[derive(Debug, Subcommand)]
pub enum TmCommand {
    /// Import translation units from a TMX or tab-separated file (all units checked first; any bad unit changes nothing).
    Import(TmImportArgs),
    /// Export the translation memory as TMX 1.4 or tab-separated text.
    Export(TmExportArgs),
    /// Fuzzy matches for a sentence, with their translations and the glossary terms it contains.
    Search(TmSearchArgs),
    /// Every stored segment containing a phrase, with its translations.
    Concordance(TmConcordanceArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TmFormat {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated, one column per language, named in a header line.
    Tsv,
}

#[derive(Debug, Args)]
pub struct TmImportArgs {
    /// The TM file (`-` reads standard input).
    pub file: PathBuf,
    /// Default: from the file name (.tmx, .tsv), else from the content.
    #[arg(long, value_enum)]
    pub format: Option<TmFormat>,
    /// List every adjustment made to a foreign file with its line (by
    /// default the first five of each kind, then a count).
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct TmExportArgs {
    #[arg(long, value_enum, default_value_t = TmFormat::Tmx)]
    pub format: TmFormat,
    /// Only these languages, comma-separated (at least two); units with fewer than two of them are left out.
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TmSearchArgs {
    /// The sentence to find matches for; several words are one sentence.
    #[arg(required = true, num_args = 1..)]
    pub sentence: Vec<String>,
    /// The sentence's language.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// The language of the translations to show.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Leave out matches below this percentage (0–100).
    #[arg(long, default_value_t = hcgloss_engine::tm::search::DEFAULT_MIN, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min: u8,
    /// At most this many matches.
    #[arg(long, default_value_t = hcgloss_engine::tm::search::DEFAULT_LIMIT)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Read every segment instead of using the index (slower; the same results).
    #[arg(long)]
    pub scan: bool,
}

#[derive(Debug, Args)]
pub struct TmConcordanceArgs {
    /// The phrase; several words are one phrase.
    #[arg(required = true, num_args = 1..)]
    pub phrase: Vec<String>,
    /// Only segments in this language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// At most this many segments (default: all).
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Read every segment instead of using the index (slower; the same results).
    #[arg(long)]
    pub scan: bool,
}
