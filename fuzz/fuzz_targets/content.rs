//! Fuzzes what a content file goes through: front-matter split, typed parsing for every kind
//! (with the error-recovery loop), Markdown conversion with the content rules, and the
//! diagnostics report. Run: `cargo +nightly fuzz run content -- -max_total_time=600`.
#![no_main]

use balise::diagnostics::{Diagnostics};
use balise::model::frontmatter::{self, Kind};
use balise::load::markdown::{self, MarkdownOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = "content/fuzz/page.md";
    let mut report = Diagnostics::default();
    report.add_source(file, Arc::from(text));
    match frontmatter::split(file, text) {
        Err(d) => report.push(d),
        Ok(split) => {
            for kind in Kind::ALL {
                let (_, diagnostics) = frontmatter::parse_page_reporting_all(kind, file, text, &split);
                for d in diagnostics {
                    report.push(d);
                }
            }
            for allow_html in [false, true] {
                let options = MarkdownOptions { allow_html, base_path: "/guide/" };
                let md = markdown::render(file, text, split.body_offset, &options);
                for d in md.diagnostics {
                    report.push(d);
                }
            }
        }
    }
    report.sort();
    let _ = report.render_human(false);
    let _ = report.render_json();
});
