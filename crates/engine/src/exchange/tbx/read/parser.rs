//! The state machine under [`super::read`]: which element is open, which
//! entry, language and term are being built, and what each element's text
//! means. It records problems instead of stopping, so that one read lists
//! every problem of a file.

use crate::adjust::{Adjustments, Kind, LeftOut};
use crate::error::Problem;
use crate::exchange::csv::clean_note;
use crate::exchange::tbx::{Reading, read_status, read_type};
use crate::model::{Lang, Status, TermType};
use crate::normalize::clean_term;

#[derive(Debug, Default)]
pub(super) struct TermState {
    pub(super) line: u64,
    pub(super) term: Option<(String, u64)>,
    pub(super) status: Option<Status>,
    pub(super) term_type: Option<TermType>,
    /// The file called it the entry term (ISO 12620 `entryTerm`, the
    /// headword): the one to prefer when no status says which.
    pub(super) entry_term: bool,
    pub(super) notes: Vec<String>,
}

#[derive(Debug)]
pub(super) struct LangState {
    pub(super) line: u64,
    pub(super) lang: Option<Lang>,
    pub(super) tag: String,
    pub(super) terms: Vec<TermState>,
}

#[derive(Debug, Default)]
pub(super) struct EntryState {
    pub(super) id: Option<String>,
    pub(super) line: u64,
    /// Every subject field given, white space collapsed, with its line.
    pub(super) subjects: Vec<(String, u64)>,
    pub(super) langs: Vec<LangState>,
}

/// The element kinds the reader tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    Root,
    Text,
    Body,
    Entry,
    Lang,
    TermHolder,
    /// `termGrp` in a 2008 `ntig`: holds the term and its term notes.
    TermGroup,
    /// `descripGrp` or `termNoteGrp`: its first child is read as if it
    /// stood in the group's place.
    Group,
}

/// Which value an element's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    Term,
    Status,
    Type,
    Note,
    Category,
}

pub(super) struct Capture {
    pub(super) value: Value,
    pub(super) text: String,
    pub(super) line: u64,
    pub(super) depth: usize,
}

pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

pub(super) fn attr<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

pub(super) struct Parser {
    pub(super) label: String,
    pub(super) frames: Vec<Frame>,
    pub(super) skip_depth: usize,
    pub(super) capture: Option<Capture>,
    pub(super) entry: Option<EntryState>,
    pub(super) entries: Vec<EntryState>,
    pub(super) problems: Vec<Problem>,
    pub(super) left_out: LeftOut,
    pub(super) adjustments: Adjustments,
    pub(super) seen_text: bool,
}

