//! The project configuration file: rules switched off or re-graded.
//!
//! lint looks for `hcgloss.toml`, then `.hcgloss.toml`, in the current
//! directory and then in each parent directory up to the root; the first
//! file found is used and the search stops there (`--config FILE` names one
//! instead). The file holds one table:
//!
//! ```toml
//! [rules]
//! misspelled-term = "off"
//! term-case = "info"
//! untranslated-text = "error"
//! ```
//!
//! Every key must be a rule name and every value `off`, `info`, `warning`
//! or `error`; anything else is an error naming the file and line, so a
//! typo cannot silently leave a rule on.
//!
//! A second table sets the house style of `tone-mark-style`:
//!
//! ```toml
//! [tone-mark-style]
//! style = "old"   # hòa, thủy; or "new" (hoà, thuỷ), or "majority" (the default)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::finding::{Rule, Severity};
use crate::error::{Error, Result};

/// The file names looked for, in order of precedence.
pub const FILE_NAMES: [&str; 2] = ["hcgloss.toml", ".hcgloss.toml"];

/// Where `tone-mark-style` wants Vietnamese tone marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToneStyle {
    /// On the first vowel of `oa`, `oe`, `uy`: `hòa`, `thủy`.
    Old,
    /// On the second: `hoà`, `thuỷ`.
    New,
    /// Whichever the document uses more.
    #[default]
    Majority,
}

/// Each rule's severity, or `None` when switched off, and the rules'
/// settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    levels: BTreeMap<Rule, Option<Severity>>,
    /// The house style of `tone-mark-style`.
    pub tone_mark_style: ToneStyle,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            levels: Rule::ALL
                .iter()
                .map(|&r| (r, Some(r.default_severity())))
                .collect(),
            tone_mark_style: ToneStyle::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default, rename = "tone-mark-style")]
    tone_mark_style: Option<RawToneStyle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToneStyle {
    style: String,
}

impl Config {
    /// The severity of `rule`, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.levels.get(&rule).copied().flatten()
    }

    /// Finds the configuration file for `dir` (see the module
    /// documentation) and loads it; the defaults when there is none.
    pub fn discover(dir: &Path) -> Result<Config> {
        match find_file(dir) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Loads one file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = crate::input::read_text(path)?;
        let mut config = Config::parse(&path.display().to_string(), &text)?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses configuration text; `label` names it in errors.
    pub fn parse(label: &str, text: &str) -> Result<Config> {
        let line_of = |byte: usize| crate::input::line_of_offset(text.as_bytes(), byte);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            Error::invalid(
                label,
                e.span().map(|s| line_of(s.start)),
                e.message().trim(),
            )
        })?;
        let mut config = Config::default();
        for (key, value) in raw.rules {
            let line = text.find(&key).map(line_of);
            let rule: Rule = key.parse().map_err(|m| Error::invalid(label, line, m))?;
            let level = match value.as_str() {
                "off" => None,
                "info" => Some(Severity::Info),
                "warning" => Some(Severity::Warning),
                "error" => Some(Severity::Error),
                other => {
                    return Err(Error::invalid(
                        label,
                        line,
                        format!("{key} = \"{other}\" is not one of off, info, warning, error"),
                    ));
                }
            };
            config.levels.insert(rule, level);
        }
        if let Some(raw) = raw.tone_mark_style {
            config.tone_mark_style = match raw.style.as_str() {
                "old" => ToneStyle::Old,
                "new" => ToneStyle::New,
                "majority" => ToneStyle::Majority,
                other => {
                    let line = text.find(&format!("\"{other}\"")).map(line_of);
                    return Err(Error::invalid(
                        label,
                        line,
                        format!(
                            "[tone-mark-style] style = \"{other}\" is not one of old, new, majority"
                        ),
                    ));
                }
            };
        }
        Ok(config)
    }
}

/// The first configuration file in `dir` or its ancestors.
pub fn find_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_warn_on_every_rule() {
        let c = Config::default();
        for &r in Rule::ALL {
            assert_eq!(c.severity(r), Some(Severity::Warning));
        }
    }

    #[test]
    fn rules_are_switched_off_and_regraded() {
        let c = Config::parse(
            "hcgloss.toml",
            "[rules]\nmisspelled-term = \"off\"\nterm-case = \"info\"\nuntranslated-text = \"error\"\n",
        )
        .unwrap();
        assert_eq!(c.severity(Rule::MisspelledTerm), None);
        assert_eq!(c.severity(Rule::TermCase), Some(Severity::Info));
        assert_eq!(c.severity(Rule::UntranslatedText), Some(Severity::Error));
        assert_eq!(c.severity(Rule::DeprecatedTerm), Some(Severity::Warning));
    }

    #[test]
    fn mistakes_name_file_and_line() {
        let err = Config::parse("hcgloss.toml", "[rules]\nterm-case = \"loud\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hcgloss.toml:2: term-case = \"loud\" is not one of off, info, warning, error\nnothing was written"
        );
        let err = Config::parse("hcgloss.toml", "[rules]\n\ntypo-rule = \"off\"\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("hcgloss.toml:3: unknown rule \"typo-rule\""),
            "{err}"
        );
        let err = Config::parse("hcgloss.toml", "[rulez]\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("hcgloss.toml:1: unknown field `rulez`"),
            "{err}"
        );
    }

    #[test]
    fn the_tone_mark_house_style() {
        assert_eq!(Config::default().tone_mark_style, ToneStyle::Majority);
        let c = Config::parse("hcgloss.toml", "[tone-mark-style]\nstyle = \"old\"\n").unwrap();
        assert_eq!(c.tone_mark_style, ToneStyle::Old);
        let err = Config::parse(
            "hcgloss.toml",
            "[rules]\n\n[tone-mark-style]\nstyle = \"mixed\"\n",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with(
                "hcgloss.toml:4: [tone-mark-style] style = \"mixed\" is not one of old, new, majority"
            ),
            "{err}"
        );
    }

    #[test]
    fn lookup_walks_up_and_prefers_the_plain_name() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_file(&deep).filter(|p| p.starts_with(dir.path())), None);
        std::fs::write(dir.path().join(".hcgloss.toml"), "").unwrap();
        assert_eq!(find_file(&deep), Some(dir.path().join(".hcgloss.toml")));
        std::fs::write(dir.path().join("a/hcgloss.toml"), "").unwrap();
        std::fs::write(dir.path().join("a/.hcgloss.toml"), "").unwrap();
        assert_eq!(find_file(&deep), Some(dir.path().join("a/hcgloss.toml")));
    }
}
