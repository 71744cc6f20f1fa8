//! The command line (and the server and language server it starts)
//! through the real binary, on temporary stores: one test binary, a
//! module per area, so the suite links once. `tests/memory.rs` stays a
//! binary of its own: it measures the memory of processes it starts, and
//! other tests running beside it in one process would disturb that.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod browser;
mod cases;
mod concurrency;
mod docs;
mod exchange;
mod export_validity;
mod glossary_cli;
mod interop;
mod lint;
mod lint_bilingual;
mod lsp;
mod lsp_neovim;
mod migrations;
mod properties;
mod safety;
mod serve;
mod shipped_glossary;
mod store_open;
mod tm;
