//! The wire: `Content-Length` framed JSON-RPC on a byte stream, read and
//! written on threads of their own and handed to the server as
//! [`lsp_server::Message`]s on a [`Connection`].
//!
//! lsp-server has a stdio transport of its own, but it ends the
//! connection on the first message it cannot read. An editor that sends
//! one bad message (or a person typing at the server) must get an error
//! and a server that goes on, so this reader answers what it cannot use
//! itself, with JSON-RPC's codes, and keeps reading:
//! - a body that is not JSON: ParseError (-32700), id null;
//! - a header block without a usable `Content-Length`, or bytes that are
//!   no header at all: ParseError, id null, and the reader looks for the
//!   next `Content-Length` header (on the same line if need be);
//! - JSON that is no JSON-RPC message (not an object, no method, an id
//!   that is neither a string nor a 32-bit integer): InvalidRequest
//!   (-32600), with the id when there is a usable one;
//! - a body larger than [`MAX_MESSAGE`]: read and dropped, InvalidRequest.
//!
//! Those answers carry `"id": null`, which lsp-server's `Response` cannot
//! express, so the reader hands them to the writer as raw JSON on a
//! second channel.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message body read: a document of tens of megabytes, JSON
/// escaped. A larger one is skipped and answered with an error.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// The longest header line kept; the rest of a longer line is garbage.
const MAX_HEADER_LINE: u64 = 4096;

/// The running transport.
pub struct Transport {
    /// What the server reads messages from and sends messages to.
    pub connection: Connection,
    /// True while the reader holds bytes it has received but not yet
    /// turned into messages: more messages are on their way, and the
    /// server waits for them before linting (see [`crate::server`]).
    pub pending: Arc<AtomicBool>,
    writer: JoinHandle<()>,
}

impl Transport {
    /// Starts reading `input` and writing `output` on two threads.
    pub fn spawn(
        input: impl Read + Send + 'static,
        output: impl Write + Send + 'static,
    ) -> Transport {
        let (to_server, from_client) = crossbeam_channel::unbounded::<Message>();
        let (to_client, for_writer) = crossbeam_channel::unbounded::<Message>();
        let (raw_errors, raw_for_writer) = crossbeam_channel::unbounded::<Value>();
        let pending = Arc::new(AtomicBool::new(false));
        let reading = Arc::clone(&pending);
        std::thread::Builder::new()
            .name("lsp-reader".into())
            .spawn(move || read_loop(input, &to_server, &raw_errors, &reading))
            .expect("a thread for the reader");
        let writer = std::thread::Builder::new()
            .name("lsp-writer".into())
            .spawn(move || write_loop(output, &for_writer, raw_for_writer))
            .expect("a thread for the writer");
        Transport {
            connection: Connection {
                sender: to_client,
                receiver: from_client,
            },
            pending,
            writer,
        }
    }

    /// Closes the server's side and waits until everything sent is
    /// written. The reader is not waited for: it may be blocked reading
    /// an input the client never closes.
    pub fn finish(self) {
        drop(self.connection);
        let _ = self.writer.join();
    }
}

fn read_loop(
    input: impl Read,
    to_server: &Sender<Message>,
    raw_errors: &Sender<Value>,
    pending: &AtomicBool,
) {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut report = |code: ErrorCode, message: String| {
        let _ = raw_errors.send(error_response(Value::Null, code, &message));
    };
    while let Ok(Some(frame)) = read_frame(&mut reader, &mut report) {
        let body = match frame {
            Frame::Body(body) => body,
            Frame::Bad(code, message) => {
                report(code, message);
                continue;
            }
        };
        match classify(&body) {
            Ok(message) => {
                pending.store(!reader.buffer().is_empty(), Ordering::SeqCst);
                if to_server.send(message).is_err() {
                    break;
                }
            }
            Err(answer) => {
                let _ = raw_errors.send(answer);
            }
        }
    }
    pending.store(false, Ordering::SeqCst);
}

fn write_loop(mut output: impl Write, messages: &Receiver<Message>, raw: Receiver<Value>) {
    let mut raw = raw;
    loop {
        let written = crossbeam_channel::select! {
            recv(messages) -> m => match m {
                Ok(m) => m.write(&mut output),
                Err(_) => break,
            },
            recv(raw) -> v => match v {
                Ok(v) => write_raw(&mut output, &v),
                Err(_) => {
                    raw = crossbeam_channel::never();
                    Ok(())
                }
            },
        };
        if written.is_err() {
            // The client stopped reading: nothing more can reach it.
            break;
        }
    }
    let _ = output.flush();
}

