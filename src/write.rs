//! Stage 5, write: minify HTML, write every output file into a temporary folder beside the
//! target, then swap it in, so a failed or killed build never leaves a half-written site.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::output::OutputFile;

const TMP_PREFIX: &str = ".balise-tmp-";
const OLD_PREFIX: &str = ".balise-old-";

/// A folder being written beside `target`, removed on drop unless committed.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = parent_of(target);
        fs::create_dir_all(&parent)?;
        remove_leftovers(target);
        let dir = parent.join(format!(
            "{TMP_PREFIX}{}-{}",
            file_name(target),
            std::process::id()
        ));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes files in parallel; folders are created first.
    pub fn write_all(&self, files: &[OutputFile]) -> io::Result<()> {
        let mut dirs: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| self.dir.join(&f.path).parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            fs::create_dir_all(d)?;
        }
        files
            .par_iter()
            .try_for_each(|f| fs::write(self.dir.join(&f.path), &f.contents))
    }

    /// Replaces `target` by the staged folder.
    pub fn commit(mut self) -> io::Result<()> {
        swap_in(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
}

/// Removes folders left by a build that was killed, whatever its process id.
fn remove_leftovers(target: &Path) {
    let name = file_name(target);
    let Ok(entries) = fs::read_dir(parent_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        for prefix in [TMP_PREFIX, OLD_PREFIX] {
            if let Some(rest) = n.strip_prefix(prefix) {
                if rest.rsplit_once('-').is_some_and(|(base, _)| base == name) {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
    }
}

/// Atomically exchanges `staged` and `target` where the system can (Linux `renameat2`),
/// so that at every instant `target` is either the old or the new site.
fn swap_in(staged: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return fs::rename(staged, target);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            // `staged` now holds the previous site.
            return fs::remove_dir_all(staged);
        }
    }
    let old = parent_of(target).join(format!(
        "{OLD_PREFIX}{}-{}",
        file_name(target),
        std::process::id()
    ));
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(staged, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    fs::remove_dir_all(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_staging_folder_disappears_and_the_target_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging
                .write_all(&[OutputFile::new("index.html", "new")])
                .unwrap();
        }
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn commit_replaces_the_target() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("stale.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        staging
            .write_all(&[OutputFile::new("a/index.html", "new")])
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale.html").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
