//! The translation memory's reports as JSON: `tm search` (the query,
//! the matches best first, the glossary terms of the sentence) and `tm
//! concordance` (the segments holding a phrase, in unit order).

use serde::Serialize;

use hcgloss_engine::model::Lang;
use hcgloss_engine::model::unit::{Segment, StoredUnit};
use hcgloss_engine::tm::concordance::Hit;
use hcgloss_engine::tm::search::{Difference, Match, Span};
use hcgloss_engine::tm::terms::TermHit;

use crate::{TermView, to_string};

#[derive(Serialize)]
struct OriginView<'a> {
    document: &'a str,
    date: &'a str,
}

#[derive(Serialize)]
struct MatchView<'a> {
    score: u8,
    unit: i64,
    tuid: &'a str,
    origin: OriginView<'a>,
    created: &'a str,
    source: &'a Segment,
    target: &'a Segment,
    differences: &'a [Difference],
}

#[derive(Serialize)]
struct TermHitView<'a> {
    concept: &'a str,
    category: &'a str,
    #[serde(flatten)]
    span: &'a Span,
    term: TermView<'a>,
    use_instead: Option<TermView<'a>>,
    target: Option<TermView<'a>>,
}

#[derive(Serialize)]
struct SearchView<'a> {
    sentence: &'a str,
    from: &'a str,
    to: &'a str,
    min: u8,
    matches: Vec<MatchView<'a>>,
    terms: Vec<TermHitView<'a>>,
}

fn origin(unit: &StoredUnit) -> OriginView<'_> {
    OriginView {
        document: &unit.unit.origin_doc,
        date: &unit.unit.origin_date,
    }
}

/// What a search was asked, for the JSON report.
pub struct SearchQuery<'a> {
    pub sentence: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub min: u8,
}

/// `tm search` as one JSON object: the query, `matches` best first, `terms`.
pub fn search_json(query: &SearchQuery<'_>, matches: &[Match], terms: &[TermHit<'_>]) -> String {
    to_string(&SearchView {
        sentence: query.sentence,
        from: query.from,
        to: query.to,
        min: query.min,
        matches: matches
            .iter()
            .map(|m| MatchView {
                score: m.score,
                unit: m.unit.id,
                tuid: &m.unit.unit.tuid,
                origin: origin(&m.unit),
                created: m.unit.unit.created.as_deref().unwrap_or(""),
                source: &m.source,
                target: &m.target,
                differences: &m.differences,
            })
            .collect(),
        terms: terms
            .iter()
            .map(|t| TermHitView {
                concept: t.concept,
                category: t.category,
                span: &t.span,
                term: TermView::bare(t.term),
                use_instead: t.use_instead.map(TermView::bare),
                target: t.target.map(TermView::bare),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct HitView<'a> {
    unit: i64,
    tuid: &'a str,
    origin: OriginView<'a>,
    created: &'a str,
    lang: &'a Lang,
    text: &'a str,
    highlights: &'a [Span],
    translations: &'a [Segment],
}

/// `tm concordance` as a JSON array in unit order.
pub fn concordance_json(hits: &[Hit]) -> String {
    let views: Vec<HitView<'_>> = hits
        .iter()
        .map(|h| HitView {
            unit: h.unit.id,
            tuid: &h.unit.unit.tuid,
            origin: origin(&h.unit),
            created: h.unit.unit.created.as_deref().unwrap_or(""),
            lang: &h.segment.lang,
            text: &h.segment.text,
            highlights: &h.highlights,
            translations: &h.translations,
        })
        .collect();
    to_string(&views)
}
