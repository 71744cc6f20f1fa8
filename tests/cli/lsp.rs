//! `hcgloss lsp` driven as an editor drives it: the real binary on a
//! temporary store, JSON-RPC messages with `Content-Length` framing on
//! its standard input, and what it writes on its standard output read
//! back and checked.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::common::{Env, fixture, read_fixture};
use serde_json::{Value, json};

/// How long any answer may take (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// A client talking to one server process.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another, in order.
    stash: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `hcgloss --db STORE lsp` in the environment's folder.
    fn start(env: &Env) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hcgloss"))
            .arg("--db")
            .arg(&env.db)
            .arg("lsp")
            .current_dir(env.dir.path())
            .env_remove("HCGLOSS_DB")
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.dir.path().join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            stash: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts a server and initializes it with these client capabilities
    /// and initialization options.
    fn initialized(env: &Env, capabilities: Value, options: Value) -> (Client, Value) {
        let mut client = Client::start(env);
        let answer = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, answer)
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("the server reads");
        self.stdin.flush().expect("the server reads");
    }

    fn send(&mut self, message: &Value) {
        let bytes = frame(message);
        self.send_raw(&bytes);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole answer (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message (stashed or new) that `wanted` accepts; the
    /// others are stashed.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.stash.iter().position(&wanted) {
            return self.stash.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.stash.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no such message in time; received: {:#?}", self.stash)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended; received: {:#?}", self.stash)
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .expect("a list")
            .clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `shutdown`, then `exit`: the exit status.
    fn shutdown(mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not end");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = Some(v.parse::<usize>().expect("a length"));
        }
    }
    let mut body = vec![0; length.expect("Content-Length")];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

/// A store holding the lint tests' glossary.
fn env_with_glossary() -> Env {
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    env
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// UTF-16 `line`/`character` of a position, as the test expects them.
fn utf16(text: &str, byte: usize) -> (u64, u64) {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, text[start..byte].encode_utf16().count() as u64)
}

fn range_of(d: &Value) -> ((u64, u64), (u64, u64)) {
    let p = |v: &Value| {
        (
            v["line"].as_u64().expect("line"),
            v["character"].as_u64().expect("character"),
        )
    };
    (p(&d["range"]["start"]), p(&d["range"]["end"]))
}

/// The byte offset of a UTF-16 position in `text`.
fn byte_of(text: &str, line: u64, character: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with LSP text edits applied (from the end, as clients do).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let ((sl, sc), (el, ec)) = range_of(e);
            (
                byte_of(text, sl, sc),
                byte_of(text, el, ec),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

/// The text edits of a code action for `uri`, whichever of the two
/// shapes of a workspace edit it has.
fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit.get("changes") {
        return changes[uri].as_array().expect("edits").clone();
    }
    let documents = edit["documentChanges"].as_array().expect("documentChanges");
    documents
        .iter()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().expect("edits").clone())
        .collect()
}

const ARTICLE: &str = "Bộ Công an 😀 kriminalitas maya meningkat di kawasan Asia Tenggara.\n\
Pengesahannya diharapkan tahun depan, kata Wakil Menteri Keamanan Publik.\n";

#[test]
fn diagnostics_carry_utf16_ranges_rule_severity_and_version() {
    let env = env_with_glossary();
    let (mut client, init) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    let uri = uri_of(&env.path("article.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    let diagnostics = client.diagnostics(&uri, 1);
    let at = ARTICLE.find("kriminalitas").unwrap();
    let d = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("kriminalitas maya"))
        .expect("the deprecated term");
    // Vietnamese letters are one UTF-16 unit each; the emoji is two.
    assert_eq!(utf16(ARTICLE, at), (0, 14));
    assert_eq!(
        range_of(d),
        (
            utf16(ARTICLE, at),
            utf16(ARTICLE, at + "kriminalitas maya".len())
        )
    );
    assert_eq!(d["code"], "deprecated-term");
    assert_eq!(d["source"], "hcgloss");
    assert_eq!(d["severity"], 2, "warning");
    let second = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("Pengesahannya"))
        .expect("the inflected deprecated term");
    assert_eq!(range_of(second), ((1, 0), (1, 13)));
    assert!(client.shutdown().success());
}

#[test]
fn utf32_and_utf8_positions_when_the_client_offers_them() {
    let env = env_with_glossary();
    let at = ARTICLE.find("kriminalitas").unwrap();
    for (offered, expected, start) in [
        (json!(["utf-32", "utf-16"]), "utf-32", 13),
        (json!(["utf-8"]), "utf-8", at as u64),
    ] {
        let (mut client, init) = Client::initialized(
            &env,
            json!({"general": {"positionEncodings": offered}}),
            json!({"language": "id"}),
        );
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], expected);
        let uri = uri_of(&env.path("a.txt"));
        client.open(&uri, "plaintext", ARTICLE);
        let diagnostics = client.diagnostics(&uri, 1);
        assert_eq!(range_of(&diagnostics[0]).0, (0, start), "{expected}");
        // An edit in the same encoding: the emoji replaced by a letter.
        let emoji = ARTICLE.find('😀').unwrap() as u64;
        let (from, to) = if expected == "utf-8" {
            (emoji, emoji + 4)
        } else {
            (11, 12)
        };
        client.change(
            &uri,
            2,
            json!([{"range": {"start": {"line": 0, "character": from}, "end": {"line": 0, "character": to}}, "text": "x"}]),
        );
        let diagnostics = client.diagnostics(&uri, 2);
        let expected_start = if expected == "utf-8" {
            at as u64 - 3
        } else {
            13
        };
        assert_eq!(
            range_of(&diagnostics[0]).0,
            (0, expected_start),
            "{expected}"
        );
        assert!(client.shutdown().success());
    }
}

