//! Micro-benchmarks of the hot stages of a build, on the bundled guide (`content/`).
//!
//! ```text
//! cargo bench --bench pipeline
//! ```
//!
//! Whole-site figures, against Hugo and Pagefind, come from `benches/compare.sh` (see README,
//! "Performance"); these isolate one stage each, to see what a change to it is worth.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

use balise::load::markdown::{render as render_markdown, MarkdownOptions};
use balise::model::frontmatter::{parse_page, split};
use balise::model::limits::MAX_PAGE_NESTING;
use balise::{BuildOptions, Diagnostics, Kind};

const TODAY: &str = "2026-11-23";

fn options() -> BuildOptions {
    let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").ok();
    options
}

/// A right page of the guide: front matter, headings, lists, links.
fn sample_page() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/droits/logement.md");
    std::fs::read_to_string(path).expect("the bundled guide has content/droits/logement.md")
}

fn front_matter(c: &mut Criterion) {
    let text = sample_page();
    c.bench_function("front matter: split and parse a right page", |b| {
        b.iter(|| {
            let parts = split("droits/logement.md", &text).expect("the page has front matter");
            parse_page(Kind::Right, parts.yaml).expect("the front matter is valid")
        })
    });
}

fn markdown(c: &mut Criterion) {
    let text = sample_page();
    let parts = split("droits/logement.md", &text).expect("the page has front matter");
    let options = MarkdownOptions {
        allow_html: false,
        base_path: "/",
        links: None,
        table_label: "Tableau",
    };
    c.bench_function("markdown: render a right page", |b| {
        b.iter(|| render_markdown("droits/logement.md", &text, parts.body_offset, &options))
    });
}

fn templates(c: &mut Criterion) {
    let options = options();
    let mut diagnostics = Diagnostics::default();
    let theme = balise::render::theme::Theme::load(&options.root, &mut diagnostics);
    let (prepared, _) = balise::prepare(&options);
    let site = prepared.expect("the bundled guide builds").site;
    let messages = std::sync::Arc::new(balise::render::i18n::Messages::load(
        &theme,
        &site.config,
        &mut diagnostics,
    ));
    let tera = theme
        .compile(&messages, site.lang, &mut diagnostics)
        .expect("the default theme compiles");
    c.bench_function(
        "templates: render and minify every page of the guide",
        |b| {
            b.iter(|| {
                balise::render::Renderer::new(&site, &tera, &messages)
                    .pages(&mut Diagnostics::default())
            })
        },
    );
}

fn indexing(c: &mut Criterion) {
    let options = options();
    let (prepared, _) = balise::prepare(&options);
    let site = prepared.expect("the bundled guide builds").site;
    let mut diagnostics = Diagnostics::default();
    let theme = balise::render::theme::Theme::load(&options.root, &mut diagnostics);
    let messages = balise::render::i18n::Messages::load(&theme, &site.config, &mut diagnostics);
    c.bench_function(
        "indexing: search documents, static files, tantivy index written",
        |b| {
            b.iter(|| {
                let docs = balise::index::SearchDocuments::from_site(&site, &messages);
                let files = balise::index::static_files(&site, &docs);
                let dir = tempfile::tempdir().expect("a temporary folder");
                balise::index::write_index(&docs, dir.path()).expect("the index is written");
                files.len()
            })
        },
    );
}

fn minify(c: &mut Criterion) {
    let (prepared, _) = balise::prepare(&options());
    let prepared = prepared.expect("the bundled guide builds");
    let page = prepared
        .files
        .iter()
        .find(|f| f.path == "droits/logement/index.html")
        .expect("the guide has /droits/logement/");
    c.bench_function("minify: one right page", |b| {
        b.iter(|| balise::render::minify(&page.contents))
    });
    // Every rendered page is checked before it is minified (here on the minified page, whose
    // tags are the same).
    c.bench_function("nesting check: one right page", |b| {
        b.iter(|| balise::model::limits::html_depth(&page.contents, MAX_PAGE_NESTING))
    });
}

fn whole(c: &mut Criterion) {
    let options = options();
    c.bench_function("prepare: the whole guide in memory (stages 1 to 4)", |b| {
        b.iter(|| balise::prepare(&options).0.map(|p| p.files.len()))
    });
}

criterion_group! {
    name = stages;
    // Small samples: `cargo bench` stays within a few minutes on two cores.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = front_matter, markdown, templates, indexing, minify, whole
}
criterion_main!(stages);
