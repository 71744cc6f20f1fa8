// The hcgloss page: search as you type, a concept view, and a text check
// whose findings are underlined in the text. Everything shown that comes
// from the termbase or the text goes in through textContent, never as
// markup.
"use strict";

const LANGUAGES = { id: "Indonesian", vi: "Vietnamese", en: "English" };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(status) {
  return el("span", { class: "badge " + status, text: status });
}

async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((body && body.error) || response.status + " " + response.statusText);
  }
  return body;
}

// ------------------------------------------------------------- terms

// The terms of a concept, one block per language, preferred first.
function termTable(terms, matched) {
  const table = el("div", { class: "terms" });
  const byLang = new Map();
  for (const t of terms) {
    if (!byLang.has(t.lang)) byLang.set(t.lang, []);
    byLang.get(t.lang).push(t);
  }
  for (const [lang, list] of byLang) {
    const row = el("div", { class: "lang-row" });
    row.append(el("span", { class: "lang", lang: "en", title: LANGUAGES[lang] || lang, text: lang }));
    const cell = el("div", { class: "lang-terms" });
    for (const t of list) {
      const isMatch = matched && matched.lang === t.lang && matched.term === t.term;
      const term = el("span", { class: "term" + (isMatch ? " matched" : ""), lang: t.lang, text: t.term });
      const line = el("div", { class: "term-line" }, term, " ", badge(t.status));
      if (t.type && t.type !== "full") line.append(" ", el("span", { class: "type", text: t.type }));
      if (t.note) line.append(el("div", { class: "note", text: t.note }));
      cell.append(line);
    }
    row.append(cell);
    table.append(row);
  }
  return table;
}

// ------------------------------------------------------------- search

const q = document.getElementById("q");
const langSelect = document.getElementById("lang");
const results = document.getElementById("results");
const searchStatus = document.getElementById("search-status");
let searchSeq = 0;
let searchTimer = null;

function hitItem(hit) {
  const heading = el("h3", {},
    el("button", { type: "button", class: "link", "data-slug": hit.concept, text: hit.concept }),
    " ", el("span", { class: "category", text: hit.category }),
    " ", el("span", { class: "score", title: "match score", text: hit.score }));
  const item = el("li", { class: "hit" }, heading);
  const m = hit.matched;
  const how = el("p", { class: "matched-line" }, "matched ", el("span", { lang: m.lang, text: m.term }),
    " (" + m.lang + ") ", badge(m.status));
  if (hit.use_instead) {
    how.append(" — use ", el("strong", { lang: hit.use_instead.lang, text: hit.use_instead.term }), " instead");
  }
  item.append(how, termTable(hit.terms, hit.matched));
  return item;
}

async function search() {
  const text = q.value.trim();
  const seq = ++searchSeq;
  const url = new URL(window.location.href);
  if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!text) {
    results.replaceChildren();
    searchStatus.textContent = "";
    return;
  }
  const params = new URLSearchParams({ q: text, limit: "10" });
  if (langSelect.value) params.set("lang", langSelect.value);
  try {
    const hits = await getJson("/api/v1/lookup?" + params);
    if (seq !== searchSeq) return; // a newer search is under way
    results.replaceChildren(...hits.map(hitItem));
    searchStatus.textContent = hits.length === 0
      ? "No term matches “" + text + "”."
      : hits.length + (hits.length === 1 ? " concept" : " concepts") + " found.";
  } catch (e) {
    if (seq !== searchSeq) return;
    results.replaceChildren();
    searchStatus.textContent = "The search failed: " + e.message;
  }
}

q.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 150);
});
langSelect.addEventListener("change", search);
document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});

// ------------------------------------------------------------- concept view

const conceptSection = document.getElementById("concept");

async function showConcept(slug) {
  try {
    const concept = await getJson("/api/v1/concepts/" + encodeURIComponent(slug));
    document.getElementById("concept-title").textContent = concept.concept;
    document.getElementById("concept-category").textContent = concept.category;
    document.getElementById("concept-terms").replaceChildren(termTable(concept.terms, null));
    conceptSection.hidden = false;
    document.getElementById("concept-close").focus();
  } catch (e) {
    searchStatus.textContent = "Could not open " + slug + ": " + e.message;
  }
}

results.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-slug]");
  if (button) showConcept(button.dataset.slug);
});
document.getElementById("concept-close").addEventListener("click", () => {
  conceptSection.hidden = true;
  q.focus();
});

// ------------------------------------------------------------- text check

const textArea = document.getElementById("text");
const lintStatus = document.getElementById("lint-status");
const lintOutput = document.getElementById("lint-output");
const findingsList = document.getElementById("findings");

// Code-point offsets of each line start, so that a finding's line and
// column (code points, from 1) become an index into the text's code points.
function codePointIndex(text) {
  const points = Array.from(text);
  const lineStarts = [0];
  points.forEach((c, i) => { if (c === "\n") lineStarts.push(i + 1); });
  return { points, lineStarts };
}

function markedText(text, findings) {
  const { points, lineStarts } = codePointIndex(text);
  const spans = findings
    .map((f, i) => ({
      start: lineStarts[f.line - 1] + f.column - 1,
      end: lineStarts[f.end_line - 1] + f.end_column - 1,
      finding: f,
      id: "finding-" + (i + 1),
    }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = document.createDocumentFragment();
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping findings underline once
    out.append(points.slice(at, s.start).join(""));
    const mark = el("mark", {
      class: s.finding.severity,
      title: s.finding.message,
      "aria-describedby": s.id,
      text: points.slice(s.start, s.end).join(""),
    });
    out.append(mark);
    at = s.end;
  }
  out.append(points.slice(at).join(""));
  return out;
}

function findingItem(f, i) {
  const item = el("li", { id: "finding-" + (i + 1), class: "finding" },
    el("span", { class: "where", text: f.line + ":" + f.column }), " ",
    el("span", { class: "rule " + f.severity, text: f.rule }), " ",
    el("span", { class: "message", text: f.message }));
  if (f.suggestion) item.append(" → ", el("strong", { text: f.suggestion }));
  return item;
}

document.getElementById("lint-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = textArea.value;
  if (!text.trim()) {
    lintStatus.textContent = "Paste a text to check first.";
    return;
  }
  const lang = document.getElementById("lint-lang").value;
  lintStatus.textContent = "Checking…";
  try {
    const report = await getJson("/api/v1/lint" + (lang ? "?lang=" + lang : ""), {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: text,
    });
    const findings = report.findings;
    lintOutput.replaceChildren(markedText(text, findings));
    lintOutput.hidden = false;
    findingsList.replaceChildren(...findings.map(findingItem));
    const doc = report.summary.documents[0];
    const language = doc && doc.lang ? (LANGUAGES[doc.lang] || doc.lang) : "an undetected language";
    lintStatus.textContent = findings.length === 0
      ? "No findings (read as " + language + ")."
      : findings.length + (findings.length === 1 ? " finding" : " findings") + " (read as " + language + ").";
  } catch (e) {
    lintStatus.textContent = "The check failed: " + e.message;
  }
});

// ------------------------------------------------------------- start

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  q.value = initial;
  search();
}
