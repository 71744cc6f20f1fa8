//! The web page of `hcgloss serve` in a real browser: Debian's Chromium
//! driven through chromedriver (WebDriver), against a server this test
//! starts on loopback. Runs when `chromium` and `chromedriver` are
//! installed (CI installs them) and says it was skipped otherwise.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Env, fixture};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The key WebDriver names element references by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_server(env: &Env) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&env.db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(at) = line.find("http://") {
            break line[at..]
                .trim_end_matches(" (Ctrl-C stops it)")
                .trim_end_matches('/')
                .to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (Killed(child), base)
}

/// A WebDriver session.
struct Browser {
    agent: ureq::Agent,
    session: String,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let driver = Killed(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut session = Browser {
            agent,
            session: base,
            _driver: driver,
            _profile: profile,
        };
        let created = session.call("POST", "/session", capabilities);
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        session.session = format!("{}/session/{id}", session.session);
        session
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        };
        let mut response = response.expect("chromedriver answers");
        let text = response.body_mut().read_to_string().unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["value"]["error"].is_string() && path != "/element" && path != "/elements" {
            panic!("{method} {path}: {value}");
        }
        value["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    /// Waits until `css` matches `count` or more elements, and returns
    /// their references.
    fn wait_for(&self, css: &str, count: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let found = self.call(
                "POST",
                "/elements",
                json!({"using": "css selector", "value": css}),
            );
            let ids: Vec<String> = found
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|e| e[ELEMENT].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if ids.len() >= count {
                return ids;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "no {count} × {css} after 15 s; page: {}",
                self.script("return document.body.innerText")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the first element `css` matches has a text that
    /// `wanted` accepts, and returns that text. Read afresh on every poll:
    /// the page re-renders its results as the query changes, and a
    /// reference kept from before would be stale.
    fn wait_for_text(&self, css: &str, wanted: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        let script = format!(
            "const e = document.querySelector({}); return e ? e.innerText : null",
            serde_json::to_string(css).unwrap()
        );
        loop {
            if let Some(text) = self.script(&script).as_str()
                && wanted(text)
            {
                return text.to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{css} never showed the text wanted; page: {}",
                self.script("return document.body.innerText")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), Value::Null)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn type_into(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    /// Presses keys (WebDriver key codes, e.g. TAB, ENTER) in the element
    /// that has the focus, as a keyboard would.
    fn press(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k.to_string()}),
                    json!({"type": "keyUp", "value": k.to_string()}),
                ]
            })
            .collect();
        self.call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    fn focused(&self) -> String {
        self.script(
            "const e = document.activeElement; \
             return (e.id || '') + '|' + (e.dataset.slug || '')",
        )
        .as_str()
        .unwrap()
        .to_string()
    }

    fn click(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.session).call();
    }
}

/// WebDriver's key codes.
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[test]
fn the_page_searches_shows_concepts_and_underlines_findings() {
    if !std::path::Path::new(CHROMIUM).exists() || !std::path::Path::new(CHROMEDRIVER).exists() {
        eprintln!(
            "skipped: {CHROMIUM} and {CHROMEDRIVER} are needed (Debian: chromium chromium-driver)"
        );
        return;
    }
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let (_server, base) = start_server(&env);
    let browser = Browser::start();

    // A shared link searches on load.
    browser.go(&format!("{base}/?q=bo%20cong%20an"));
    let first = browser.wait_for_text("#results li.hit", |t| {
        t.contains("ministry-of-public-security")
    });
    assert!(first.contains("Kementerian Keamanan Publik"), "{first}");
    assert!(first.contains("preferred"), "{first}");

    // Results as you type; a deprecated hit names the term to use.
    let input = &browser.wait_for("#q", 1)[0];
    browser.script("document.getElementById('q').value = ''");
    browser.type_into(input, "panitia pengarah");
    let text = browser.wait_for_text("#results li.hit", |t| t.contains("steering-committee"));
    assert!(text.contains("use Komite Pengarah instead"), "{text}");
    // The address follows the search, so it can be shared.
    let location = browser.script("return window.location.search");
    assert_eq!(location, "?q=panitia+pengarah");

    // The concept view.
    let open = &browser.wait_for("#results li.hit button[data-slug]", 1)[0];
    browser.click(open);
    let title = &browser.wait_for("#concept:not([hidden]) #concept-title", 1)[0];
    assert_eq!(browser.text(title), "steering-committee");

    // The keyboard alone: the opened view has the focus on its close
    // button; Enter closes it and gives the focus back to the search box;
    // Tab reaches the results, and Enter opens one.
    assert_eq!(browser.focused(), "concept-close|");
    browser.press(ENTER);
    browser.wait_for("#concept[hidden]", 1);
    assert_eq!(browser.focused(), "q|");
    let mut tabs = 0;
    while !browser.focused().ends_with("|steering-committee") {
        tabs += 1;
        assert!(tabs <= 10, "Tab never reached the first result");
        browser.press(TAB);
    }
    browser.press(ENTER);
    browser.wait_for("#concept:not([hidden])", 1);
    assert_eq!(browser.focused(), "concept-close|");
    browser.press(ENTER);
    browser.wait_for("#concept[hidden]", 1);

    // Paste and check: the finding is underlined in the text and listed.
    let text = &browser.wait_for("#text", 1)[0];
    browser.type_into(text, "Rapat Panitia Pengarah dimulai pagi ini.");
    browser.click(&browser.wait_for("#lint-button", 1)[0]);
    let marks = browser.wait_for("#lint-output mark", 1);
    assert_eq!(browser.text(&marks[0]), "Panitia Pengarah");
    let findings = browser.wait_for("#findings li", 1);
    let finding = browser.text(&findings[0]);
    assert!(finding.contains("deprecated-term"), "{finding}");
    assert!(finding.contains("Komite Pengarah"), "{finding}");

    // Every form control has a label; nothing loads from elsewhere.
    let unlabelled = browser.script(
        "return [...document.querySelectorAll('input, select, textarea')]
           .filter(c => !document.querySelector('label[for=\"' + c.id + '\"]')).length",
    );
    assert_eq!(unlabelled, 0);
    let foreign = browser.script(
        "return performance.getEntriesByType('resource')
           .filter(r => !r.name.startsWith(location.origin)).length",
    );
    assert_eq!(foreign, 0);

    // Readable on a phone: nothing wider than the screen.
    browser.call("POST", "/window/rect", json!({"width": 375, "height": 800}));
    let overflow = browser.script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    assert!(overflow.as_i64().unwrap() <= 0, "{overflow}");
}