impl Parser {
    pub(super) fn problem(&mut self, line: u64, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.label.clone(),
            line: Some(line),
            message: message.into(),
        });
    }

    /// Where in the document an element is, for messages.
    fn entry_context(&self) -> String {
        match &self.entry {
            Some(EntryState { id: Some(id), .. }) => format!(" in entry \"{id}\""),
            Some(EntryState { line, .. }) => format!(" in the entry of line {line}"),
            None => String::new(),
        }
    }

    fn lang_context(&self) -> String {
        let lang = self
            .entry
            .as_ref()
            .and_then(|e| e.langs.last())
            .map(|l| format!(", language {}", l.tag))
            .unwrap_or_default();
        format!("{}{lang}", self.entry_context())
    }

    fn ignore(&mut self, name: &str, attributes: &[(String, String)], line: u64) {
        let what = match attr(attributes, "type") {
            Some(t) => format!("<{} type=\"{t}\">", local(name)),
            None => format!("<{}>", local(name)),
        };
        self.left_out.add(what, line);
        self.skip_depth = 1;
    }

    fn capture(&mut self, value: Value, line: u64) {
        self.capture = Some(Capture {
            value,
            text: String::new(),
            line,
            depth: 0,
        });
    }

    /// The innermost frame that is not a transparent group.
    fn context(&self) -> Option<Frame> {
        self.frames
            .iter()
            .rev()
            .copied()
            .find(|f| *f != Frame::Group)
    }

    pub(super) fn start(&mut self, name: &str, attributes: &[(String, String)], line: u64) {
        let local_name = local(name);
        let in_group = self.frames.last() == Some(&Frame::Group);
        match (self.context(), local_name) {
            (Some(Frame::Root), "tbxHeader" | "martifHeader") => self.skip_depth = 1,
            (Some(Frame::Root), "text") => {
                self.seen_text = true;
                self.frames.push(Frame::Text);
            }
            (Some(Frame::Text), "body") => self.frames.push(Frame::Body),
            (Some(Frame::Body), "conceptEntry" | "termEntry") => {
                self.entry = Some(EntryState {
                    id: attr(attributes, "id").map(str::to_string),
                    line,
                    ..EntryState::default()
                });
                self.frames.push(Frame::Entry);
            }
            (Some(Frame::Entry), "langSec" | "langSet") if !in_group => {
                let tag = attr(attributes, "xml:lang").map(str::to_string);
                let lang = match &tag {
                    None => {
                        let context = self.entry_context();
                        self.problem(
                            line,
                            format!("<{local_name}>{context} has no xml:lang attribute"),
                        );
                        None
                    }
                    Some(t) => match Lang::parse_foreign(t) {
                        Ok((l, note)) => {
                            if let Some(note) = note {
                                self.adjustments.add(
                                    Kind::Language,
                                    line,
                                    format!("{t} → {l}"),
                                    note,
                                );
                            }
                            Some(l)
                        }
                        Err(e) => {
                            self.problem(line, e);
                            None
                        }
                    },
                };
                if let Some(entry) = self.entry.as_mut() {
                    entry.langs.push(LangState {
                        line,
                        lang,
                        tag: tag.unwrap_or_else(|| "?".into()),
                        terms: Vec::new(),
                    });
                }
                self.frames.push(Frame::Lang);
            }
            (Some(Frame::Entry), "descripGrp") if !in_group => self.frames.push(Frame::Group),
            (Some(Frame::Entry), "descrip") if attr(attributes, "type") == Some("subjectField") => {
                self.capture(Value::Category, line)
            }
            (Some(Frame::Entry), "subjectField") => self.capture(Value::Category, line),
            (Some(Frame::Lang), "termSec" | "tig" | "ntig") if !in_group => {
                if let Some(lang) = self.entry.as_mut().and_then(|e| e.langs.last_mut()) {
                    lang.terms.push(TermState {
                        line,
                        ..TermState::default()
                    });
                }
                self.frames.push(Frame::TermHolder);
            }
            (Some(Frame::TermHolder), "termGrp") if !in_group => self.frames.push(Frame::TermGroup),
            (Some(Frame::TermHolder | Frame::TermGroup), "termNoteGrp") if !in_group => {
                self.frames.push(Frame::Group)
            }
            (Some(Frame::TermHolder | Frame::TermGroup), "term") if !in_group => {
                self.capture(Value::Term, line)
            }
            (Some(Frame::TermHolder | Frame::TermGroup), "termNote") => {
                match attr(attributes, "type") {
                    Some("administrativeStatus" | "normativeAuthorization") => {
                        self.capture(Value::Status, line)
                    }
                    Some("termType") => self.capture(Value::Type, line),
                    _ => self.ignore(name, attributes, line),
                }
            }
            (
                Some(Frame::TermHolder | Frame::TermGroup),
                "administrativeStatus" | "normativeAuthorization",
            ) => self.capture(Value::Status, line),
            (Some(Frame::TermHolder | Frame::TermGroup), "termType") => {
                self.capture(Value::Type, line)
            }
            (Some(Frame::TermHolder | Frame::TermGroup), "note") if !in_group => {
                self.capture(Value::Note, line)
            }
            _ => self.ignore(name, attributes, line),
        }
    }

    pub(super) fn end(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Entry => {
                let entry = self.entry.take().unwrap_or_default();
                if entry.langs.is_empty() {
                    let context = match &entry.id {
                        Some(id) => format!(" \"{id}\""),
                        None => String::new(),
                    };
                    self.problem(
                        entry.line,
                        format!("the entry{context} has no language section (langSec or langSet)"),
                    );
                }
                self.entries.push(entry);
            }
            Frame::Lang => {
                let empty = self
                    .entry
                    .as_ref()
                    .and_then(|e| e.langs.last())
                    .filter(|l| l.terms.is_empty())
                    .map(|l| (l.line, self.lang_context()));
                if let Some((line, context)) = empty {
                    self.problem(
                        line,
                        format!("no term section (termSec, tig or ntig){context}"),
                    );
                }
            }
            Frame::TermHolder => {
                let missing = self
                    .entry
                    .as_ref()
                    .and_then(|e| e.langs.last())
                    .and_then(|l| l.terms.last())
                    .filter(|t| t.term.is_none())
                    .map(|t| t.line);
                if let Some(line) = missing {
                    let context = self.lang_context();
                    self.problem(line, format!("a term section has no <term>{context}"));
                }
            }
            _ => {}
        }
    }

    pub(super) fn finish_capture(&mut self, capture: Capture) {
        let Capture {
            value, text, line, ..
        } = capture;
        let context = self.lang_context();
        match value {
            Value::Category => {
                let subject = clean_term(&text);
                if let Some(entry) = self.entry.as_mut()
                    && !subject.is_empty()
                {
                    entry.subjects.push((subject, line));
                }
            }
            Value::Term | Value::Status | Value::Type | Value::Note => {
                let mut problem = None;
                let Some(term) = self
                    .entry
                    .as_mut()
                    .and_then(|e| e.langs.last_mut())
                    .and_then(|l| l.terms.last_mut())
                else {
                    return;
                };
                match value {
                    Value::Term => {
                        let cleaned = clean_term(&text);
                        if term.term.is_some() {
                            problem = Some(format!("a second <term> in one term section{context}"));
                        } else {
                            if cleaned.is_empty() {
                                // MultiTerm writes `<term/>` for a language
                                // not translated yet.
                                self.adjustments.add(
                                    Kind::EmptyTerm,
                                    line,
                                    "",
                                    format!("an empty <term>{context}: left out"),
                                );
                            }
                            term.term = Some((cleaned, line));
                        }
                    }
                    Value::Status => match read_status(&text) {
                        _ if term.status.is_some() => {
                            problem = Some(format!("a second status for one term{context}"));
                        }
                        Reading::Native(s) => term.status = Some(s),
                        Reading::Mapped(s) => {
                            term.status = Some(s);
                            let value = text.trim();
                            self.adjustments.add(
                                Kind::Status,
                                line,
                                format!("{value} → {s}"),
                                format!("status \"{value}\" read as {s}{context}"),
                            );
                        }
                        Reading::Unknown => {
                            let value = text.trim();
                            self.adjustments.add(
                                Kind::Status,
                                line,
                                format!("{value} → none"),
                                format!(
                                    "status \"{value}\" has no hcgloss counterpart{context}: read as if the term had no status"
                                ),
                            );
                        }
                    },
                    Value::Type => match read_type(&text) {
                        _ if term.term_type.is_some() => {
                            problem = Some(format!("a second termType for one term{context}"));
                        }
                        Reading::Native(t) => term.term_type = Some(t),
                        Reading::Mapped(t) => {
                            term.term_type = Some(t);
                            let value = text.trim();
                            term.entry_term = value.eq_ignore_ascii_case("entryTerm");
                            self.adjustments.add(
                                Kind::TermType,
                                line,
                                format!("{value} → {t}"),
                                format!("termType \"{value}\" read as {t}{context}"),
                            );
                        }
                        Reading::Unknown => {}
                    },
                    Value::Note => {
                        // The reader made every literal white space run
                        // one space (a pretty-printer's indentation is not
                        // content); line breaks written `&#10;`, as
                        // hcgloss writes them, are kept.
                        let note = clean_note(&text);
                        if !note.is_empty() {
                            term.notes.push(note);
                        }
                    }
                    Value::Category => unreachable!("handled above"),
                }
                if let Some(message) = problem {
                    self.problem(line, message);
                }
            }
        }
    }
}
