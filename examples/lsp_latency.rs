//! How long `hcgloss lsp` takes from an edit to its diagnostics, as an
//! editor sees it:
//!
//!     cargo build --release
//!     cargo run --release --example lsp_latency [-- BINARY [EDITS [SEED [WORDS]]]]
//!
//! BINARY defaults to target/release/hcgloss, EDITS to 50, SEED to 7 and
//! WORDS to 3000. The script makes a store from the bundled glossary in a
//! temporary folder, writes a WORDS-word Indonesian article (the glossary's Indonesian terms, some
//! deprecated, among filler sentences, reproducibly from SEED), starts the
//! server, opens the article, then sends EDITS single-character edits
//! (one at a time, each inserting a letter after a random word, as typing
//! does) and times each from the moment the `didChange` is written to the
//! moment the `publishDiagnostics` for that version is read. It prints the
//! median, the 95th percentile and the extremes. With LSP_LATENCY_ARTICLE
//! set, the article is also written to that file.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hcgloss_engine::model::Status;
use serde_json::{Value, json};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Sentences of an Indonesian news article, `{}` where a term goes.
const FILLER: &[&str] = &[
    "Pertemuan itu berlangsung di ibu kota pada hari Senin dan dihadiri oleh puluhan delegasi.",
    "Menurut pejabat yang hadir, {} menjadi salah satu pokok pembahasan utama.",
    "Para peserta sepakat untuk memperkuat kerja sama dalam beberapa tahun mendatang.",
    "Dalam sambutannya, ia menekankan pentingnya {} bagi kawasan Asia Tenggara.",
    "Sejumlah negara menyampaikan dukungan terhadap rencana tersebut.",
    "Isu {} juga dibahas dalam sesi tertutup yang berlangsung hingga sore hari.",
    "Laporan resmi akan diterbitkan setelah seluruh dokumen diperiksa oleh tim teknis.",
    "Wartawan yang meliput acara itu mencatat bahwa {} disebut berkali-kali.",
    "Pemerintah berjanji akan menindaklanjuti hasil pertemuan dengan langkah konkret.",
    "Beberapa pengamat menilai bahwa {} masih memerlukan kajian yang lebih mendalam.",
    "Kegiatan serupa dijadwalkan berlangsung kembali pada tahun depan di kota lain.",
    "Delegasi dari negara tetangga menyatakan minat untuk bergabung dengan {}.",
    "Para ahli hukum memberikan masukan mengenai langkah-langkah yang perlu diambil.",
    "Pernyataan bersama yang disepakati menyebut {} sebagai prioritas bersama.",
    "Acara ditutup dengan jamuan makan malam dan pertukaran cendera mata.",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let binary = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/release/hcgloss".to_string());
    let edits: usize = args.get(1).map_or(50, |s| s.parse().expect("EDITS"));
    let seed: u64 = args.get(2).map_or(7, |s| s.parse().expect("SEED"));
    let words: usize = args.get(3).map_or(3000, |s| s.parse().expect("WORDS"));

    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = dir.path().join("store.sqlite");
    let status = Command::new(&binary)
        .arg("--db")
        .arg(&store)
        .args(["import", "--bundled"])
        .stdout(Stdio::null())
        .status()
        .expect("the binary runs (build it with cargo build --release)");
    assert!(status.success(), "import --bundled failed");

    let mut rng = Rng(seed);
    let (article, words) = article(&mut rng, words);
    let path = dir.path().join("article.txt");
    std::fs::write(&path, &article).expect("write the article");
    if let Some(keep) = std::env::var_os("LSP_LATENCY_ARTICLE") {
        std::fs::write(&keep, &article).expect("write the article to LSP_LATENCY_ARTICLE");
    }
    let uri = format!("file://{}", path.display());

    let mut child = Command::new(&binary)
        .arg("--db")
        .arg(&store)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel::<(Instant, Value)>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_message(&mut reader) {
            if tx.send((Instant::now(), message)).is_err() {
                break;
            }
        }
    });
    // The time a message is sent is taken before it is written: a
    // writer descheduled after its write must not shorten the figure.
    let mut send = |message: Value| {
        let framed = format!(
            "Content-Length: {}\r\n\r\n{message}",
            message.to_string().len()
        );
        let at = Instant::now();
        stdin.write_all(framed.as_bytes()).expect("write");
        stdin.flush().expect("flush");
        at
    };
    let wait = |what: &dyn Fn(&Value) -> bool| -> (Instant, Value) {
        loop {
            let (at, m) = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("an answer in time");
            if what(&m) {
                return (at, m);
            }
        }
    };

    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "initializationOptions": {"language": "id"}}}));
    wait(&|m| m["id"] == 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let opened = send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": article}}}));
    let is_publish = |version: i64| {
        let uri = uri.clone();
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == version
                && m["params"]["uri"] == uri.as_str()
        }
    };
    let (at, first) = wait(&is_publish(1));
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    println!(
        "article: {words} words, {} bytes, {} lines; {findings} diagnostics",
        article.len(),
        article.lines().count()
    );
    println!(
        "open → first diagnostics (glossary compiled, first lint): {:.1} ms",
        ms(at - opened)
    );

    // Where a letter can go: after a word, on some line.
    let lines: Vec<&str> = article.split('\n').collect();
    let mut text_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let candidates: Vec<usize> = (0..text_lines.len())
            .filter(|&l| text_lines[l].contains(' '))
            .collect();
        let line = rng.pick(&candidates);
        let spaces: Vec<usize> = text_lines[line]
            .char_indices()
            .filter(|(_, c)| *c == ' ')
            .map(|(b, _)| b)
            .collect();
        let byte = rng.pick(&spaces);
        let character = text_lines[line][..byte].encode_utf16().count();
        let letter = rng.pick(&["a", "e", "i", "n", "s"]);
        text_lines[line].insert_str(byte, letter);
        let version = 2 + i as i64;
        let sent = send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": character},
                    "end": {"line": line, "character": character}}, "text": letter}]}}));
        let (at, _) = wait(&is_publish(version));
        times.push(ms(at - sent));
        // A typist's pace, so each edit is linted on its own.
        std::thread::sleep(Duration::from_millis(30));
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    wait(&|m| m["id"] == 2);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().expect("the server ends");

    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} edits, change → publishDiagnostics: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        at(0.5),
        at(0.95),
        times[0],
        times[times.len() - 1]
    );
    println!("server exit status: {status}");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// An Indonesian article of at least `words` words: paragraphs of filler