#[test]
fn incremental_changes_are_linted_in_their_latest_state() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let uri = uri_of(&env.path("a.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    assert_eq!(client.diagnostics(&uri, 1).len(), 2);
    // "kriminalitas maya" (UTF-16 14..31) becomes "kejahatan siber".
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 31}}, "text": "kejahatan siber"}]),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(range_of(&diagnostics[0]), ((1, 0), (1, 13)));

    // A burst of edits, sent at once: typing "kriminalitas maya " letter
    // by letter at the start of line 2.
    let typed = "kriminalitas maya ";
    let mut burst = Vec::new();
    for (i, c) in typed.chars().enumerate() {
        let at = json!({"line": 2, "character": i});
        burst.extend(frame(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": 3 + i},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": c.to_string()}],
            },
        })));
    }
    client.send_raw(&burst);
    let last = 2 + typed.chars().count() as i64;
    let diagnostics = client.diagnostics(&uri, last);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(range_of(&diagnostics[1]), ((2, 0), (2, 17)));
    let published = client
        .stash
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(
        published <= 3,
        "{published} intermediate states of {} edits were linted",
        typed.len()
    );
    // A change without a range replaces the whole text.
    client.change(&uri, 100, json!([{"text": "Teks bersih."}]));
    assert!(client.diagnostics(&uri, 100).is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn quick_fixes_keep_clitics_and_fix_all_does_what_lint_fix_does() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(
        &env,
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        json!({"language": "id"}),
    );
    let text = read_fixture("lint/fix_id.txt");
    let uri = uri_of(&env.path("fix_id.txt"));
    client.open(&uri, "plaintext", &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(!diagnostics.is_empty());

    // On "pengesahannya": the edit replaces "pengesahan", the clitic stays.
    let at = text.find("pengesahannya").unwrap();
    let (line, character) = utf16(&text, at + 3);
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }),
    );
    let actions = answer["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "deprecated-term");
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    let edits = edits_of(fix, &uri);
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "ratifikasi");
    assert_eq!(
        range_of(&edits[0]),
        (utf16(&text, at), utf16(&text, at + "pengesahan".len()))
    );

    // A prefixed form: the suggestion over the whole word, not preferred.
    let at = text.find("melegalisasi").unwrap();
    let (line, character) = utf16(&text, at);
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = answer["result"].as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(fix["isPreferred"], false);
    assert!(fix["title"].as_str().unwrap().contains("re-inflect"));
    assert_eq!(edits_of(fix, &uri)[0]["newText"], "internalisasi");

    // Fix all: the text `lint --fix` writes.
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = answer["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.hcgloss");
    let fixed = apply(&text, &edits_of(&actions[0], &uri));
    assert_eq!(fixed, read_fixture("lint/fix_id.fixed.txt"));
    assert!(client.shutdown().success());
}

