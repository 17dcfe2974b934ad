//! Problems found in a site, as values: every stage collects them instead of stopping at the
//! first one, so that one run of `balise check` reports everything that needs fixing.
//!
//! A diagnostic names a file (relative to the site root), a byte span in that file, a stable
//! `code`, a message and, when there is one, a `help` that says what to write instead.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at `span`, a byte range of `source` (the whole file's text).
    pub fn at(mut self, source: &str, span: Range<usize>) -> Self {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        let (line, column) = line_column(source, start);
        self.line = line;
        self.column = column;
        self.span = Some(start..end);
        self
    }

    /// Like [`Diagnostic::at`], with the line starts of `source` computed once: for a file
    /// that may get many diagnostics.
    pub fn at_in(mut self, lines: &LineIndex, source: &str, span: Range<usize>) -> Self {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        let (line, column) = lines.line_column(source, start);
        self.line = line;
        self.column = column;
        self.span = Some(start..end);
        self
    }

    /// Points the diagnostic at `span`, whose 1-based line and column were found when the file's
    /// text was at hand (a link checked after the page's body was let go).
    pub fn at_position(mut self, span: Range<usize>, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }

    /// Points the diagnostic at a 1-based line, for files whose text is not kept (binary files).
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

/// Runs `work` for one file; a panic inside it (a bug of balise or of a library it uses)
/// becomes an `internal` error naming the file, so one bad file cannot take the whole build,
/// `check` or a running `serve` down with it. (A stack overflow cannot be caught this way: the
/// limits of `model::limits` keep the recursive parsers far from it.)
pub fn catch_panic<T>(file: &str, work: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown reason".to_string());
        Diagnostic::error(
            "internal",
            file,
            format!("balise failed while processing this file ({reason})"),
        )
        .help("this is a bug of balise: please report it with this file; meanwhile, simplify or remove the part of the file you changed last")
    })
}

/// 1-based line and character column of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Byte offsets where the lines of a text start, to turn offsets into lines in O(log n).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    pub fn line_column(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset);
        let line_start = self.starts[line - 1];
        (line, source[line_start..offset].chars().count() + 1)
    }
}

/// Past this many diagnostics of one code in one file, the rest are counted, not listed.
const MAX_PER_FILE_AND_CODE: usize = 20;

/// Every diagnostic of a run, with the text of the files they point into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
    sources: HashMap<String, Arc<str>>,
    /// Files whose text a build let go once converted (`load` keeps only front matters): read
    /// again for the report, only those a diagnostic quotes.
    on_disk: HashMap<String, OnDisk>,
}

