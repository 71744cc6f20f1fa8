//! Every term occurrence `hcgloss lint` finds, one per line, so that its
//! recall can be checked against another tool's matches
//! (`bench/lint_vs_grep.sh` does this against grep's):
//!
//!     cargo run --release --example lint_occurrences -- STORE LANG PATH...
//!
//! PATHs are expanded as `lint` expands them (a directory means its text
//! files). For each occurrence of a term of LANG (`id`, `vi` or `en`, as
//! `lint --lang` takes it; the same occurrences `lint --summary` counts),
//! prints `path<TAB>start<TAB>end<TAB>found`: byte offsets in the file,
//! end exclusive, and the text found.

use std::path::PathBuf;

use hcgloss_engine::input::Label;
use hcgloss_engine::lint::sources;
use hcgloss_engine::lint::{Config, Language, Linter};
use hcgloss_engine::model::group_concepts;
use hcgloss_engine::store::Store;

fn main() -> hcgloss_engine::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: lint_occurrences STORE LANG PATH...");
        std::process::exit(2);
    }
    let lang: Language = args[1].parse().map_err(hcgloss_engine::Error::Usage)?;
    let store = Store::open_existing(&PathBuf::from(&args[0]))?;
    let linter = Linter::new(group_concepts(store.all_terms()?), Config::default());
    let paths: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let mut out = String::new();
    for source in sources::expand(&paths)? {
        let doc = sources::load(&source)?;
        let Label::Path(path) = &source else {
            continue;
        };
        // Offsets are into the file: a byte-order mark is not in the text.
        let shift = doc.raw.len() - doc.text.len();
        let document = linter.document(&doc.text, Some(lang));
        for o in document.occurrences.iter() {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                path.display(),
                o.start + shift,
                o.end + shift,
                doc.text[o.start..o.end].replace(['\n', '\t'], " ")
            ));
        }
    }
    print!("{out}");
    Ok(())
}