#[test]
fn other_rules_with_a_suggestion_get_a_quick_fix() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let text = read_fixture("lint/findings_id.txt");
    let uri = uri_of(&env.path("findings_id.txt"));
    client.open(&uri, "plaintext", &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}},
            "context": {"diagnostics": diagnostics, "only": ["quickfix"]},
        }),
    );
    let actions = answer["result"].as_array().expect("actions");
    let rules: std::collections::BTreeSet<&str> = actions
        .iter()
        .map(|a| a["diagnostics"][0]["code"].as_str().unwrap())
        .collect();
    for rule in [
        "deprecated-term",
        "inconsistent-term",
        "misspelled-term",
        "term-case",
    ] {
        assert!(rules.contains(rule), "no quick fix for {rule}: {rules:?}");
    }
    // Each replaces exactly its diagnostic's range.
    for a in actions {
        let edits = edits_of(a, &uri);
        assert_eq!(edits.len(), 1);
        let d = &a["diagnostics"][0];
        if d["code"] != "deprecated-term" {
            assert_eq!(edits[0]["range"], d["range"], "{a:#?}");
        }
    }
    let misspelt = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "misspelled-term")
        .unwrap();
    assert_eq!(
        edits_of(misspelt, &uri)[0]["newText"],
        "Kementerian Keamanan Publik"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_markdown_document_gets_diagnostics_and_the_tone_mark_fix() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "vi"}));
    let text = "# Hợp tác\n\n*Hòa bình* và hòa hợp là mục tiêu, hòa giải và hoà nhập cũng vậy.\n";
    let uri = uri_of(&env.path("bai.md"));
    client.open(&uri, "markdown", text);
    let diagnostics = client.diagnostics(&uri, 1);
    let tone: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "tone-mark-style")
        .collect();
    assert_eq!(tone.len(), 1, "{diagnostics:#?}");
    let at = text.find("hoà").unwrap();
    assert_eq!(
        range_of(tone[0]),
        (utf16(text, at), utf16(text, at + "hoà".len()))
    );
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": tone[0]["range"],
            "context": {"diagnostics": [tone[0]], "only": ["quickfix"]},
        }),
    );
    let actions = answer["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let fixed = apply(text, &edits_of(&actions[0], &uri));
    assert_eq!(fixed, text.replace("hoà", "hòa"));
    assert!(client.shutdown().success());
}

#[test]
fn hover_shows_the_concept_with_its_terms() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let uri = uri_of(&env.path("a.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    client.diagnostics(&uri, 1);
    let at = ARTICLE.find("maya").unwrap();
    let (line, character) = utf16(ARTICLE, at);
    let answer = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let hover = &answer["result"];
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "**cybercrime** · cyber",
        "“kriminalitas maya” is a deprecated Indonesian term; use **kejahatan siber**.",
        "- **id**: **kejahatan siber** *(preferred)* · kejahatan dunia maya *(admitted)* · ~~kriminalitas maya~~ *(deprecated)*",
        "- **vi**: **tội phạm mạng** *(preferred)*",
        "- **en**: **cybercrime** *(preferred)*",
        "kriminalitas maya (id): Invented for the tests.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(range_of(hover), ((0, 14), (0, 31)));
    // No term under the cursor: no hover.
    let answer = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 40}}),
    );
    assert_eq!(answer["result"], Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn the_language_comes_from_settings_or_is_detected() {
    let env = env_with_glossary();
    // No language given: this Indonesian article is detected as such.
    let (mut client, _) = Client::initialized(&env, json!({}), Value::Null);
    let text = read_fixture("lint/findings_id.txt");
    let uri = uri_of(&env.path("findings_id.txt"));
    client.open(&uri, "markdown", &text);
    let detected = client.diagnostics(&uri, 1);
    assert!(detected.iter().any(|d| d["code"] == "deprecated-term"));
    // Told it is Vietnamese, the Indonesian terms are not checked and the
    // whole text is untranslated.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"hcgloss": {"language": "vi"}}}),
    );
    let as_vietnamese = client.diagnostics(&uri, 1);
    assert!(
        !as_vietnamese.iter().any(|d| d["code"] == "deprecated-term"),
        "{as_vietnamese:#?}"
    );
    assert!(
        as_vietnamese
            .iter()
            .any(|d| d["code"] == "untranslated-text")
    );
    // Settings that do not name the language (Neovim sends `{}` after
    // initialize) leave it as it was.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": " "}]),
    );
    let still = client.diagnostics(&uri, 2);
    assert!(!still.iter().any(|d| d["code"] == "deprecated-term"));
    // "auto" asks for detection again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"hcgloss": {"language": "auto"}}}),
    );
    let detected = client.diagnostics(&uri, 2);
    assert!(detected.iter().any(|d| d["code"] == "deprecated-term"));
    assert!(client.shutdown().success());
}

#[test]
fn hcgloss_toml_of_the_documents_folder_grades_the_rules() {
    let env = env_with_glossary();
    env.write(
        "desk/hcgloss.toml",
        "[rules]\ndeprecated-term = \"error\"\nterm-case = \"off\"\n",
    );
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let inside = uri_of(&env.path("desk/sub/a.txt"));
    let outside = uri_of(&env.path("other/a.txt"));
    let text = "kriminalitas maya dan kementerian luar negeri.\n";
    client.open(&inside, "plaintext", text);
    client.open(&outside, "plaintext", text);
    let graded = client.diagnostics(&inside, 1);
    assert_eq!(graded.len(), 1, "{graded:#?}");
    assert_eq!(graded[0]["severity"], 1, "error");
    let default = client.diagnostics(&outside, 1);
    assert_eq!(default.len(), 2, "{default:#?}");
    assert!(default.iter().all(|d| d["severity"] == 2));
    assert!(client.shutdown().success());
}

