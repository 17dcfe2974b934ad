//! What each file was last rendered from, so that `serve` renders again only the files whose
//! template values changed after an edit of a page's front matter.
//!
//! A rendered file is a function of its template and the values the template receives (the
//! templates, the catalogue and the minifier stay the same between two incremental rebuilds;
//! `serve` compiles them again on a whole one). So instead of a list, written by hand, of the
//! files an edit reaches (its section, term pages, pages that cite it, feeds…), which would
//! miss the one nobody thought of, every file's values are made again and compared, through a
//! fingerprint, with those it was last rendered from: only the files whose values differ go
//! through Tera and the minifier, the costly part.
//!
//! Each rebuild is a pass: files made during it are marked seen, and the files of the last
//! pass that were not made again are gone (a term page whose last page left the term).

use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

/// The fingerprint of every file made from the site, by output path.
#[derive(Debug, Default)]
pub struct RenderMemo {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    files: HashMap<String, Entry>,
    pass: u32,
    /// The five files of this pass that took longest to render (Tera and the minifier), for
    /// `BALISE_TIMINGS=1`, the longest first. Only so many are kept: the first pass renders
    /// every file of the site.
    renders: Vec<(Duration, String)>,
}

/// How many of the slowest renders of a pass are kept.
const SLOWEST: usize = 5;

#[derive(Debug)]
struct Entry {
    /// Of the template's name and values; `None` for a file made without a template (a
    /// calendar, open data), which is made again on each pass and only marked seen.
    fingerprint: Option<u64>,
    /// The last pass that made this file.
    pass: u32,
}

impl RenderMemo {
    /// The fingerprint of `values` rendered through `template`: a 64-bit XXH3 of their CBOR,
    /// written straight into the hasher (CBOR writes texts as they are, after their length, so
    /// different values write different bytes). Two different values give the same fingerprint
    /// with a chance of about one in 2⁶⁴; a file is then not rendered again, until its next
    /// change.
    pub fn fingerprint<T: Serialize>(template: &str, values: &T) -> Option<u64> {
        // No seed: the same values give the same fingerprint, in any process.
        let mut writer = HashWriter(xxhash_rust::xxh3::Xxh3::new());
        writer.0.write(template.as_bytes());
        writer.0.write_u8(0);
        // Only fails when a value's `Serialize` fails: then the render, which serialises
        // the values too, reports the error.
        ciborium::into_writer(values, &mut writer).ok()?;
        Some(writer.0.finish())
    }

    /// Starts a rebuild: what it makes is seen; what it does not make is gone.
    pub fn begin_pass(&self) {
        let mut state = self.lock();
        state.pass += 1;
        state.renders.clear();
    }

    /// Was `path` last rendered from values of this fingerprint? It is seen in this pass either
    /// way; when it was not, [`RenderMemo::record`] follows its render.
    pub fn unchanged(&self, path: &str, fingerprint: u64) -> bool {
        let mut state = self.lock();
        let pass = state.pass;
        match state.files.get_mut(path) {
            Some(entry) if entry.fingerprint == Some(fingerprint) => {
                entry.pass = pass;
                true
            }
            _ => false,
        }
    }

    /// `path` was rendered from values of this fingerprint, in `took`.
    pub fn record(&self, path: &str, fingerprint: u64, took: Duration) {
        let mut state = self.lock();
        let pass = state.pass;
        let renders = &mut state.renders;
        if renders.len() < SLOWEST || renders.last().is_some_and(|(least, _)| took > *least) {
            let at = renders.partition_point(|(other, _)| *other >= took);
            renders.insert(at, (took, path.to_string()));
            renders.truncate(SLOWEST);
        }
        let entry = Entry {
            fingerprint: Some(fingerprint),
            pass,
        };
        // A path seen before keeps its key: no new string for each file of each pass.
        match state.files.get_mut(path) {
            Some(known) => *known = entry,
            None => {
                state.files.insert(path.to_string(), entry);
            }
        }
    }