/// A file as it was read: where it is, and its size and modification time then, so that a
/// report never quotes a file changed since (its lines would no longer match the diagnostic).
#[derive(Debug, Clone)]
pub struct OnDisk {
    pub path: std::path::PathBuf,
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl OnDisk {
    /// The text of the file if it is still the one that was read, without its byte order mark
    /// (as `load` reads it: spans count from after it).
    fn read_again(&self) -> Option<Arc<str>> {
        let meta = std::fs::metadata(&self.path).ok()?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        std::str::from_utf8(bytes).ok().map(Arc::from)
    }
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend_items(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.sources.extend(other.sources);
        self.on_disk.extend(other.on_disk);
    }

    /// Keeps a file's text so that the human report can quote the offending line.
    pub fn add_source(&mut self, file: &str, text: Arc<str>) {
        self.sources.insert(file.to_string(), text);
    }

    /// Keeps the place of a file whose text is let go, to read it again if a diagnostic
    /// quotes it (see [`Diagnostics::keep_only_quoted_sources`]).
    pub fn add_source_on_disk(&mut self, file: &str, on_disk: OnDisk) {
        self.on_disk.insert(file.to_string(), on_disk);
    }

    /// Adds the texts of the quoted files that have none yet, as `text_of` gives them: for a
    /// caller that holds every file's text, instead of handing them all over first.
    pub fn add_quoted_sources(&mut self, text_of: impl Fn(&str) -> Option<Arc<str>>) {
        let missing: Vec<(String, Arc<str>)> = quoted_files(&self.items)
            .into_iter()
            .filter(|file| !self.sources.contains_key(*file))
            .filter_map(|file| Some((file.to_string(), text_of(file)?)))
            .collect();
        self.sources.extend(missing);
    }

    /// Drops the texts of the files no diagnostic points into: only those are quoted. The
    /// quoted files whose text was let go are read again now, unless they changed since.
    pub fn keep_only_quoted_sources(&mut self) {
        let quoted = quoted_files(&self.items);
        self.sources
            .retain(|file, _| quoted.contains(file.as_str()));
        for (file, on_disk) in std::mem::take(&mut self.on_disk) {
            if quoted.contains(file.as_str()) && !self.sources.contains_key(&file) {
                if let Some(text) = on_disk.read_again() {
                    self.sources.insert(file, text);
                }
            }
        }
    }

    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, then position, so reports read top to bottom.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
        });
        self.items.dedup_by(|a, b| {
            a.file == b.file && a.line == b.line && a.code == b.code && a.message == b.message
        });
        // A pasted document can repeat one mistake thousands of times: list the first ones and
        // say how many more there are.
        let mut seen: HashMap<(String, &'static str), usize> = HashMap::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for d in std::mem::take(&mut self.items) {
            let n = seen.entry((d.file.clone(), d.code)).or_default();
            *n += 1;
            if *n <= MAX_PER_FILE_AND_CODE {
                kept.push(d);
            }
        }
        for ((file, code), n) in seen {
            if n > MAX_PER_FILE_AND_CODE {
                let severity = kept
                    .iter()
                    .find(|d| d.file == file && d.code == code)
                    .map(|d| d.severity);
                let more = Diagnostic {
                    severity: severity.unwrap_or(Severity::Warning),
                    ..Diagnostic::error(
                        code,
                        file,
                        format!(
                            "{} more problems of this kind in this file",
                            n - MAX_PER_FILE_AND_CODE
                        ),
                    )
                }
                .help("fix the ones listed above the same way, then run `balise check` again");
                kept.push(more);
            }
        }
        self.items = kept;
    }

    /// rustc-like report: location, quoted line with a marker, message and help.
    pub fn render_human(&self, color: bool) -> String {
        let mut files = SimpleFiles::new();
        let mut ids = HashMap::new();
        let mut out = Buffer::no_color();
        let mut colored = Buffer::ansi();
        let buffer = if color { &mut colored } else { &mut out };
        let config = term::Config::default();
        for d in &self.items {
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message);
            match (self.sources.get(&d.file), &d.span) {
                (Some(text), Some(span)) => {
                    let id = *ids
                        .entry(d.file.clone())
                        .or_insert_with(|| files.add(d.file.clone(), text.clone()));
                    cs = cs.with_labels(vec![Label::primary(id, span.clone())]);
                }
                _ => {
                    let location = if d.line > 0 {
                        format!("{}:{}:{}", d.file, d.line, d.column)
                    } else {
                        d.file.clone()
                    };
                    cs = cs.with_notes(vec![format!("in {location}")]);
                }
            }
            if let Some(help) = &d.help {
                cs.notes.push(format!("help: {help}"));
            }
            // Writing into an in-memory buffer cannot fail.
            let _ = term::emit(buffer, &config, &files, &cs);
        }
        let mut text = String::from_utf8_lossy(buffer.as_slice()).into_owned();
        let _ = writeln!(text, "{}", self.summary_line());
        text
    }

    /// One JSON object per line, for CI annotations.
    pub fn render_json(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            // A struct of strings and integers always serializes.
            out.push_str(&serde_json::to_string(d).expect("diagnostic serializes"));
            out.push('\n');
        }
        out
    }

    pub fn summary_line(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        )
    }
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&word, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The files that `items` point into, whose lines the report quotes.
fn quoted_files(items: &[Diagnostic]) -> HashSet<&str> {
    items
        .iter()
        .filter(|d| d.span.is_some())
        .map(|d| d.file.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "é\nabc\n  x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.len() - 1), (3, 3));
    }

    #[test]
    fn line_index_agrees_with_the_direct_count() {
        let text = "é\nabc\n\n  xy\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                index.line_column(text, offset),
                line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn repeated_problems_are_capped_per_file_and_code() {
        let mut d = Diagnostics::default();
        for line in 1..=30 {
            d.push(Diagnostic::warning("link-text", "a.md", "vague").at_line(line, 1));
        }
        d.sort();
        assert_eq!(d.items.len(), MAX_PER_FILE_AND_CODE + 1);
        assert!(d.items.iter().any(|i| i.message.starts_with("10 more")));
        assert_eq!(d.warnings(), MAX_PER_FILE_AND_CODE + 1);
    }

    #[test]
    fn a_panic_becomes_an_error_naming_the_file() {
        assert_eq!(catch_panic("a.md", || 2).unwrap(), 2);
        let d =
            catch_panic("content/a.md", || -> u8 { panic!("index out of bounds") }).unwrap_err();
        assert_eq!((d.code, d.file.as_str()), ("internal", "content/a.md"));
        assert!(d.message.contains("index out of bounds"), "{}", d.message);
        let d = catch_panic("b.md", || -> u8 { panic!("{} items", 3) }).unwrap_err();
        assert!(d.message.contains("3 items"), "{}", d.message);
    }

    #[test]
    fn suggests_close_words_only() {
        let terms = ["handicap", "age", "religion"];
        assert_eq!(did_you_mean("handycap", terms), Some("handicap"));
        assert_eq!(did_you_mean("xyz", terms), None);
    }

    #[test]
    fn human_report_quotes_the_line_and_counts() {
        let text: Arc<str> = Arc::from("---\ntitle: x\ncriteria: [handycap]\n---\n");
        let mut d = Diagnostics::default();
        d.add_source("content/a.md", text.clone());
        let start = text.find("handycap").unwrap();
        d.push(
            Diagnostic::error(
                "unknown-term",
                "content/a.md",
                "unknown criterion `handycap`",
            )
            .at(&text, start..start + 8)
            .help("write `handicap`"),
        );
        let report = d.render_human(false);
        assert!(report.contains("content/a.md:3:12"), "{report}");
        assert!(report.contains("criteria: [handycap]"));
        assert!(report.contains("help: write `handicap`"));
        assert!(report.trim_end().ends_with("1 error, 0 warnings"));
    }
}