/// sentences, half of them carrying a glossary term (of those, 80 in a
/// hundred preferred terms, 10 admitted ones, 6 deprecated or superseded
/// ones and 4 preferred terms with a typo), and the number of words.
fn article(rng: &mut Rng, words: usize) -> (String, usize) {
    let rows = hcgloss_engine::bundled::rows().expect("the bundled glossary");
    let terms: Vec<(String, Status)> = rows
        .into_iter()
        .map(|r| r.term)
        .filter(|t| t.lang.as_str() == "id")
        .map(|t| (t.term, t.status))
        .collect();
    let of = |wanted: &[Status]| -> Vec<&str> {
        terms
            .iter()
            .filter(|(_, s)| wanted.contains(s))
            .map(|(t, _)| t.as_str())
            .collect()
    };
    let preferred = of(&[Status::Preferred]);
    let admitted = of(&[Status::Admitted]);
    let deprecated = of(&[Status::Deprecated, Status::Superseded]);
    let mut out = String::new();
    let mut count = 0;
    while count < words {
        let sentences = 3 + rng.below(4);
        let mut paragraph = Vec::new();
        for _ in 0..sentences {
            let template = rng.pick(FILLER);
            let sentence = if template.contains("{}") {
                let term = match rng.below(100) {
                    0..6 => rng.pick(&deprecated).to_string(),
                    6..16 => rng.pick(&admitted).to_string(),
                    16..20 => {
                        let term = rng.pick(&preferred);
                        typo(rng, term)
                    }
                    _ => rng.pick(&preferred).to_string(),
                };
                template.replace("{}", &term)
            } else {
                template.to_string()
            };
            count += sentence.split_whitespace().count();
            paragraph.push(sentence);
        }
        out.push_str(&paragraph.join(" "));
        out.push_str("\n\n");
    }
    (out, count)
}

/// `term` with two neighbouring letters of its longest word swapped.
fn typo(rng: &mut Rng, term: &str) -> String {
    let words: Vec<&str> = term.split(' ').collect();
    let longest = (0..words.len())
        .max_by_key(|&i| words[i].chars().count())
        .expect("a word");
    let mut letters: Vec<char> = words[longest].chars().collect();
    if letters.len() < 5 {
        return term.to_string();
    }
    let at = 1 + rng.below(letters.len() - 3);
    letters.swap(at, at + 1);
    let swapped: String = letters.into_iter().collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[longest] = swapped;
    out.join(" ")
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
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
