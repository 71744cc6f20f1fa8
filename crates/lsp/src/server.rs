//! The server proper: the protocol's life cycle, the open documents, and
//! what each message does.
//!
//! Everything runs on one thread, in the order the client sent it. After
//! each message the server takes every message already received (and
//! waits for those the reader is still taking apart, see
//! [`crate::transport::Transport::pending`]) before it lints, so a burst
//! of edits is linted once, in its final state: a document is marked
//! dirty by a change and linted when the queue is empty. A request that
//! needs findings (a code action, a hover) lints its document first if it
//! is dirty, so answers always match the text as the client last sent it.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossbeam_channel::{RecvTimeoutError, Sender, TryRecvError};
use hcgloss_engine::lint::{Finding, Language, Linter, Severity};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, Location as LspLocation, MarkupContent, MarkupKind,
    MessageType, NumberOrString, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Exit;
use crate::actions;
use crate::glossary::{Configs, Glossary, Notice};
use crate::hover;
use crate::position::{Encoding, LineIndex, apply_change};

/// The `languageId`s linted, and the file extensions linted whatever
/// their `languageId`.
const LANGUAGE_IDS: &[&str] = &["plaintext", "text", "markdown", "restructuredtext", "rst"];
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "rst"];

/// How long the server waits for a message the reader has begun but not
/// finished taking apart before it lints anyway.
const PENDING_WAIT: Duration = Duration::from_millis(20);

/// Serves one client until `exit`, or until the client goes away.
pub fn serve(
    connection: &Connection,
    pending: &AtomicBool,
    location: hcgloss_engine::store::Location,
) -> Exit {
    let mut server = Server::new(connection.sender.clone(), Glossary::new(location));
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return server.gone();
        };
        if let Some(exit) = server.handle(message) {
            return exit;
        }
        // Everything already received, before linting.
        loop {
            let next = match connection.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Disconnected) => return server.gone(),
                Err(TryRecvError::Empty) if pending.load(Ordering::SeqCst) => {
                    match connection.receiver.recv_timeout(PENDING_WAIT) {
                        Ok(message) => message,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return server.gone(),
                    }
                }
                Err(TryRecvError::Empty) => break,
            };
            if let Some(exit) = server.handle(next) {
                return exit;
            }
        }
        server.publish_dirty();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests are answered ServerNotInitialized.
    Uninitialized,
    Running,
    /// After `shutdown`: only `exit` is left to do.
    ShutDown,
}

/// An open document.
struct Document {
    version: i32,
    text: String,
    /// The file, for `file:` URIs.
    path: Option<PathBuf>,
    /// The findings for `version`, once linted.
    linted: Option<Linted>,
}

/// The lint of one version of a document.
struct Linted {
    linter: Arc<Linter>,
    lang: Option<Language>,
    findings: Vec<Finding>,
    /// One per finding, in the same order.
    diagnostics: Vec<Diagnostic>,
}

/// What the client configured.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Settings {
    /// The language of every document; detected per document when `None`.
    language: Option<Language>,
}

struct Server {
    sender: Sender<Message>,
    phase: Phase,
    encoding: Encoding,
    /// The client applies edits with a document version.
    versioned_edits: bool,
    settings: Settings,
    /// The workspace's folder: where `hcgloss.toml` is looked for for
    /// documents that are no files.
    root: Option<PathBuf>,
    documents: HashMap<Uri, Document>,
    /// Documents to lint and publish, each once, in the order they
    /// changed.
    dirty: VecDeque<Uri>,
    glossary: Glossary,
    configs: Configs,
}

type Handled = Result<Value, (ErrorCode, String)>;

impl Server {
    fn new(sender: Sender<Message>, glossary: Glossary) -> Server {
        Server {
            sender,
            phase: Phase::Uninitialized,
            encoding: Encoding::Utf16,
            versioned_edits: false,
            settings: Settings::default(),
            root: None,
            documents: HashMap::new(),
            dirty: VecDeque::new(),
            glossary,
            configs: Configs::default(),
        }
    }