#[test]
fn a_change_of_the_store_is_seen_at_the_next_edit() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let uri = uri_of(&env.path("a.txt"));
    let text = "Polisi menangani kasus penipuandaring itu.\n";
    client.open(&uri, "plaintext", text);
    assert!(client.diagnostics(&uri, 1).is_empty());
    for (term, status) in [
        ("penipuan daring", "preferred"),
        ("penipuandaring", "deprecated"),
    ] {
        env.cmd()
            .args(["add", "online-fraud", "--lang", "id", "--term", term])
            .args(["--status", status, "--category", "cyber"])
            .assert()
            .success();
    }
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "\n"}]),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("use \"penipuan daring\"")
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_store_that_goes_away_is_told_once_and_the_last_glossary_kept() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    let uri = uri_of(&env.path("a.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    assert_eq!(client.diagnostics(&uri, 1).len(), 2);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = env.db.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
    let newline = json!([{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "\n"}]);
    client.change(&uri, 2, newline.clone());
    let told = client.wait_for(|m| m["method"] == "window/showMessage");
    let message = told["params"]["message"].as_str().unwrap();
    assert!(message.contains("is gone"), "{message}");
    assert!(message.contains("last read stays in use"), "{message}");
    assert_eq!(client.diagnostics(&uri, 2).len(), 2, "the glossary is kept");
    client.change(&uri, 3, newline);
    assert_eq!(client.diagnostics(&uri, 3).len(), 2);
    assert!(
        !client
            .stash
            .iter()
            .any(|m| m["method"] == "window/showMessage"),
        "told once: {:#?}",
        client.stash
    );
    // The store comes back (another import): it is used again.
    env.import(&fixture("lint/glossary.csv"));
    client.change(
        &uri,
        4,
        json!([{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 31}}, "text": "kejahatan siber"}]),
    );
    assert_eq!(client.diagnostics(&uri, 4).len(), 1);
    assert!(client.shutdown().success());
}

#[test]
fn malformed_messages_and_unknown_methods_are_answered_and_the_server_goes_on() {
    let env = env_with_glossary();
    let mut client = Client::start(&env);
    // Before initialize.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let (_, init) = (
        (),
        client.request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": {"language": "id"}}),
        ),
    );
    assert!(init["result"]["capabilities"].is_object());
    client.notify("initialized", json!({}));

    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32700);
    assert_eq!(answer["id"], Value::Null);

    client.send_raw(&frame(&json!([1, 2])));
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32600);

    client.send_raw(b"this is no header\r\n");
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32700);

    client.send_raw(b"Content-Length: lots\r\n\r\n");
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32700);

    let unknown = client.request("hcgloss/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.notify("hcgloss/unknownNotification", json!({"x": 1}));
    let bad_params = client.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    // Hovering a document that is not open: nothing, no error.
    let none = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none["result"], Value::Null);

    // Still serving.
    let uri = uri_of(&env.path("a.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    assert_eq!(client.diagnostics(&uri, 1).len(), 2);
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_status_1_and_requests_after_shutdown_are_refused() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));

    let (mut client, _) = Client::initialized(&env, json!({}), Value::Null);
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    let refused = client.request("textDocument/hover", json!({}));
    assert_eq!(refused["error"]["code"], -32600, "{refused}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(0));
}

#[test]
fn documents_of_megabytes_and_other_languages() {
    let env = env_with_glossary();
    let (mut client, _) = Client::initialized(&env, json!({}), json!({"language": "id"}));
    // Not text: ignored.
    let rust = uri_of(&env.path("main.rs"));
    client.open(&rust, "rust", "// kriminalitas maya\n");
    // Two megabytes, and one line of a megabyte.
    let big = ARTICLE.repeat(2 * 1024 * 1024 / ARTICLE.len());
    let uri = uri_of(&env.path("big.txt"));
    client.open(&uri, "plaintext", &big);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), big.matches('\n').count());
    let line = ARTICLE
        .replace('\n', " ")
        .repeat(1024 * 1024 / ARTICLE.len());
    let long = uri_of(&env.path("long.txt"));
    client.open(&long, "plaintext", &line);
    let diagnostics = client.diagnostics(&long, 1);
    let last = diagnostics.last().expect("findings");
    let ((l, c), _) = range_of(last);
    let expected = utf16(&line, line.rfind("Pengesahannya").unwrap());
    assert_eq!((l, c), expected);
    // Hover at the far end of the long line.
    let answer = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": long}, "position": {"line": l, "character": c + 2}}),
    );
    assert!(
        answer["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("ratification")
    );
    assert!(
        !client
            .stash
            .iter()
            .any(|m| m["params"]["uri"] == rust.as_str()),
        "a Rust file was linted"
    );
    assert!(client.shutdown().success());
}
