//! `balise build` end to end: the bundled guide and small sites of our own, built into
//! temporary folders, checked for what a reader relies on.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::common::*;

fn build_bundled_guide(out: &Path) -> balise::BuildReport {
    balise::build(&options(&repo(), out)).unwrap_or_else(|e| match e {
        balise::BuildError::Content(d) => panic!("{}", d.render_human(false)),
        other => panic!("{other}"),
    })
}

fn html_files(public: &Path) -> BTreeMap<String, String> {
    snapshot(public)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("HTML is UTF-8")))
        .collect()
}

/// The output file a root-relative URL points to, if any.
fn resolves(public: &Path, url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let rel = path.trim_start_matches('/');
    let target = public.join(rel);
    if path.ends_with('/') {
        target.join("index.html").is_file()
    } else {
        target.is_file()
    }
}

#[test]
fn the_bundled_guide_builds_and_every_internal_link_and_asset_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let report = build_bundled_guide(tmp.path());
    let public = tmp.path().join("public");
    let pages = html_files(&public);
    assert!(pages.len() > 60, "only {} pages", pages.len());
    let counts: BTreeMap<_, _> = report.site.counts().into_iter().collect();
    assert!(
        counts[&balise::Kind::Right] >= 32,
        "one rights page per criterion and per domain"
    );
    assert!(
        counts[&balise::Kind::Convention] >= 5,
        "the five conventions of the seeds"
    );

    let mut broken = Vec::new();
    for (file, html) in &pages {
        for attr in ["href", "src"] {
            for url in attribute_values(html, attr) {
                if url.starts_with('/') && !url.starts_with("//") && !resolves(&public, &url) {
                    broken.push(format!("{file}: {attr}={url}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_page_requests_anything_from_another_origin() {
    let tmp = tempfile::tempdir().unwrap();
    build_bundled_guide(tmp.path());
    for (file, html) in html_files(&tmp.path().join("public")) {
        // Anything the browser loads by itself: scripts, styles, images, frames, fonts.
        for url in attribute_values(&html, "src") {
            assert!(!url.contains("//"), "{file} loads {url}");
        }
        for link in html.split("<link ").skip(1) {
            let tag = link.split('>').next().unwrap();
            if tag.contains("stylesheet") || tag.contains("icon") || tag.contains("preload") {
                let href = attribute_values(&format!(" {tag}"), "href");
                assert!(href.iter().all(|h| !h.contains("//")), "{file}: {tag}");
            }
        }
        assert!(!html.contains("@import"), "{file}");
    }
}

#[test]
fn every_page_has_a_language_one_h1_and_a_unique_title() {
    let tmp = tempfile::tempdir().unwrap();
    build_bundled_guide(tmp.path());
    let mut titles = HashSet::new();
    for (file, html) in html_files(&tmp.path().join("public")) {
        // The bundled guide is in French, with an English version under `/en/`.
        let lang = if file.starts_with("en/") { "en" } else { "fr" };
        assert!(
            html.contains(&format!("<html lang={lang}>"))
                || html.contains(&format!("<html lang=\"{lang}\">")),
            "{file}"
        );
        assert_eq!(
            elements(&html, "h1").len(),
            1,
            "{file} must have exactly one h1"
        );
        let title = elements(&html, "title").pop().expect("a title");
        assert!(
            titles.insert(title.clone()),
            "{file}: the title `{title}` is used twice"
        );
        assert!(html.contains("Content-Security-Policy"), "{file}");
    }
}

#[test]
fn a_rights_page_reads_as_a_citizen_needs_it() {
    let tmp = tempfile::tempdir().unwrap();
    build_bundled_guide(tmp.path());
    let html =
        std::fs::read_to_string(tmp.path().join("public/droits/handicap/index.html")).unwrap();
    assert!(
        html.contains("Qui peut m'aider ?")
            || html.contains("Qui peut m&#39;aider ?")
            || html.contains("Qui peut m’aider"),
        "who can help"
    );
    assert!(
        html.contains("/contacts/defenseur-des-droits/"),
        "the Défenseur des droits is linked"
    );
    assert!(html.contains("Textes de loi"), "legal references");
    assert!(html.contains("Mis à jour le"), "last update");
    assert!(html.contains("/criteres/handicap/"), "its criterion's page");
    assert!(
        html.contains("aria-current=page"),
        "breadcrumbs mark the current page"
    );
}

#[test]
fn term_pages_list_what_carries_the_term() {
    let tmp = tempfile::tempdir().unwrap();
    build_bundled_guide(tmp.path());
    let public = tmp.path().join("public");
    let term = std::fs::read_to_string(public.join("criteres/handicap/index.html")).unwrap();
    assert!(term.contains("/droits/handicap/"));
    for f in [
        "domaines/emploi/index.html",
        "territoires/dijon/index.html",
        "plan-du-site/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(public.join(f).is_file(), "{f}");
    }
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://guide-discriminations.example.org/droits/handicap/"));
}

#[test]
fn a_site_without_theme_folder_builds_with_the_embedded_theme_and_copies_static_files() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let out = tempfile::tempdir().unwrap();
    let report = balise::build(&options(site.path(), out.path())).expect("builds");
    assert!(report.summary().contains("2 pages"), "{}", report.summary());
    let public = out.path().join("public");
    let page = std::fs::read_to_string(public.join("droits/age/index.html")).unwrap();
    assert!(
        page.contains("Maison du droit"),
        "the linked contact is shown"
    );
    assert!(
        page.contains("tel:+33102030405"),
        "its phone is a tel: link"
    );
    assert!(page.contains("Exempleville"), "with its address");
    assert!(
        public.join("style.css").is_file(),
        "theme assets are written"
    );
    assert_eq!(
        std::fs::read(public.join("docs/convention.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
}

#[test]
fn an_unknown_contact_is_rejected_with_file_and_line_and_the_old_output_stays() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let out = tempfile::tempdir().unwrap();
    let opts = options(site.path(), out.path());
    balise::build(&opts).expect("first build");
    let before = snapshot(&out.path().join("public"));
    let index_before = snapshot(&out.path().join("search-index"));

    write_site(
        site.path(),
        &[(
            "content/droits/age.md",
            "---\ntitle: Âge\ncontacts: [maison-du-droits]\n---\n",
        )],
    );
    let Err(balise::BuildError::Content(d)) = balise::build(&opts) else {
        panic!("must fail")
    };
    let e = d
        .items
        .iter()
        .find(|d| d.code == "unknown-contact")
        .expect("unknown-contact");
    assert_eq!((e.file.as_str(), e.line), ("content/droits/age.md", 3));
    assert!(
        e.help.as_deref().unwrap().contains("maison-du-droit"),
        "did you mean"
    );
    assert_eq!(
        before,
        snapshot(&out.path().join("public")),
        "public/ is byte-identical"
    );
    assert_eq!(index_before, snapshot(&out.path().join("search-index")));
    let leftovers = entry_names(out.path());
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary folder left behind: {leftovers:?}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    write_site(
        site.path(),
        &[(
            "content/droits/sexe.md",
            "---\ntitle: Brouillon\ndraft: true\n---\n",
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(site.path(), out.path());
    balise::build(&opts).unwrap();
    assert!(!out.path().join("public/droits/sexe/index.html").exists());
    opts.drafts = true;
    balise::build(&opts).unwrap();
    assert!(out.path().join("public/droits/sexe/index.html").exists());
}

#[test]
fn a_base_url_with_a_path_prefixes_every_link() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(site.path(), out.path());
    opts.base_url = Some("https://ville.example.org/guide/".into());
    balise::build(&opts).unwrap();
    let html = std::fs::read_to_string(out.path().join("public/droits/age/index.html")).unwrap();
    assert!(
        html.contains("/guide/contacts/maison-du-droit/"),
        "Markdown links"
    );
    assert!(html.contains("/guide/style.css"), "assets");
    for url in attribute_values(&html, "href") {
        assert!(
            !url.starts_with("/contacts/") && !url.starts_with("/droits/"),
            "{url} lacks the prefix"
        );
    }
}

#[test]
fn front_matter_values_reach_the_page_escaped() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    write_site(
        site.path(),
        &[("content/droits/age.md", "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(1)>\"\n---\n")],
    );
    let out = tempfile::tempdir().unwrap();
    balise::build(&options(site.path(), out.path())).unwrap();
    let html = std::fs::read_to_string(out.path().join("public/droits/age/index.html")).unwrap();
    let body = html.split("<body>").nth(1).unwrap();
    assert!(!body.contains("<script>alert"), "title is escaped: {body}");
    assert!(
        html.contains("&lt;script>alert(1)&lt;/script>")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "title is shown as text"
    );
    assert!(!body.contains("<img src=x"), "summary is escaped");
}

#[test]
fn heading_ids_come_from_the_heading_text() {
    let tmp = tempfile::tempdir().unwrap();
    build_bundled_guide(tmp.path());
    let html =
        std::fs::read_to_string(tmp.path().join("public/droits/handicap/index.html")).unwrap();
    assert!(
        html.contains("id=que-faire") || html.contains("id=\"que-faire\""),
        "`## Que faire ?` is #que-faire"
    );
}

/// A long page (its HTML and plain text are held compressed between the stages) is published
/// whole, and its last words are found by the search like its first.
#[test]
fn a_long_page_is_published_and_searched_to_its_last_word() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    small_site(&root);
    let paragraph = "Le bailleur ne peut pas refuser un logement à cause de l'âge du locataire, \
                     ni demander une caution plus élevée pour cette raison. ";
    let body: String = (0..120)
        .map(|i| format!("## Partie {i}\n\n{}\n\n", paragraph.repeat(2)))
        .collect();
    assert!(body.len() > 3 * balise::model::packed::PACK_FROM);
    let page = format!(
        "---\ntitle: Le logement et l'âge\ncriteria: [age]\ndomains: [logement]\n---\nPremier mot : \
         abricotier.\n\n{body}Dernier mot : zanzibar.\n"
    );
    write_site(&root, &[("content/droits/logement-age.md", &page)]);
    let out = tmp.path().join("out");
    balise::build(&options(&root, &out)).unwrap_or_else(|e| panic!("{e}"));

    let html = std::fs::read_to_string(out.join("public/droits/logement-age/index.html")).unwrap();
    for part in ["abricotier", "id=partie-0", "id=partie-119", "zanzibar"] {
        assert!(html.contains(part), "{part} is on the page");
    }
    let index = balise::index::SearchIndex::open(&out.join("search-index")).unwrap();
    for word in ["abricotier", "zanzibar"] {
        let found = index
            .search(&balise::index::SearchRequest {
                q: word.into(),
                ..Default::default()
            })
            .unwrap();
        let urls: Vec<&str> = found.results.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(urls, ["/droits/logement-age/"], "{word}");
    }
}
