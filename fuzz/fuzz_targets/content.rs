//! Fuzzes what a content file goes through: front-matter split, typed parsing for every kind
//! (with the error-recovery loop), Markdown conversion with the content rules and the limits,
//! the page depth check and the HTML minifier, and the diagnostics report.
//! Run: `cargo +nightly fuzz run content -- -max_total_time=600`.
//!
//! Structure-aware: the first byte chooses how the rest is used. Plain text (the fuzzer's own
//! mutations), or the rest repeated into shapes that random bytes rarely reach: deep nesting
//! (a unit repeated thousands of times), huge tables, very long lines.
#![no_main]

use balise::diagnostics::Diagnostics;
use balise::load::markdown::{self, MarkdownOptions};
use balise::model::frontmatter::{self, Kind};
use balise::model::limits::{html_depth, MAX_PAGE_NESTING};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

/// Builds the text to test from the fuzzer's bytes.
fn shape(data: &[u8]) -> Option<String> {
    let (&mode, rest) = data.split_first()?;
    let rest = std::str::from_utf8(rest).ok()?;
    let front = "---\ntitle: Essai\n---\n";
    let count = |seed: &str| 1 + seed.len() * 997 % 20_000;
    Some(match mode % 4 {
        // Deep nesting: a short unit (`> `, `- `, `*`, `<div>`, `[`) repeated, then text.
        1 => {
            let unit: String = rest.chars().take(4).collect();
            let unit = if unit.is_empty() { "> ".to_string() } else { unit };
            format!("{front}{} fin {}\n", unit.repeat(count(rest)), rest)
        }
        // A huge table: the row repeated as columns and lines.
        2 => {
            let cell: String = rest.chars().take(8).filter(|c| *c != '\n').collect();
            let columns = 1 + rest.len() % 300;
            let row = format!("|{}\n", format!(" {cell} |").repeat(columns));
            let rule = format!("|{}\n", " --- |".repeat(columns));
            format!("{front}{row}{rule}{}", row.repeat(count(rest) / 10 + 1))
        }
        // A very long line.
        3 => format!("{front}{}\n", rest.repeat(300_000 / (rest.len() + 1) + 1)),
        _ => rest.to_string(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = shape(data) else { return };
    let text = text.as_str();
    let file = "content/fuzz/page.md";
    let mut report = Diagnostics::default();
    report.add_source(file, Arc::from(text));
    match frontmatter::split(file, text) {
        Err(d) => report.push(d),
        Ok(split) => {
            for kind in Kind::ALL {
                let (_, diagnostics) =
                    frontmatter::parse_page_reporting_all(kind, file, text, &split);
                for d in diagnostics {
                    report.push(d);
                }
            }
            for allow_html in [false, true] {
                let options = MarkdownOptions { allow_html, base_path: "/guide/" };
                let md = markdown::render(file, text, split.body_offset, &options);
                // What the render stage does with it: the depth check, then the minifier.
                let page = format!("<!DOCTYPE html><html><head><title>t</title></head><body><main>{}</main></body></html>", md.html);
                if html_depth(page.as_bytes(), MAX_PAGE_NESTING).0 <= MAX_PAGE_NESTING {
                    let _ = balise::render::minify(page.as_bytes());
                }
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
