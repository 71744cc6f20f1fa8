//! Reading TBX: both forms, what is kept and left out, every kind of
//! bad input.

use super::*;

fn read_str(xml: &str) -> Result<TbxFile> {
    read("t.tbx", xml.as_bytes())
}

fn messages(e: Error) -> Vec<String> {
    match e {
        Error::Invalid(p) => p.iter().map(|p| p.to_string()).collect(),
        other => vec![other.to_string()],
    }
}

const V3: &str = r#"<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="_2025-x">
  <descrip type="subjectField">event</descrip>
  <descrip type="definition">ignored</descrip>
  <langSec xml:lang="vi">
<termSec>
  <term>Lễ <hi type="bold">mở</hi> ký</term>
  <termNote type="termType">shortForm</termNote>
  <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
  <note>a &amp; b</note>
</termSec>
<termSec><term>Lễ ký</term></termSec>
  </langSec>
</conceptEntry>
</body></text>
</tbx>"#;

#[test]
fn reads_v3_values_and_counts_what_it_leaves_out() {
    let f = read_str(V3).unwrap();
    assert_eq!(f.dialect, Dialect::V3);
    assert_eq!(f.terms.len(), 2);
    let a = &f.terms[0];
    assert_eq!(a.line, 10);
    assert_eq!(a.term.concept, "2025-x");
    assert_eq!(a.term.term, "Lễ mở ký");
    assert_eq!(a.term.term_type, TermType::Short);
    assert_eq!(a.term.status, Status::Admitted);
    assert_eq!(a.term.category, "event");
    assert_eq!(a.term.note, "a & b");
    // No status given and no preferred term in the language: the
    // first unstated term becomes preferred.
    assert_eq!(f.terms[1].term.status, Status::Preferred);
    assert_eq!(
        f.left_out.describe(),
        "<descrip type=\"definition\"> ×1 (first on line 7)"
    );
}

#[test]
fn reads_2008_tig_ntig_and_normative_authorization() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic-V1" xml:lang="en"><martifHeader/>
<text><body>
<termEntry>
  <langSet xml:lang="en">
<ntig><termGrp><term>MPS</term>
  <termNote type="normativeAuthorization">deprecatedTerm</termNote>
  <termNote type="termType">acronym</termNote></termGrp></ntig>
<tig><term>Ministry of Public Security</term></tig>
  </langSet>
</termEntry>
</body></text></martif>"#;
    let f = read_str(xml).unwrap();
    assert_eq!(f.dialect, Dialect::Martif);
    let t: Vec<_> = f.terms.iter().map(|s| &s.term).collect();
    assert_eq!(t[0].concept, "mps");
    assert_eq!(
        (t[0].status, t[0].term_type),
        (Status::Deprecated, TermType::Acronym)
    );
    assert_eq!(t[1].status, Status::Preferred);
}

#[test]
fn wrong_root_and_namespace() {
    let e = messages(read_str("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>").unwrap_err());
    assert!(
        e[0].starts_with("t.tbx:2: the root element is <tmx>"),
        "{e:?}"
    );
    let e = messages(read_str("<tbx type=\"TBX-Basic\"/>").unwrap_err());
    assert!(e[0].contains("not in the TBX v3 namespace"), "{e:?}");
}

#[test]
fn missing_parts_and_bad_values_are_all_listed() {
    let xml = r#"<martif type="TBX-Basic-V1" xml:lang="en"><text><body>
<termEntry id="a">
  <descrip type="subjectField">politics</descrip>
  <langSet xml:lang="en">
<tig><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<tig><term>B</term><termNote type="administrativeStatus">forbidden</termNote></tig>
<tig><term>C</term><termNote type="termType">phrase</termNote></tig>
  </langSet>
  <langSet xml:lang="x_y"><tig><term>D</term></tig></langSet>
  <langSet xml:lang="vi"></langSet>
</termEntry>
<termEntry id="b"/>
</body></text></martif>"#;
    let e = messages(read_str(xml).unwrap_err());
    assert_eq!(
        e,
        [
            "t.tbx:5: a term section has no <term> in entry \"a\", language en",
            "t.tbx:9: language \"x-y\" names no ISO 639 language (private-use and grandfathered tags are not read)",
            "t.tbx:10: no term section (termSec, tig or ntig) in entry \"a\", language vi",
            "t.tbx:12: the entry \"b\" has no language section (langSec or langSet)",
        ]
    );
}