    /// How the server ends when the client closes the connection without
    /// `exit`: as `exit` would.
    fn gone(&self) -> Exit {
        self.exit()
    }

    fn exit(&self) -> Exit {
        match self.phase {
            Phase::ShutDown => Exit::Clean,
            _ => Exit::WithoutShutdown,
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // A client that stopped reading is noticed by the reader: the
        // connection ends there.
        let _ = self.sender.send(message.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn show(&self, kind: MessageType, message: &str) {
        self.notify(
            "window/showMessage",
            lsp_types::ShowMessageParams {
                typ: kind,
                message: format!("hcgloss: {message}"),
            },
        );
    }

    fn log(&self, kind: MessageType, message: &str) {
        self.notify(
            "window/logMessage",
            lsp_types::LogMessageParams {
                typ: kind,
                message: format!("hcgloss: {message}"),
            },
        );
    }

    /// Handles one message; `Some` when the server is to end.
    fn handle(&mut self, message: Message) -> Option<Exit> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let method = request.method.clone();
                let answer = std::panic::catch_unwind(AssertUnwindSafe(|| self.request(request)))
                    .unwrap_or_else(|_| {
                        Err((
                            ErrorCode::InternalError,
                            format!("{method} failed inside the server; see its standard error"),
                        ))
                    });
                let response = match answer {
                    Ok(result) => Response::new_ok(id, result),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                self.send(response);
                None
            }
            Message::Notification(notification) if notification.method == "exit" => {
                Some(self.exit())
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                if std::panic::catch_unwind(AssertUnwindSafe(|| self.notification(notification)))
                    .is_err()
                {
                    self.log(
                        MessageType::ERROR,
                        &format!("{method} failed inside the server; see its standard error"),
                    );
                }
                None
            }
            // The server sends no requests: nothing to match answers to.
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, request: Request) -> Handled {
        match (self.phase, request.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(params(request.params)?),
            (Phase::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized: send initialize first".into(),
            )),
            (Phase::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down: only exit is expected".into(),
            )),
            (Phase::Running, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "initialize was already received".into(),
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, "textDocument/hover") => to_value(self.hover(params(request.params)?)),
            (Phase::Running, "textDocument/codeAction") => {
                to_value(self.code_actions(params(request.params)?))
            }
            (Phase::Running, method) => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method {method}"),
            )),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        let method = notification.method.clone();
        let done = match method.as_str() {
            "textDocument/didOpen" => params(notification.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => params(notification.params).map(|p| self.did_change(p)),
            "textDocument/didClose" => params(notification.params).map(|p| self.did_close(p)),
            "workspace/didChangeConfiguration" => {
                params(notification.params).map(|p| self.did_change_configuration(p))
            }
            // initialized, didSave, $/cancelRequest (requests are answered
            // in order, at once), $/setTrace and the rest.
            _ => Ok(()),
        };
        if let Err((_, message)) = done {
            self.log(MessageType::WARNING, &format!("{method}: {message}"));
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> Handled {
        let general = params.capabilities.general.as_ref();
        self.encoding = Encoding::negotiate(
            general
                .and_then(|g| g.position_encodings.as_deref())
                .map(|v| v as &[_]),
        );
        self.versioned_edits = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false);
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| &f.uri)
            .or(params.root_uri.as_ref())
            .and_then(file_path);
        self.root = root;
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options);
        }
        self.phase = Phase::Running;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                            CodeActionKind::new(actions::FIX_ALL),
                        ]),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "hcgloss".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        to_value(result)
    }

    /// Reads the language from `{"language": "id"}` or `{"hcgloss":
    /// {"language": "id"}}`; `auto`, empty or null means detected. Settings
    /// that do not name the language leave it as it is (Neovim, for one,
    /// sends `{}` after `initialize`, which must not undo the
    /// `initializationOptions`).
    fn apply_settings(&mut self, value: &Value) {
        let section = value.get("hcgloss").unwrap_or(value);
        let Some(setting) = section.get("language") else {
            return;
        };
        let language = match setting {
            Value::Null => None,
            Value::String(s) if s.is_empty() || s == "auto" => None,
            Value::String(s) => match s.parse::<Language>() {
                Ok(l) => Some(l),
                Err(e) => {
                    self.show(
                        MessageType::WARNING,
                        &format!("{e}; the language is detected per document"),
                    );
                    None
                }
            },
            other => {
                self.show(
                    MessageType::WARNING,
                    &format!(
                        "the language setting {other} is not a string (id, vi, en or auto); the language is detected per document"
                    ),
                );
                None
            }
        };
        let settings = Settings { language };
        if settings != self.settings {
            self.settings = settings;
            self.relint_all();
        }
    }

    fn did_change_configuration(&mut self, params: DidChangeConfigurationParams) {
        if params.settings.is_object() {
            self.apply_settings(&params.settings);
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = file_path(&item.uri);
        let by_extension = path
            .as_deref()
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if !LANGUAGE_IDS.contains(&item.language_id.as_str()) && !by_extension {
            return;
        }
        self.documents.insert(
            item.uri.clone(),
            Document {
                version: item.version,
                text: item.text,
                path,
                linted: None,
            },
        );
        self.mark_dirty(item.uri);
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            return;
        };
        for change in params.content_changes {
            apply_change(
                &mut document.text,
                change.range,
                &change.text,
                self.encoding,
            );
        }
        document.version = params.text_document.version;
        document.linted = None;
        self.mark_dirty(uri);
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.documents.remove(&uri).is_some() {
            self.dirty.retain(|u| u != &uri);
            // The client keeps a closed document's diagnostics until told.
            self.notify(
                "textDocument/publishDiagnostics",
                PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                },
            );
        }
    }

    fn mark_dirty(&mut self, uri: Uri) {
        if !self.dirty.contains(&uri) {
            self.dirty.push_back(uri);
        }
    }

    /// Every open document is to be linted again (the settings or the
    /// glossary changed).
    fn relint_all(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            if let Some(d) = self.documents.get_mut(&uri) {
                d.linted = None;
            }
            self.mark_dirty(uri);
        }
    }

    /// Lints every dirty document and publishes its diagnostics.
    fn publish_dirty(&mut self) {
        while let Some(uri) = self.dirty.pop_front() {
            let linted = std::panic::catch_unwind(AssertUnwindSafe(|| self.lint(&uri)));
            if linted.is_err() {
                self.log(
                    MessageType::ERROR,
                    &format!(
                        "checking {} failed; see the server's standard error",
                        uri.as_str()
                    ),
                );
                continue;
            }
            let Some(document) = self.documents.get(&uri) else {
                continue;
            };
            let Some(linted) = &document.linted else {
                continue;
            };
            self.notify(
                "textDocument/publishDiagnostics",
                PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: linted.diagnostics.clone(),
                    version: Some(document.version),
                },
            );
        }
    }

    /// Lints a document if its findings are not those of its text.
    fn lint(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        if document.linted.is_some() {
            return;
        }
        let dir = match &document.path {
            Some(path) => path.parent().map(Path::to_path_buf),
            None => self.root.clone(),
        }
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
        let (config, problem) = self.configs.for_dir(&dir);
        if let Some(problem) = problem {
            self.show(MessageType::ERROR, &problem);
        }
        let refresh = self.glossary.refresh();
        match &refresh.notice {
            Some(Notice::Trouble(message)) => self.show(MessageType::WARNING, message),
            Some(Notice::Recovered(message)) => self.show(MessageType::INFO, message),
            None => {}
        }
        if refresh.changed {
            // The findings of the other documents came from the old
            // glossary.
            let stale: Vec<Uri> = self
                .documents
                .iter_mut()
                .filter(|(u, d)| *u != uri && d.linted.is_some())
                .map(|(u, d)| {
                    d.linted = None;
                    u.clone()
                })
                .collect();
            for u in stale {
                self.mark_dirty(u);
            }
        }
        let linter = self.glossary.linter(&config);
        let encoding = self.encoding;
        let language = self.settings.language;
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        let label = match &document.path {
            Some(p) => p.display().to_string(),
            None => uri.as_str().to_string(),
        };
        let report = linter.check(&label, &document.text, language);
        let index = LineIndex::new(&document.text, encoding);
        let mut lines = None;
        let diagnostics = report
            .findings
            .iter()
            .map(|f| diagnostic(f, uri, &document.text, &index, &mut lines))
            .collect();
        document.linted = Some(Linted {
            linter,
            lang: report.lang,
            findings: report.findings,
            diagnostics,
        });
    }

    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let uri = params.text_document_position_params.text_document.uri;
        self.lint(&uri);
        let document = self.documents.get(&uri)?;
        let linted = document.linted.as_ref()?;
        let index = LineIndex::new(&document.text, self.encoding);
        let offset = index.offset(params.text_document_position_params.position);
        let (start, end, markdown) =
            hover::at(&linted.linter, &document.text, offset, linted.lang)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(index.range(start, end)),
        })
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        self.lint(&uri);
        let Some(document) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let Some(linted) = &document.linted else {
            return Vec::new();
        };
        let index = LineIndex::new(&document.text, self.encoding);
        let cx = actions::Context {
            uri: &uri,
            version: document.version,
            text: &document.text,
            index: &index,
            linter: &linted.linter,
            lang: linted.lang,
            findings: &linted.findings,
            diagnostics: &linted.diagnostics,
            versioned: self.versioned_edits,
        };
        let only = params.context.only.as_deref();
        let mut out = Vec::new();
        if actions::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
            out.extend(actions::quick_fixes(&cx, params.range));
        }
        if actions::wanted(only, actions::FIX_ALL)
            && let Some(all) = actions::fix_all(&cx)
        {
            out.push(all);
        }
        out.into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}

