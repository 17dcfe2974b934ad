//! Languages end to end (issue 13) on `tests/sites/languages`, a small site in French (default),
//! English and Arabic (right to left): reciprocal `hreflang` alternates, `<html lang dir>`, the
//! switcher, links to pages that exist only in French, the checks on translations and theme
//! messages, and a French-only guide built byte for byte as before languages existed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use scraper::{Html, Selector};
use sha2::{Digest, Sha256};

use crate::common::*;

const BASE_URL: &str = "https://langues.example.org";

fn site_root() -> PathBuf {
    repo().join("tests/sites/languages")
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"))
}

/// The test site built once: URL path (`/en/droits/disability/`) → HTML text.
fn pages() -> &'static BTreeMap<String, String> {
    static BUILT: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        if let Err(e) = balise::build(&options(&site_root(), out.path())) {
            panic!("the languages test site does not build: {e}");
        }
        let public = out.path().join("public");
        snapshot(&public)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| {
                let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
                (url, String::from_utf8(bytes).unwrap())
            })
            .collect()
    })
}

fn page(url: &str) -> Html {
    let html = pages()
        .get(url)
        .unwrap_or_else(|| panic!("no page {url} among {:?}", pages().keys()));
    Html::parse_document(html)
}

/// The language a URL belongs to: its first segment if it is a language of the site.
fn lang_of_url(url: &str) -> &'static str {
    if url.starts_with("/en/") {
        "en"
    } else if url.starts_with("/ar/") {
        "ar"
    } else {
        "fr"
    }
}

/// `<link rel="alternate" hreflang>` of a page: hreflang → URL path.
fn alternates(doc: &Html) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for link in doc.select(&sel("link[rel=alternate][hreflang]")) {
        let lang = link.value().attr("hreflang").unwrap().to_string();
        let href = link.value().attr("href").unwrap();
        let path = href
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("alternate {href} is not an absolute URL of the site"));
        let previous = found.insert(lang.clone(), path.to_string());
        assert!(previous.is_none(), "hreflang {lang} twice");
    }
    found
}

#[test]
fn hreflang_alternates_are_reciprocal_and_include_x_default() {
    let mut with_three = 0;
    for url in pages().keys() {
        let doc = page(url);
        let mine = alternates(&doc);
        if mine.is_empty() {
            continue;
        }
        assert_eq!(
            mine.get(lang_of_url(url)),
            Some(url),
            "{url}: the alternates do not list the page itself: {mine:?}"
        );
        assert_eq!(
            mine.get("x-default"),
            mine.get("fr"),
            "{url}: x-default is not the French (default) version: {mine:?}"
        );
        for (lang, other) in &mine {
            assert!(
                pages().contains_key(other),
                "{url}: alternate {lang} → {other} is not a page of the site"
            );
            assert_eq!(
                lang_of_url(other),
                if lang == "x-default" { "fr" } else { lang },
                "{url}: hreflang {lang} points at {other}"
            );
            assert_eq!(
                alternates(&page(other)),
                mine,
                "{url} lists {other} as its {lang} version, but {other} does not list the same versions"
            );
        }
        if mine.len() == 4 {
            with_three += 1;
        }
    }
    assert!(
        with_three >= 3 * 6,
        "only {with_three} pages in three languages"
    );
    // The English version of a page with its own slug is listed under that slug.
    assert_eq!(
        alternates(&page("/droits/handicap/")),
        BTreeMap::from([
            ("fr".to_string(), "/droits/handicap/".to_string()),
            ("x-default".to_string(), "/droits/handicap/".to_string()),
            ("en".to_string(), "/en/droits/disability/".to_string()),
            ("ar".to_string(), "/ar/droits/handicap/".to_string()),
        ])
    );
}

#[test]
fn html_lang_and_dir_follow_the_language_of_each_page() {
    for url in pages().keys() {
        let doc = page(url);
        let html = doc.root_element();
        let want = lang_of_url(url);
        assert_eq!(html.value().attr("lang"), Some(want), "{url}");
        // Only right-to-left languages say their direction; ltr is the default of HTML.
        let dir = if want == "ar" { Some("rtl") } else { None };
        assert_eq!(html.value().attr("dir"), dir, "{url}");
    }
    assert!(pages().keys().any(|u| u.starts_with("/ar/droits/")));
}

