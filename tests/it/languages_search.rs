//! The search and the other outputs in each language, on a small fr + en + ar site written by
//! the test: each language's query finds its own pages (by stem, whatever the letter variants),
//! the static files of `/ar/search/` answer like the browser would, the sitemap links every
//! version to every other, and the English feed holds the English pages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use balise::index::static_index::static_search;
use balise::index::{SearchRequest, SearchResponse};

use crate::common::{options, write_site};

const BIN: &str = env!("CARGO_BIN_EXE_balise");

fn site_files() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "balise.yaml",
            "title: Petit guide\nbase_url: https://guide.example.org\nlanguages:\n  - { code: fr, name: Français }\n  - { code: en, name: English }\n  - { code: ar, name: العربية, dir: rtl }\n",
        ),
        // The theme's words in Arabic: those of the languages test site.
        ("i18n/ar.ftl", include_str!("../sites/languages/i18n/ar.ftl")),
        ("content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n"),
        ("content/_index.en.md", "---\ntitle: Home\n---\nWelcome.\n"),
        ("content/_index.ar.md", "---\ntitle: الرئيسية\n---\nمرحبا.\n"),
        ("content/droits/_index.md", "---\ntitle: Vos droits\nkind: right\n---\n"),
        ("content/droits/_index.en.md", "---\ntitle: Your rights\n---\n"),
        (
            "content/droits/licenciement.md",
            "---\ntitle: Licenciement discriminatoire\nsummary: Un licenciement pour un motif interdit est nul.\nupdated: 2026-10-01\n---\nLe licenciement d'une salariée enceinte est interdit.\n",
        ),
        (
            "content/droits/licenciement.en.md",
            "---\ntitle: Unfair dismissal\nsummary: A dismissal for a forbidden reason is void.\nupdated: 2026-10-02\n---\nThe dismissal of a pregnant employee is forbidden.\n",
        ),
        (
            "content/droits/licenciement.ar.md",
            "---\ntitle: الفصل التعسفي من العمل\nsummary: الفصل بسبب محظور باطل.\n---\nيحظر فصل الموظفة الحامل من العمل.\n",
        ),
        (
            "content/droits/logement.md",
            "---\ntitle: Logement\nsummary: Le refus de louer un logement pour un motif interdit.\n---\nLe propriétaire ne peut pas refuser un logement.\n",
        ),
    ]
}

/// The site, built once: (root, output folder, index folder).
fn built() -> &'static (PathBuf, PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap().keep();
        let root = tmp.join("site");
        write_site(&root, &site_files());
        let o = options(&root, &tmp.join("out"));
        if let Err(e) = balise::build(&o) {
            panic!("the site does not build: {e}");
        }
        (root, o.output_dir(), o.index_dir())
    })
}

fn cli(args: &[&str]) -> SearchResponse {
    let out = Command::new(BIN)
        .arg("search")
        .arg("--index")
        .arg(&built().2)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn urls(r: &SearchResponse) -> Vec<&str> {
    r.results.iter().map(|h| h.url.as_str()).collect()
}

#[test]
fn an_english_query_finds_the_english_page_by_its_stem() {
    // The corpus says "dismissal", never "dismissed".
    let r = cli(&["--lang", "en", "dismissed"]);
    assert_eq!(urls(&r), ["/en/droits/licenciement/"], "{r:?}");
    assert_eq!(r.fallback, None);
}

#[test]
fn an_arabic_query_finds_the_arabic_page_whatever_its_letter_variants() {
    for q in ["الفصل", "الفَصْل", "ألفصل", "الفـصل"] {
        let r = cli(&["--lang", "ar", q]);
        assert_eq!(urls(&r), ["/ar/droits/licenciement/"], "{q}: {r:?}");
    }
}

#[test]
fn a_french_query_stays_in_french_while_french_pages_match() {
    let r = cli(&["licenciement"]);
    assert_eq!(urls(&r), ["/droits/licenciement/"], "{r:?}");
    let r = cli(&["--lang", "fr", "interdit"]);
    assert!(!r.results.is_empty());
    assert!(
        r.results.iter().all(|h| !h.url.starts_with("/en/")),
        "{r:?}"
    );
    // An English word in a French search: no French page matches, the English one answers,
    // and the response says so.
    let r = cli(&["--lang", "fr", "dismissal"]);
    assert_eq!(urls(&r), ["/en/droits/licenciement/"], "{r:?}");
    assert_eq!(r.fallback.as_deref(), Some("en"));
}

fn read_under(public: &Path, prefix: &str) -> impl FnMut(&str) -> Option<Vec<u8>> {
    let base = public.join(prefix);
    move |path: &str| std::fs::read(base.join(path)).ok()
}

#[test]
fn the_arabic_static_search_answers_an_arabic_query() {
    let public = &built().1;
    assert!(public.join("ar/search/manifest.json").is_file());
    for q in ["العمل", "العَمَل"] {
        let request = SearchRequest {
            q: q.into(),
            ..Default::default()
        };
        let r = static_search(&mut read_under(public, "ar"), &request).unwrap();
        assert_eq!(urls(&r), ["/ar/droits/licenciement/"], "{q}: {r:?}");
    }
    // The default language's static search stays at /search/ and in French.
    let request = SearchRequest {
        q: "licenciement".into(),
        ..Default::default()
    };
    let r = static_search(&mut read_under(public, ""), &request).unwrap();
    assert_eq!(urls(&r), ["/droits/licenciement/"]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("search/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["languages"]["ar"], "ar/search/");
}

#[test]
fn sitemap_alternates_are_reciprocal() {
    let xml = std::fs::read_to_string(built().1.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut links: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        let alternates = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        links.insert(loc, alternates);
    }
    let en = "https://guide.example.org/en/droits/licenciement/";
    let fr = "https://guide.example.org/droits/licenciement/";
    assert!(
        links[en].contains(&("fr".into(), fr.into())),
        "{:?}",
        links[en]
    );
    assert!(links[en].contains(&("x-default".into(), fr.into())));
    for (loc, alternates) in &links {
        for (lang, href) in alternates.iter().filter(|(l, _)| l != "x-default") {
            let back = links
                .get(href)
                .unwrap_or_else(|| panic!("{href} ({lang}) is not in the sitemap"));
            assert!(
                back.iter().any(|(_, h)| h == loc),
                "{href} does not link back to {loc}"
            );
        }
    }
}

#[test]
fn the_english_feed_holds_english_titles() {
    let public = &built().1;
    let xml = std::fs::read_to_string(public.join("en/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en")
    );
    let titles: Vec<&str> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|n| n.has_tag_name("title"))?.text())
        .collect();
    assert_eq!(titles, ["Unfair dismissal"]);
    assert!(public.join("en/agenda.ics").is_file());
    assert!(public.join("ar/atom.xml").is_file());
}
