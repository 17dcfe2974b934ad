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
    /// How long each file rendered in this pass took (Tera and the minifier), for
    /// `BALISE_TIMINGS=1`.
    renders: Vec<(Duration, String)>,
}

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
        state.renders.push((took, path.to_string()));
        state.files.insert(
            path.to_string(),
            Entry {
                fingerprint: Some(fingerprint),
                pass,
            },
        );
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

    /// The `n` files of this pass that took longest to render, the longest first.
    pub fn slowest_renders(&self, n: usize) -> Vec<(Duration, String)> {
        let mut renders = self.lock().renders.clone();
        renders.sort_by(|a, b| b.cmp(a));
        renders.truncate(n);
        renders
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
            memo.slowest_renders(1),
            [(took(5), "b/index.html".to_string())]
        );

        memo.begin_pass();
        assert!(memo.slowest_renders(3).is_empty(), "renders of this pass");
        assert!(memo.unchanged("a/index.html", 1));
        assert!(!memo.unchanged("b/index.html", 3), "other values");
        memo.record("b/index.html", 3, took(1));
        assert!(!memo.unchanged("c/index.html", 1), "a new file");
        memo.record("c/index.html", 1, took(9));
        assert_eq!(memo.slowest_renders(5).len(), 2);
        assert_eq!(memo.slowest_renders(5)[0].1, "c/index.html");
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