/// What other tools write and hcgloss has no place for is adjusted, and
/// every adjustment is recorded with its line.
#[test]
fn foreign_values_and_structures_are_adjusted_and_reported() {
    let xml = r#"<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1">
  <descrip type="subjectField">Legal instrument</descrip>
  <descrip type="subjectField">Software \ Tools</descrip>
  <langSet xml:lang="en_GB">
<tig><term>A</term><termNote type="administrativeStatus">standardizedTerm-admn-sts</termNote>
  <note>first line
			indented</note></tig>
  </langSet>
  <langSet xml:lang="en-GB">
<tig><term>B</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<tig><term>A</term></tig>
  </langSet>
  <langSet xml:lang="de"><ntig><termGrp><term/></termGrp></ntig></langSet>
  <langSet xml:lang="fr">
<tig><term>X</term><termNote type="termType">synonym</termNote><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
<tig><term>Y</term><termNote type="termType">entryTerm</termNote></tig>
<tig><term>Z</term><termNote type="termType">abbreviation</termNote><termNote type="administrativeStatus">obsolete</termNote></tig>
  </langSet>
  <langSet xml:lang="es">
<tig><term>P</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
<tig><term>Q</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="it">
<tig><term>V</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
</body></text></martif>"#;
    let f = read_str(xml).unwrap();
    let rows: Vec<String> = f
        .terms
        .iter()
        .map(|t| {
            let t = &t.term;
            format!(
                "{} {} {} {} {} [{}]",
                t.lang, t.term, t.status, t.term_type, t.category, t.note
            )
        })
        .collect();
    let note = "Subject field: Software \\ Tools";
    assert_eq!(
        rows,
        [
            format!("en-GB A preferred full legal-instrument [{note}\nfirst line indented]"),
            format!("en-GB B admitted full legal-instrument [{note}]"),
            format!("fr X admitted full legal-instrument [{note}]"),
            format!("fr Y preferred full legal-instrument [{note}]"),
            format!("fr Z superseded short legal-instrument [{note}]"),
            format!("es P preferred full legal-instrument [{note}]"),
            format!("es Q admitted full legal-instrument [{note}]"),
            // Left for the import to decide, which knows the store.
            format!("it V deprecated full legal-instrument [{note}]"),
        ]
    );
    assert_eq!(
        f.adjustments.summary(),
        [
            "1 language tag read in its standard form (en_GB → en-GB ×1)",
            "1 subject field read as a category (Legal instrument → legal-instrument ×1)",
            "1 subject field kept as a note (Software \\ Tools ×1)",
            "3 term types mapped (abbreviation → short ×1, entryTerm → full ×1, synonym → full ×1)",
            "2 statuses mapped (obsolete → superseded ×1, standardizedTerm-admn-sts → preferred ×1)",
            "1 language section merged into an earlier one (en-GB ×1)",
            "2 languages given a preferred term",
            "1 second preferred term made admitted (en-GB ×1)",
            "1 empty term left out",
            "1 term given twice kept once (en-GB ×1)",
        ]
        .join(", ")
    );
    let details = f.adjustments.details("t.tbx", false);
    assert!(
        details.contains(&"t.tbx:11: a second preferred en-GB term in entry c1: \"B\" made admitted (\"A\", line 6, stays preferred)".to_string()),
        "{details:#?}"
    );
    assert!(
        details.contains(&"t.tbx:21: es of entry c1 has no preferred term: \"P\" (its first admitted term) made preferred".to_string()),
        "{details:#?}"
    );
}

#[test]
fn ids_that_collide_are_refused_and_missing_ids_are_made() {
    let xml = r#"<martif type="TBX-Basic-V1" xml:lang="en"><text><body>
<termEntry id="TE-1"><langSet xml:lang="en"><tig><term>A</term></tig></langSet></termEntry>
<termEntry id="te-1"><langSet xml:lang="en"><tig><term>B</term></tig></langSet></termEntry>
</body></text></martif>"#;
    let e = messages(read_str(xml).unwrap_err());
    assert!(
        e[0].contains("entry id \"te-1\" and \"TE-1\" (line 2) both become concept te-1"),
        "{e:?}"
    );
    let xml = r#"<martif type="TBX-Basic-V1" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="vi"><tig><term>Bộ Công an</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="vi"><tig><term>Bo Cong An</term></tig></langSet></termEntry>
</body></text></martif>"#;
    let f = read_str(xml).unwrap();
    let slugs: Vec<&str> = f.terms.iter().map(|t| t.term.concept.as_str()).collect();
    assert_eq!(slugs, ["bo-cong-an", "bo-cong-an-2"]);
}

#[test]
fn entity_tricks_are_refused_before_anything_is_read() {
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<martif>&b;</martif>";
    let e = messages(read_str(bomb).unwrap_err());
    assert!(
        e[0].starts_with("t.tbx:2: the DOCTYPE has an internal subset"),
        "{e:?}"
    );
    let xxe = "<!DOCTYPE martif SYSTEM \"http://example.invalid/x.dtd\">\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&ext;</term></tig></langSet></termEntry></body></text></martif>";
    let e = messages(read_str(xxe).unwrap_err());
    assert!(
        e[0].starts_with("t.tbx:2: entity &ext; is not defined"),
        "{e:?}"
    );
}

#[test]
fn reads_dct_style_data_categories_by_their_element_names() {
    let xml = r#"<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min"
     xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct" xml:lang="en">
<text><body>
<conceptEntry id="mps">
  <min:subjectField>ministry</min:subjectField>
  <note>a note on the whole entry</note>
  <langSec xml:lang="en">
    <termSec>
      <term>MPS</term>
      <basic:termType>acronym</basic:termType>
      <min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus>
    </termSec>
  </langSec>
</conceptEntry>
</body></text></tbx>"#;
    let f = read_str(xml).unwrap();
    let t = &f.terms[0].term;
    assert_eq!(
        (t.category.as_str(), t.term_type, t.status),
        ("ministry", TermType::Acronym, Status::Preferred)
    );
    // Admitted was its only status: a language needs a preferred term.
    assert_eq!(f.adjustments.summary(), "1 language given a preferred term");
    assert_eq!(f.left_out.describe(), "<note> ×1 (first on line 7)");
}