/// The switcher's links: (hreflang, lang, href, current).
fn switcher(doc: &Html) -> Vec<(String, String, String, bool)> {
    doc.select(&sel("nav.languages a"))
        .map(|a| {
            let v = a.value();
            (
                v.attr("hreflang").unwrap_or_default().to_string(),
                v.attr("lang").unwrap_or_default().to_string(),
                v.attr("href").unwrap_or_default().to_string(),
                v.attr("aria-current") == Some("true"),
            )
        })
        .collect()
}

#[test]
fn the_switcher_lists_only_the_languages_the_page_exists_in() {
    for url in pages().keys() {
        let doc = page(url);
        let versions: BTreeSet<String> = alternates(&doc)
            .into_keys()
            .filter(|l| l != "x-default")
            .collect();
        let links = switcher(&doc);
        if versions.len() < 2 {
            assert!(
                links.is_empty(),
                "{url} exists in one language but shows a switcher: {links:?}"
            );
            continue;
        }
        assert!(
            doc.select(&sel("nav.languages[aria-label]"))
                .next()
                .is_some(),
            "{url}: the switcher has no name"
        );
        let listed: BTreeSet<String> = links.iter().map(|l| l.0.clone()).collect();
        assert_eq!(listed, versions, "{url}: switcher {links:?}");
        for (hreflang, lang, href, current) in &links {
            assert_eq!(hreflang, lang, "{url}: {href}");
            assert_eq!(lang_of_url(href), lang.as_str(), "{url}: {href}");
            assert!(
                pages().contains_key(href),
                "{url}: the switcher links to {href}, which does not exist"
            );
            assert_eq!(
                *current,
                lang == lang_of_url(url),
                "{url}: aria-current on {href}"
            );
        }
    }
    let links = switcher(&page("/ar/droits/age/"));
    assert_eq!(
        links,
        vec![
            ("fr".into(), "fr".into(), "/droits/age/".into(), false),
            ("en".into(), "en".into(), "/en/droits/age/".into(), false),
            ("ar".into(), "ar".into(), "/ar/droits/age/".into(), true),
        ]
    );
    // A page only in French has neither switcher nor alternates.
    assert!(switcher(&page("/droits/logement/")).is_empty());
    assert!(alternates(&page("/droits/logement/")).is_empty());
}

#[test]
fn a_translated_page_links_to_its_language_or_to_the_french_page_marked_french() {
    let doc = page("/en/droits/disability/");
    let links: Vec<_> = doc.select(&sel("main a[href]")).collect();
    let to = |href: &str| {
        links
            .iter()
            .find(|a| a.value().attr("href") == Some(href))
            .unwrap_or_else(|| {
                let all: Vec<_> = links.iter().map(|a| a.html()).collect();
                panic!("no link to {href} in the English page: {all:#?}")
            })
    };
    // The contact exists in English: the link goes there, plainly.
    assert_eq!(
        to("/en/contacts/maison-du-droit/").value().attr("hreflang"),
        None
    );
    // The housing page exists only in French: the link says so, for browsers and for readers.
    let french = to("/droits/logement/");
    assert_eq!(
        french.value().attr("hreflang"),
        Some("fr"),
        "{}",
        french.html()
    );
    let note = doc
        .select(&sel("main [lang=fr]"))
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>();
    assert!(
        note.iter().any(|t| t.contains("Français")),
        "no (Français) note marked lang=fr near the link: {}",
        french.html()
    );
    assert!(!pages().contains_key("/en/droits/logement/"));
    // Arabic pages link to the Arabic contact.
    let ar = page("/ar/droits/handicap/");
    assert!(ar
        .select(&sel("main a[href='/ar/contacts/maison-du-droit/']"))
        .next()
        .is_some());
}

/// A copy of the test site in a temporary folder, to break.
fn copy_of_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_tree(&site_root(), dir.path());
    dir
}