    /// `path`, made without a template, was made in this pass.
    pub fn see(&self, path: &str) {
        let mut state = self.lock();
        let pass = state.pass;
        match state.files.get_mut(path) {
            Some(entry) => entry.pass = pass,
            None => {
                state.files.insert(
                    path.to_string(),
                    Entry {
                        fingerprint: None,
                        pass,
                    },
                );
            }
        }
    }

    /// The files of earlier passes that this pass did not make, sorted; they are forgotten.
    pub fn take_unseen(&self) -> Vec<String> {
        let mut state = self.lock();
        let pass = state.pass;
        let mut gone: Vec<String> = state
            .files
            .iter()
            .filter(|(_, entry)| entry.pass != pass)
            .map(|(path, _)| path.clone())
            .collect();
        for path in &gone {
            state.files.remove(path);
        }
        gone.sort();
        gone
    }

    /// The five files of this pass that took longest to render, the longest first.
    pub fn slowest_renders(&self) -> Vec<(Duration, String)> {
        self.lock().renders.clone()
    }

    /// Number of files known.
    pub fn len(&self) -> usize {
        self.lock().files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves whole entries: the state stays usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Feeds what ciborium writes to a hasher, without building the bytes.
struct HashWriter(xxhash_rust::xxh3::Xxh3);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_the_template_and_every_value() {
        let values = serde_json::json!({"page": {"title": "Âge", "terms": ["a", "b"]}});
        let same = serde_json::json!({"page": {"title": "Âge", "terms": ["a", "b"]}});
        let other = serde_json::json!({"page": {"title": "Âge", "terms": ["a", "c"]}});
        let f = |t, v| RenderMemo::fingerprint(t, v).unwrap();
        assert_eq!(f("page.html", &values), f("page.html", &same));
        assert_ne!(f("page.html", &values), f("page.html", &other));
        assert_ne!(f("page.html", &values), f("right.html", &values));
    }

    #[test]
    fn only_the_slowest_renders_are_kept() {
        let memo = RenderMemo::default();
        memo.begin_pass();
        // Durations 0, 7, 14, … 63 ms in a scrambled order: 7 × i mod 10 visits every i.
        for i in 0..10u64 {
            let ms = (7 * i) % 10 * 7;
            memo.record(&format!("{ms}.html"), i, Duration::from_millis(ms));
        }
        let kept: Vec<String> = memo.slowest_renders().into_iter().map(|r| r.1).collect();
        assert_eq!(
            kept,
            ["63.html", "56.html", "49.html", "42.html", "35.html"]
        );
        assert_eq!(memo.len(), 10, "every file is still known");
    }

    #[test]
    fn a_pass_tells_unchanged_files_and_gone_ones() {
        let memo = RenderMemo::default();
        memo.begin_pass();
        let took = |ms| Duration::from_millis(ms);
        memo.record("a/index.html", 1, took(2));
        memo.record("b/index.html", 2, took(5));
        memo.see("agenda.ics");
        memo.see("old.ics");
        assert_eq!(memo.len(), 4);

        assert_eq!(
            memo.slowest_renders(),
            [
                (took(5), "b/index.html".to_string()),
                (took(2), "a/index.html".to_string())
            ]
        );

        memo.begin_pass();
        assert!(memo.slowest_renders().is_empty(), "renders of this pass");
        assert!(memo.unchanged("a/index.html", 1));
        assert!(!memo.unchanged("b/index.html", 3), "other values");
        memo.record("b/index.html", 3, took(1));
        assert!(!memo.unchanged("c/index.html", 1), "a new file");
        memo.record("c/index.html", 1, took(9));
        assert_eq!(memo.slowest_renders().len(), 2);
        assert_eq!(memo.slowest_renders()[0].1, "c/index.html");
        memo.see("agenda.ics");
        assert!(!memo.unchanged("agenda.ics", 0), "made without a template");
        assert_eq!(memo.take_unseen(), ["old.ics"]);
        assert_eq!(memo.len(), 4);

        memo.begin_pass();
        assert!(memo.unchanged("b/index.html", 3));
        assert_eq!(
            memo.take_unseen(),
            ["a/index.html", "agenda.ics", "c/index.html"]
        );
        assert!(memo.take_unseen().is_empty());
    }
}
