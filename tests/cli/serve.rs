//! `hcgloss serve` through a real HTTP client: the binary is started on a
//! port the system chooses on loopback, each test talks to it, and the
//! answers are compared with what the command line prints for the same
//! question.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{Env, fixture};
use serde_json::Value;

/// A running server and what it has logged.
struct Server {
    child: Child,
    base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(env: &Env) -> Server {
        Server::start_with(env, &[])
    }

    fn start_with(env: &Env, options: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hcgloss"));
        command
            .arg("--db")
            .arg(&env.db)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(options)
            .current_dir(env.dir.path());
        Server::spawn(command)
    }

    /// `hcgloss serve` with no store named, as on a fresh machine: the
    /// per-user store inside `env`'s temporary home.
    fn start_on_the_default_store(env: &Env) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hcgloss"));
        command
            .env_remove("HCGLOSS_DB")
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.dir.path().join("data"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .current_dir(env.dir.path());
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().expect("piped");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(
                        line[at..]
                            .trim_end_matches(" (Ctrl-C stops it)")
                            .to_string(),
                    );
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server says where it listens");
        Server {
            child,
            base: base.trim_end_matches('/').to_string(),
            log,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Status and body of a response.
fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut response = result.expect("an answer");
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    (status, body)
}

fn get(server: &Server, path: &str) -> (u16, String) {
    answer(agent().get(server.url(path)).call())
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

fn glossary_env() -> Env {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env
}

fn cli_stdout(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn reads_answer_in_the_command_lines_json_shapes() {
    let env = glossary_env();
    env.cmd()
        .args(["tm", "import"])
        .arg(fixture("tm/sample.tmx"))
        .assert()
        .success();
    let server = Server::start(&env);

    assert_eq!(get(&server, "/healthz"), (200, "ok\n".into()));

    let (status, body) = get(&server, "/api/v1/lookup?q=bo%20cong%20an&limit=3");
    assert_eq!(status, 200);
    assert_eq!(
        body,
        cli_stdout(
            &env,
            &["lookup", "bo cong an", "--limit", "3", "--format", "json"]
        )
    );

    let (status, body) = get(&server, "/api/v1/concepts/cybercrime");
    assert_eq!(status, 200);
    assert_eq!(
        body,
        cli_stdout(&env, &["show", "cybercrime", "--format", "json"])
    );
    let (status, body) = get(&server, "/api/v1/concepts/no-such-thing");
    assert_eq!(status, 404);
    assert_eq!(json(&body)["error"], "no concept \"no-such-thing\"");

    let sentence = "Ban Chỉ đạo đã họp để rà soát công tác an ninh và y tế.";
    let (status, body) = get(
        &server,
        "/api/v1/tm/search?q=Ban%20Ch%E1%BB%89%20%C4%91%E1%BA%A1o%20%C4%91%C3%A3%20h%E1%BB%8Dp%20%C4%91%E1%BB%83%20r%C3%A0%20so%C3%A1t%20c%C3%B4ng%20t%C3%A1c%20an%20ninh%20v%C3%A0%20y%20t%E1%BA%BF.&from=vi&to=en",
    );
    assert_eq!(status, 200);
    assert_eq!(
        body,
        cli_stdout(
            &env,
            &[
                "tm", "search", sentence, "--from", "vi", "--to", "en", "--format", "json"
            ]
        )
    );
    let (status, body) = get(
        &server,
        "/api/v1/tm/concordance?q=ban%20chi%20dao%20quoc%20gia&lang=vi",
    );
    assert_eq!(status, 200);
    assert_eq!(
        body,
        cli_stdout(
            &env,
            &[
                "tm",
                "concordance",
                "ban chi dao quoc gia",
                "--lang",
                "vi",
                "--format",
                "json"
            ]
        )
    );

    // amaGama's shape, with the language codes its clients write.
    let (status, body) = get(
        &server,
        "/tmserver/vi/en_US/unit/Ban%20Ch%E1%BB%89%20%C4%91%E1%BA%A1o%20%C4%91%C3%A3%20h%E1%BB%8Dp%20%C4%91%E1%BB%83%20r%C3%A0%20so%C3%A1t%20c%C3%B4ng%20t%C3%A1c%20an%20ninh%20v%C3%A0%20y%20t%E1%BA%BF.",
    );
    assert_eq!(status, 200);
    // en_US matches only en-US segments: the sample has plain en.
    assert_eq!(json(&body), serde_json::json!([]));
    let (_, body) = get(
        &server,
        "/tmserver/vi/en/unit/Ban%20Ch%E1%BB%89%20%C4%91%E1%BA%A1o%20%C4%91%C3%A3%20h%E1%BB%8Dp%20%C4%91%E1%BB%83%20r%C3%A0%20so%C3%A1t%20c%C3%B4ng%20t%C3%A1c%20an%20ninh%20v%C3%A0%20y%20t%E1%BA%BF.",
    );
    let matches = json(&body);
    let first = &matches[0];
    assert_eq!(
        first["target"],
        "The Steering Committee met to review security and protocol."
    );
    assert_eq!(first["quality"], 86.0);
    assert!(first["source"].as_str().unwrap().starts_with("Ban Chỉ đạo"));

    // One line per request on standard error.
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains(" GET /api/v1/lookup 200 "), "{log}");
    assert!(
        log.contains(" GET /api/v1/concepts/no-such-thing 404 "),
        "{log}"
    );
}

#[test]
fn lint_answers_what_lint_prints_for_the_same_text() {
    let env = glossary_env();
    let server = Server::start(&env);
    let text = "Kriminalitas maya meningkat. Panitia Pengarah dan Komite Pengarah bertemu di Bo Cong An.\n";
    let (status, body) = answer(
        agent()
            .post(server.url("/api/v1/lint?lang=id"))
            .header("Content-Type", "text/plain; charset=utf-8")
            .send(text),
    );
    assert_eq!(status, 200);
    let from_server = json(&body);
    let out = env
        .cmd()
        .args(["lint", "--format", "json", "--lang", "id", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let mut from_cli = json(&String::from_utf8(out.stdout).unwrap());
    // The only difference: what the document is called.
    for f in from_cli["findings"].as_array_mut().unwrap() {
        f["file"] = "request".into();
    }
    from_cli["summary"]["documents"][0]["file"] = "request".into();
    assert_eq!(from_server, from_cli);
    assert!(from_server["summary"]["findings"].as_u64().unwrap() >= 1);

    // Bad requests say what is wrong.
    let (status, body) = answer(
        agent()
            .post(server.url("/api/v1/lint?lang=xx"))
            .send("teks"),
    );
    assert_eq!(status, 400);
    assert!(json(&body)["error"].as_str().unwrap().starts_with("lang: "));
    let big = "kata ".repeat(500_000);
    let (status, _) = answer(agent().post(server.url("/api/v1/lint")).send(&big));
    assert_eq!(status, 413);
    let (status, body) = get(&server, "/api/v1/lookup?q=%20%20");
    assert_eq!(status, 400);
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .contains("q is missing")
    );
    let (status, _) = get(&server, "/api/v1/lookup?q=x&min=300");
    assert_eq!(status, 400);
    let (status, body) = get(&server, "/api/v2/nothing");
    assert_eq!(status, 404);
    assert!(json(&body)["error"].is_string());
}

#[test]
fn writes_need_a_known_token_and_are_recorded() {
    let env = glossary_env();
    let token = cli_stdout(&env, &["token", "add", "dewi"])
        .trim()
        .to_string();
    let server = Server::start(&env);
    let term = r#"{"concept": "steering-committee", "lang": "id", "term": "Panitia Pengarah", "status": "preferred"}"#;

    let post = |auth: Option<&str>, body: &str| {
        let mut request = agent()
            .post(server.url("/api/v1/terms"))
            .header("Content-Type", "application/json");
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        answer(request.send(body))
    };
    let (status, _) = post(None, term);
    assert_eq!(status, 401);
    let (status, _) = post(Some("Bearer hcg_not-a-token"), term);
    assert_eq!(status, 403);
    let bearer = format!("Bearer {token}");
    let (status, body) = post(Some(&bearer), "{not json");
    assert_eq!(status, 400, "{body}");
    let (status, body) = post(
        Some(&bearer),
        r#"{"concept": "steering-committee", "lang": "id", "term": "x", "status": "preferd"}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .starts_with("status: ")
    );

    let (status, body) = post(Some(&bearer), term);
    assert_eq!(status, 200, "{body}");
    let answer_json = json(&body);
    assert_eq!(answer_json["result"], "updated");
    assert_eq!(answer_json["demoted"][0]["term"], "Komite Pengarah");
    // The store changed for every reader: the command line sees it.
    assert!(
        cli_stdout(&env, &["show", "steering-committee"]).contains("Panitia Pengarah    preferred")
    );
    // A new term of a new concept is 201.
    let (status, _) = post(
        Some(&bearer),
        r#"{"concept": "hanoi", "lang": "vi", "term": "Hà Nội", "category": "place"}"#,
    );
    assert_eq!(status, 201);

    // DELETE needs the token too.
    let remove = r#"{"concept": "hanoi", "lang": "vi", "term": "Hà Nội"}"#;
    let (status, _) = answer(
        agent()
            .delete(server.url("/api/v1/terms"))
            .force_send_body()
            .header("Content-Type", "application/json")
            .send(remove),
    );
    assert_eq!(status, 401);
    let (status, body) = answer(
        agent()
            .delete(server.url("/api/v1/terms"))
            .force_send_body()
            .header("Content-Type", "application/json")
            .header("Authorization", &bearer)
            .send(remove),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["removed"][0]["term"], "Hà Nội");

    // Who did what, from the server and from the command line.
    let (status, body) = get(&server, "/api/v1/concepts/steering-committee/history");
    assert_eq!(status, 200, "{body}");
    let history = json(&body);
    assert_eq!(history[0]["actor"], "dewi");
    assert_eq!(history[0]["action"], "updated");
    assert_eq!(history[1]["action"], "demoted");
    assert!(
        cli_stdout(&env, &["show", "hanoi", "--history"]).is_empty(),
        "the concept is gone"
    );

    // A removed token stops working at once.
    env.cmd()
        .args(["token", "remove", "dewi"])
        .assert()
        .success();
    let (status, _) = post(Some(&bearer), term);
    assert_eq!(status, 403);
}

#[test]
fn on_a_fresh_machine_serve_makes_and_seeds_the_default_store() {
    let env = Env::new();
    let server = Server::start_on_the_default_store(&env);
    let (status, body) = get(&server, "/api/v1/lookup?q=bo%20cong%20an");
    assert_eq!(status, 200);
    assert_eq!(json(&body)[0]["concept"], "ministry-of-public-security");
    let (status, body) = answer(
        agent()
            .post(server.url("/api/v1/lint?lang=id"))
            .send("Sekretariat ASEANPOL bertemu.\n"),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        json(&body)["findings"][0]["rule"],
        "deprecated-term",
        "{body}"
    );
    assert!(env.dir.path().join("data/hcgloss/hcgloss.sqlite").exists());
}

#[test]
fn one_reader_at_a_time_still_answers_many_clients() {
    let env = glossary_env();
    let server = Server::start_with(&env, &["--workers", "1"]);
    let lookup = "/api/v1/lookup?q=komite%20pengarah";
    let (_, alone) = get(&server, lookup);
    let text = "Panitia Pengarah bertemu.\n";
    let (_, linted_alone) = answer(agent().post(server.url("/api/v1/lint?lang=id")).send(text));
    let answers: Vec<(u16, String, u16, String)> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..16)
            .map(|_| {
                scope.spawn(|| {
                    let (s1, b1) = get(&server, lookup);
                    let (s2, b2) =
                        answer(agent().post(server.url("/api/v1/lint?lang=id")).send(text));
                    (s1, b1, s2, b2)
                })
            })
            .collect();
        clients.into_iter().map(|c| c.join().unwrap()).collect()
    });
    for (s1, b1, s2, b2) in answers {
        assert_eq!((s1, s2), (200, 200));
        assert_eq!(b1, alone);
        assert_eq!(b2, linted_alone);
    }
    assert_eq!(json(&linted_alone)["summary"]["findings"], 1);
}

#[test]
fn changes_by_another_process_are_served_from_the_next_request() {
    let env = glossary_env();
    let server = Server::start(&env);
    // Findings, and the generations the answer names: the glossary's and
    // the store's.
    let lint_with_generations = |text: &str| {
        let mut response = agent()
            .post(server.url("/api/v1/lint?lang=id"))
            .send(text)
            .expect("an answer");
        let generation =
            |name: &str| -> u64 { response.headers()[name].to_str().unwrap().parse().unwrap() };
        let generations = (
            generation("hcgloss-glossary-generation"),
            generation("hcgloss-store-generation"),
        );
        let body = response.body_mut().read_to_string().unwrap();
        (
            json(&body)["summary"]["findings"].as_u64().unwrap(),
            generations,
        )
    };
    let lint = |text: &str| lint_with_generations(text).0;
    let text = "Bandar udara baru dibuka.\n";
    let (findings, (glossary_before, store_before)) = lint_with_generations(text);
    assert_eq!(findings, 0);
    assert_eq!(glossary_before, store_before);
    let (_, body) = get(&server, "/api/v1/lookup?q=bandar%20udara");
    assert_eq!(json(&body), serde_json::json!([]));
    env.cmd()
        .args([
            "add",
            "airport",
            "--lang",
            "id",
            "--term",
            "bandara",
            "--category",
            "general",
        ])
        .assert()
        .success();
    env.cmd()
        .args([
            "add",
            "airport",
            "--lang",
            "id",
            "--term",
            "bandar udara",
            "--status",
            "deprecated",
        ])
        .assert()
        .success();
    // A small store compiles well within the wait: the answer is fresh.
    let (findings, (glossary_after, store_after)) = lint_with_generations(text);
    assert_eq!(findings, 1);
    assert_eq!(glossary_after, store_after);
    assert_ne!(store_after, store_before);
    assert_eq!(lint(text), 1);
    let (_, body) = get(&server, "/api/v1/lookup?q=bandar%20udara");
    assert_eq!(json(&body)[0]["concept"], "airport");
}

#[test]
fn sigterm_lets_the_server_finish_and_exit() {
    let env = glossary_env();
    let mut server = Server::start(&env);
    assert_eq!(get(&server, "/healthz").0, 200);
    // A lint long enough to be in flight when the signal comes: about
    // 1.5 MB, a deprecated term on every line.
    let text = "Panitia Pengarah bertemu di Hanoi untuk membahas kerja sama.\n".repeat(24_000);
    let url = server.url("/api/v1/lint?lang=id");
    let in_flight = std::thread::spawn(move || {
        let answer = answer(agent().post(url).send(text.as_str()));
        (answer, Instant::now())
    });
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id() as i32;
    // SAFETY: signalling a child process this test started.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let signalled = Instant::now();
    let ((status, body), answered) = in_flight.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["summary"]["findings"], 24_000);
    assert!(
        answered > signalled,
        "the lint was answered before the signal, so this proves nothing: lengthen it"
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "still running");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.log.lock().unwrap().contains("shutting down"));
}