fn write_raw(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

/// A JSON-RPC error answer.
pub fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

/// What one header block and its body were.
#[derive(Debug)]
enum Frame {
    Body(Vec<u8>),
    /// Not a usable message: answer with this error.
    Bad(ErrorCode, String),
}

/// Reads one message: headers up to an empty line, then the body.
/// `None` at the end of the input. Bytes that are no header are reported
/// through `report` and skipped.
fn read_frame(
    reader: &mut impl BufRead,
    report: &mut impl FnMut(ErrorCode, String),
) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut in_headers = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let complete = line.ends_with(b"\n");
        let text = trim_line_end(&line);
        if text.is_empty() && complete {
            if in_headers {
                break;
            }
            // Blank lines between messages are harmless.
            continue;
        }
        match find_ascii_case_insensitive(text, b"content-length:") {
            Some(at) => {
                if at > 0 {
                    report(
                        ErrorCode::ParseError,
                        "bytes that are not a message were skipped".into(),
                    );
                }
                in_headers = true;
                let value = String::from_utf8_lossy(&text[at + 15..]).trim().to_string();
                length = Some(value.parse::<usize>().map_err(|_| value));
            }
            None if complete && is_header(text) => {
                // Content-Type, or another header: nothing to do.
                in_headers = true;
            }
            None => {
                report(
                    ErrorCode::ParseError,
                    "expected a Content-Length header; bytes that are not a message were skipped"
                        .into(),
                );
                in_headers = false;
                length = None;
            }
        }
    }
    let length = match length {
        None => {
            return Ok(Some(Frame::Bad(
                ErrorCode::ParseError,
                "a message without a Content-Length header".into(),
            )));
        }
        Some(Err(value)) => {
            return Ok(Some(Frame::Bad(
                ErrorCode::ParseError,
                format!("Content-Length {value:?} is not a length"),
            )));
        }
        Some(Ok(length)) => length,
    };
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut reader.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Frame::Bad(
            ErrorCode::InvalidRequest,
            format!("a message of {length} bytes is larger than the {MAX_MESSAGE} bytes accepted"),
        )));
    }
    let mut body = vec![0; length];
    match reader.read_exact(&mut body) {
        Ok(()) => Ok(Some(Frame::Body(body))),
        // The input ended inside the message.
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `Name: value`, with a header name's characters.
fn is_header(line: &[u8]) -> bool {
    match line.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => line[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        _ => false,
    }
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The message a body holds, or the error answer to send instead.
fn classify(body: &[u8]) -> Result<Message, Value> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        error_response(
            Value::Null,
            ErrorCode::ParseError,
            &format!("the message is not JSON: {e}"),
        )
    })?;
    let Value::Object(object) = &value else {
        return Err(error_response(
            Value::Null,
            ErrorCode::InvalidRequest,
            "a message must be a JSON object (batches are not part of the protocol)",
        ));
    };
    let id = object.get("id");
    let usable_id =
        id.filter(|id| id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok()));
    let invalid = |message: &str| {
        error_response(
            usable_id.cloned().unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            message,
        )
    };
    match (id, object.get("method")) {
        (_, Some(method)) if !method.is_string() => Err(invalid("\"method\" must be a string")),
        (Some(_), Some(_)) if usable_id.is_none() => {
            Err(invalid("\"id\" must be a string or an integer of 32 bits"))
        }
        (Some(_), Some(_)) | (None, Some(_)) => {
            serde_json::from_value(value.clone()).map_err(|e| invalid(&e.to_string()))
        }
        (Some(_), None) if object.contains_key("result") || object.contains_key("error") => {
            serde_json::from_value(value.clone()).map_err(|e| invalid(&e.to_string()))
        }
        _ => Err(invalid("a message needs a \"method\" (or is a response)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader makes of `input`: the messages (or the answers
    /// to bodies that are none), and the problems reported on the way.
    type ReadBack = (Vec<Result<Message, Value>>, Vec<(ErrorCode, String)>);

    fn frames(input: &str) -> ReadBack {
        let mut reader = BufReader::new(input.as_bytes());
        let mut reported = Vec::new();
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut reader, &mut |c, m| reported.push((c, m))).unwrap()
        {
            match frame {
                Frame::Body(body) => out.push(classify(&body)),
                Frame::Bad(c, m) => reported.push((c, m)),
            }
        }
        (out, reported)
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn messages_are_read_back_to_back() {
        let input = format!(
            "{}{}",
            framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        );
        let (out, reported) = frames(&input);
        assert!(reported.is_empty());
        assert!(matches!(&out[0], Ok(Message::Request(r)) if r.method == "initialize"));
        assert!(matches!(&out[1], Ok(Message::Notification(n)) if n.method == "initialized"));
    }

    #[test]
    fn bad_bodies_are_answered_and_reading_goes_on() {
        let input = [
            framed("{not json"),
            framed("[1, 2]"),
            framed(r#"{"jsonrpc":"2.0","id":7}"#),
            framed(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            framed(r#"{"jsonrpc":"2.0","id":"a","method":3}"#),
            framed(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        ]
        .concat();
        let (out, reported) = frames(&input);
        assert!(reported.is_empty());
        let codes: Vec<i64> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e["error"]["code"].as_i64().unwrap())
            .collect();
        assert_eq!(codes, [-32700, -32600, -32600, -32600, -32600]);
        assert_eq!(out[2].as_ref().unwrap_err()["id"], 7);
        assert_eq!(out[3].as_ref().unwrap_err()["id"], Value::Null);
        assert_eq!(out[4].as_ref().unwrap_err()["id"], "a");
        assert!(matches!(&out[5], Ok(Message::Request(r)) if r.method == "shutdown"));
    }

    #[test]
    fn bad_headers_are_skipped_up_to_the_next_message() {
        let good = framed(r#"{"jsonrpc":"2.0","method":"initialized"}"#);
        let input = [
            "garbage line\r\n".to_string(),
            "Content-Length: many\r\n\r\n".into(),
            "Content-Type: x\r\n\r\n".into(),
            format!("junk{good}"),
        ]
        .concat();
        let (out, reported) = frames(&input);
        assert_eq!(out.len(), 1, "{out:?} {reported:?}");
        assert!(out[0].is_ok());
        assert_eq!(reported.len(), 4, "{reported:?}");
        assert!(
            reported
                .iter()
                .all(|(c, _)| *c as i32 == ErrorCode::ParseError as i32)
        );
    }

    #[test]
    fn a_truncated_message_ends_the_input() {
        let (out, _) = frames("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(out.is_empty());
    }
}