fn check(root: &Path) -> (Output, Vec<serde_json::Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_balise"))
        .args([
            "check",
            "--root",
            root.to_str().unwrap(),
            "--today",
            TODAY,
            "--format",
            "json",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (out, found)
}

fn has(
    found: &[serde_json::Value],
    severity: &str,
    code: &str,
    file: &str,
    line: Option<u64>,
) -> bool {
    found.iter().any(|d| {
        d["severity"] == severity
            && d["code"] == code
            && d["file"] == file
            && line.is_none_or(|l| d["line"].as_u64() == Some(l))
    })
}

#[test]
fn the_test_site_checks_clean() {
    let (out, found) = check(&site_root());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{found:#?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Besides diagnostics (none here), the JSON lists what is not translated yet, per language:
    // the French-only `logement` page.
    let (untranslated, diagnostics): (Vec<_>, Vec<_>) =
        found.iter().partition(|v| v.get("untranslated").is_some());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    for lang in ["en", "ar"] {
        let entry = untranslated
            .iter()
            .find(|v| v["untranslated"]["lang"] == lang)
            .unwrap_or_else(|| panic!("no untranslated list for {lang}: {untranslated:#?}"));
        let files = entry["untranslated"]["files"].as_array().unwrap();
        assert!(
            files.iter().any(|f| f == "content/droits/logement.md"),
            "{lang}: {files:?}"
        );
    }
}

#[test]
fn check_reports_contradicting_facts_orphan_translations_and_outdated_ones() {
    let site = copy_of_site();
    write_site(
        site.path(),
        &[
            // A fact repeated with another value, line 5: the criteria.
            (
                "content/droits/age.en.md",
                "---\ntitle: Discrimination based on age\nsummary: Age cannot justify refusing you a job.\nupdated: 2026-10-15\ncriteria: [handicap]\n---\nText.\n",
            ),
            // Another phone number than the original's, line 4.
            (
                "content/contacts/maison-du-droit.ar.md",
                "---\ntitle: دار القانون\nsummary: مكتب مجاني.\nphone: \"01 99 99 99 99\"\n---\nنص.\n",
            ),
            // A fact repeated with the same value is no contradiction.
            (
                "content/contacts/maison-du-droit.en.md",
                "---\ntitle: Law centre\nphone: \"01 02 03 04 05\"\n---\nText.\n",
            ),
            // No French page `religion.md`.
            ("content/droits/religion.en.md", "---\ntitle: Religion\n---\nText.\n"),
            // Older than its original (2026-10-01).
            (
                "content/droits/handicap.ar.md",
                "---\ntitle: التمييز بسبب الإعاقة\nupdated: 2026-09-01\n---\nنص.\n",
            ),
        ],
    );
    let (out, found) = check(site.path());
    assert_eq!(out.status.code(), Some(1), "{found:#?}");
    let expect = [
        (
            "error",
            "translation-contradicts",
            "content/droits/age.en.md",
            Some(5),
        ),
        (
            "error",
            "translation-contradicts",
            "content/contacts/maison-du-droit.ar.md",
            Some(4),
        ),
        (
            "error",
            "translation-without-original",
            "content/droits/religion.en.md",
            None,
        ),
    ];
    for (severity, code, file, line) in expect {
        assert!(
            has(&found, severity, code, file, line),
            "no {severity} {code} at {file}:{line:?} in {found:#?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|d| d["file"] == "content/contacts/maison-du-droit.en.md"),
        "a fact repeated with the same value was reported: {found:#?}"
    );
    // The human report quotes the contradicting line.
    let human = Command::new(env!("CARGO_BIN_EXE_balise"))
        .args([
            "check",
            "--root",
            site.path().to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stderr);
    assert!(text.contains("content/droits/age.en.md:5"), "{text}");
    assert!(text.contains("criteria: [handicap]"), "{text}");

    // Outdated is only a warning: with the errors fixed, check passes and says it.
    write_site(
        site.path(),
        &[
            (
                "content/droits/age.en.md",
                "---\ntitle: Discrimination based on age\nupdated: 2026-10-15\n---\nText.\n",
            ),
            (
                "content/contacts/maison-du-droit.ar.md",
                "---\ntitle: دار القانون\n---\nنص.\n",
            ),
        ],
    );
    std::fs::remove_file(site.path().join("content/droits/religion.en.md")).unwrap();
    let (out, found) = check(site.path());
    assert_eq!(out.status.code(), Some(0), "{found:#?}");
    assert!(
        has(
            &found,
            "warning",
            "translation-outdated",
            "content/droits/handicap.ar.md",
            None
        ),
        "{found:#?}"
    );
}

#[test]
fn check_names_the_language_and_key_of_a_missing_theme_message() {
    let site = copy_of_site();
    let ftl = site.path().join("i18n/ar.ftl");
    let text = std::fs::read_to_string(&ftl).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("search-button ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text);
    std::fs::write(&ftl, without).unwrap();
    let (out, found) = check(site.path());
    assert_eq!(out.status.code(), Some(1), "{found:#?}");
    let d = found
        .iter()
        .find(|d| d["code"] == "missing-message")
        .unwrap_or_else(|| panic!("no missing-message in {found:#?}"));
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "i18n/ar.ftl");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("`ar`") && message.contains("search-button"),
        "{message}"
    );
}

/// Every key of the theme's reference catalogue has an Arabic text in the test site.
#[test]
fn the_arabic_catalogue_of_the_test_site_has_every_key_of_the_french_one() {
    let keys = |path: PathBuf| -> BTreeSet<String> {
        std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split(" =").next().map(str::to_string))
            .collect()
    };
    let fr = keys(repo().join("themes/default/i18n/fr.ftl"));
    let ar = keys(site_root().join("i18n/ar.ftl"));
    let missing: Vec<_> = fr.difference(&ar).collect();
    assert!(missing.is_empty(), "i18n/ar.ftl lacks {missing:?}");
}

/// sha256 of every file of `public/`, as `sha256sum` writes them, sorted by path.
fn manifest(public: &Path) -> BTreeMap<String, String> {
    snapshot(public)
        .into_iter()
        .map(|(path, bytes)| {
            let hash: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (path, hash)
        })
        .collect()
}

/// The bundled guide without its English pages and with `language: fr` builds exactly what
/// the guide built before languages existed (`fixtures/french-only.sha256`, written by the
/// binary of that commit with `build --today 2026-11-23`).
#[test]
fn a_french_only_site_builds_byte_identical_to_before_languages() {
    let site = tempfile::tempdir().unwrap();
    crate::common::copy_tree(&repo().join("content"), &site.path().join("content"));
    std::fs::copy(repo().join("balise.yaml"), site.path().join("balise.yaml")).unwrap();
    crate::common::make_french_only(site.path());

    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_balise"))
        .args([
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .arg("--output")
        .arg(&public)
        .arg("--index")
        .arg(out.path().join("index"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let want: BTreeMap<String, String> = std::fs::read_to_string(repo().join("tests/it/fixtures/french-only.sha256"))
        .expect("tests/it/fixtures/french-only.sha256: write it with the binary of the commit before languages (see this test's comment)")
        .lines()
        .map(|l| {
            let (hash, path) = l.split_once("  ").unwrap();
            (path.trim_start_matches("./").to_string(), hash.to_string())
        })
        .collect();
    let got = manifest(&public);
    let missing: Vec<_> = want.keys().filter(|p| !got.contains_key(*p)).collect();
    let extra: Vec<_> = got.keys().filter(|p| !want.contains_key(*p)).collect();
    // Every file, the theme's included: what only a site in several languages needs (the
    // switcher, right-to-left) lives in `languages.css`, which a French-only site does not get.
    // The two search scripts are the one exception: they are theme source that learned to pick
    // a language's index (copied as they are; the browser suite runs the French search).
    const SCRIPTS_THAT_LEARNED_LANGUAGES: [&str; 2] = ["search/search.js", "search/embed.js"];
    let differ: Vec<_> = want
        .iter()
        .filter(|(p, h)| got.get(*p).is_some_and(|g| g != *h))
        .map(|(p, _)| p)
        .filter(|p| !SCRIPTS_THAT_LEARNED_LANGUAGES.contains(&p.as_str()))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "the French-only guide does not build as before languages ({} files compared):\n  missing: {missing:?}\n  new: {extra:?}\n  different ({}): {:?}",
        want.len(),
        differ.len(),
        differ.iter().take(40).collect::<Vec<_>>()
    );
}