/// A finding as a diagnostic. `lines` holds the start of each line as
/// lint counts lines (at `\n`), made on first need, to place the related
/// place lint names by line and column.
fn diagnostic(
    f: &Finding,
    uri: &Uri,
    text: &str,
    index: &LineIndex<'_>,
    lines: &mut Option<Vec<usize>>,
) -> Diagnostic {
    let related = f.related.as_ref().map(|place| {
        let starts = lines.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let byte = |line: usize, column: usize| {
            let start = starts
                .get(line.saturating_sub(1))
                .copied()
                .unwrap_or(text.len());
            text[start..]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| start + i)
        };
        let span = place.span;
        DiagnosticRelatedInformation {
            location: LspLocation {
                uri: uri.clone(),
                range: index.range(
                    byte(span.line, span.column),
                    byte(span.end_line, span.end_column),
                ),
            },
            message: "first use of the form this document mostly uses".into(),
        }
    });
    Diagnostic {
        range: index.range(f.start, f.end),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule.name().into())),
        source: Some("hcgloss".into()),
        message: f.message.clone(),
        related_information: related.map(|r| vec![r]),
        ..Diagnostic::default()
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Handled {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// The file a `file:` URI names (`file:///home/a/b%20c.txt`), or `None`.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let scheme_end = s.find(':')?;
    if !s[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = s[scheme_end + 1..].strip_prefix("//")?;
    let slash = rest.find('/')?;
    let host = &rest[..slash];
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = rest[slash..].split(['?', '#']).next()?;
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let path = String::from_utf8(bytes).ok()?;
        // `/C:/dir/file` is `C:/dir/file`.
        let path = match path.as_bytes() {
            [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => path[1..].to_string(),
            _ => path,
        };
        Some(PathBuf::from(path))
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/a/b%20c%C3%A9.txt".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/home/a/b cé.txt")));
        let uri: Uri = "file://localhost/tmp/x.md".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/tmp/x.md")));
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&uri), None);
        let uri: Uri = "file://server/share/x.md".parse().unwrap();
        assert_eq!(file_path(&uri), None);
    }
}
