//! Stage 5, write: puts the output files into their folder, writing only the files whose bytes
//! changed, so that a failed or killed build never leaves a half-written site.
//!
//! Into an existing folder, a build compares each file with the one already there as soon as it
//! is made ([`StagedSink`]: the rendered pages are never all in memory), stages the
//! changed ones flat in `.balise-tmp-<name>-<pid>/` beside the target with a journal of where
//! each goes and what to delete, and then renames that folder to `.balise-commit-<name>`: that
//! rename is the commit point. The journal is then applied (one `rename` per changed file, which
//! replaces the old file whole) and the commit folder removed. A build killed before the commit
//! point leaves the target untouched (its temporary folder is removed by the next build); one
//! killed after it is finished by the next build ([`recover`]), which applies the journal again
//! (each step can be repeated). A new folder is written whole into a temporary folder and
//! swapped in ([`Staging`]); so is one whose shape would change (a file where a folder was),
//! from the staged files and links to its unchanged ones.
//!
//! Builds writing into one parent folder take turns ([`lock`]): only the holder of the lock
//! writes, so the temporary folders it removes can only be those of killed builds.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::output::{OutputFile, OutputSink};

const TMP_PREFIX: &str = ".balise-tmp-";
const OLD_PREFIX: &str = ".balise-old-";
const COMMIT_PREFIX: &str = ".balise-commit-";
/// The journal inside a staging or commit folder; staged files are named by their number.
const JOURNAL: &str = "journal.json";
/// The folder, inside a staging folder, where a whole tree is assembled from staged files.
const TREE: &str = "tree";

/// The files of a commit folder and where they go.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    /// Staged file `i` (named `i` in the commit folder) goes to `moves[i]` under the target.
    moves: Vec<String>,
    /// Files of the target that the build no longer has.
    deletes: Vec<String>,
}

/// What a write did to the target folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were because their bytes did not change.
    pub unchanged: usize,
    /// Files removed because the build no longer has them.
    pub removed: usize,
}

/// Exclusive right to write into some folders, for as long as it lives.
pub struct OutputLock {
    _dirs: Vec<fs::File>,
}

/// Takes the write lock of the parent folder of each target (an advisory `flock` on the folder
/// itself: nothing is left behind, and a killed holder releases it). If another build holds it,
/// says so on stderr and waits. A parent that does not exist yet has nothing to protect: create
/// it first to lock it.
pub fn lock(targets: &[&Path]) -> io::Result<OutputLock> {
    let mut parents = Vec::new();
    for target in targets {
        match fs::canonicalize(parent_of(target)) {
            Ok(parent) => parents.push(parent),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    // One order for every build, so that two builds never hold one lock each.
    parents.sort();
    parents.dedup();
    let mut dirs = Vec::new();
    for parent in parents {
        let dir = fs::File::open(&parent)?;
        lock_file(&dir, &parent)?;
        dirs.push(dir);
    }
    Ok(OutputLock { _dirs: dirs })
}

#[cfg(unix)]
fn lock_file(dir: &fs::File, path: &Path) -> io::Result<()> {
    use rustix::fs::{flock, FlockOperation};
    match flock(dir, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(()),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => {
            eprintln!(
                "Another balise build is writing into {}; waiting for it to finish…",
                path.display()
            );
            flock(dir, FlockOperation::LockExclusive).map_err(io::Error::from)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn lock_file(_dir: &fs::File, _path: &Path) -> io::Result<()> {
    // No advisory lock here: concurrent builds are not supported on this system.
    Ok(())
}

/// Finishes a write that was killed after its commit point, and removes the temporary folders
/// of killed builds. Call it with the lock held.
pub fn recover(target: &Path) -> io::Result<()> {
    if !parent_of(target).is_dir() {
        return Ok(());
    }
    let commit = sibling(target, COMMIT_PREFIX, None);
    if commit.is_dir() {
        apply(&commit, target)?;
    }
    remove_leftovers(target);
    Ok(())
}

/// A write being prepared; [`Update::commit`] puts it in place, dropping it leaves the target
/// as it was.
pub enum Update {
    /// The target already has these bytes.
    Nothing(WriteStats),
    /// Changed files staged with their journal, to apply in place.
    Journal { staging: Staging, stats: WriteStats },
    /// The whole output staged, to swap in.
    Swap { staging: Staging, stats: WriteStats },
    /// The whole output assembled in the staging folder's `tree/`, to swap in.
    Tree { staging: Staging, stats: WriteStats },
}

impl Update {
    pub fn commit(self) -> io::Result<WriteStats> {
        match self {
            Update::Nothing(stats) => Ok(stats),
            Update::Swap { staging, stats } => staging.commit().map(|()| stats),
            Update::Tree { staging, stats } => {
                // The staging folder, left with the flat files' names, goes when dropped.
                swap_in(&staging.dir.join(TREE), &staging.target).map(|()| stats)
            }
            Update::Journal { mut staging, stats } => {
                let commit = sibling(&staging.target, COMMIT_PREFIX, None);
                fs::rename(&staging.dir, &commit)?;
                // From here on the journal belongs to the commit folder, not to this build.
                staging.committed = true;
                apply(&commit, &staging.target)?;
                Ok(stats)
            }
        }
    }
}

/// Compares `files` with what `target` holds and stages what must change, in their order (of a
/// path given twice, the last wins). Call it with the lock held, after [`recover`].
pub fn prepare_update(target: &Path, files: &[OutputFile]) -> io::Result<Update> {
    let sink = StagedSink::new(target)?;
    for file in files {
        sink.stage(&file.path, &file.contents);
    }
    sink.finish()
}

/// Compares each file put with what `target` holds and stages it at once if it changed, from
/// every rendering thread; [`StagedSink::finish`] then gives the [`Update`]. Create it with the
/// lock held, after [`recover`], and keep the lock until the update is committed.
pub struct StagedSink {
    staging: Staging,
    /// The target is not a folder yet: every file is written into the staging folder, in its
    /// tree, to be swapped in whole.
    whole: bool,
    state: Mutex<SinkState>,
}

#[derive(Default)]
struct SinkState {
    /// Every path put, with the number of its staged file (`None`: the target has its bytes).
    paths: HashMap<String, Option<usize>>,
    /// Staged file `i` goes to `moves[i]`.
    moves: Vec<String>,
    /// A folder of the target stands where a file goes.
    conflict: bool,
    /// The first failure; the files put after it are not written.
    error: Option<io::Error>,
}

impl OutputSink for StagedSink {
    fn put(&self, file: OutputFile) {
        self.stage(&file.path, &file.contents);
    }
}

impl StagedSink {
    pub fn new(target: &Path) -> io::Result<StagedSink> {
        Ok(StagedSink {
            whole: !fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()),
            staging: Staging::new(target)?,
            state: Mutex::default(),
        })
    }

    fn state(&self) -> MutexGuard<'_, SinkState> {
        // Only bookkeeping happens under the lock: a panic there leaves it usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn stage(&self, path: &str, contents: &[u8]) {
        if self.state().error.is_some() {
            return;
        }
        if let Err(e) = self.try_stage(path, contents) {
            self.state().error.get_or_insert(e);
        }
    }

    fn try_stage(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        if self.whole {
            let to = self.staging.dir.join(path);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(to, contents)?;
            self.state().paths.insert(path.to_string(), None);
            return Ok(());
        }
        let compared = compare(&self.staging.target.join(path), contents);
        let mut state = self.state();
        let (staged, replaced) = if compared == Compared::Unchanged {
            (None, state.paths.insert(path.to_string(), None))
        } else {
            let i = state.moves.len();
            state.moves.push(path.to_string());
            state.conflict |= compared == Compared::Conflict;
            (Some(i), state.paths.insert(path.to_string(), Some(i)))
        };
        drop(state);
        if let Some(i) = staged {
            fs::write(self.staging.dir.join(i.to_string()), contents)?;
        }
        if let Some(Some(earlier)) = replaced {
            // A path put twice: its earlier bytes are not moved in (a journal skips a staged
            // file that is not there).
            fs::remove_file(self.staging.dir.join(earlier.to_string()))?;
        }
        Ok(())
    }

    /// What to commit: nothing, a journal of the changed files, or a whole tree.
    pub fn finish(self) -> io::Result<Update> {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = state.error {
            return Err(e);
        }
        let staging = self.staging;
        if self.whole {
            let stats = WriteStats {
                written: state.paths.len(),
                ..WriteStats::default()
            };
            return Ok(Update::Swap { staging, stats });
        }
        let existing = files_under(&staging.target);
        let mut deletes: Vec<String> = existing
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !state.paths.contains_key(p))
            .collect();
        deletes.sort();
        let written = state.paths.values().filter(|i| i.is_some()).count();
        let stats = WriteStats {
            written,
            unchanged: state.paths.len() - written,
            removed: deletes.len(),
        };
        // A changed file whose folder is a file in the target changes the tree's shape.
        let reshaped = state.conflict
            || state.paths.iter().any(|(path, staged)| {
                staged.is_some()
                    && Path::new(path)
                        .ancestors()
                        .skip(1)
                        .any(|a| existing.contains(a))
            });
        if reshaped {
            assemble_tree(&staging, &state.paths)?;
            let stats = WriteStats {
                written: state.paths.len(),
                ..WriteStats::default()
            };
            return Ok(Update::Tree { staging, stats });
        }
        if written == 0 && deletes.is_empty() {
            return Ok(Update::Nothing(stats));
        }
        let journal = Journal {
            moves: state.moves,
            deletes,
        };
        fs::write(
            staging.dir.join(JOURNAL),
            serde_json::to_vec(&journal).map_err(io::Error::other)?,
        )?;
        Ok(Update::Journal { staging, stats })
    }
}

/// Builds the whole new output in `tree/` of the staging folder: the staged files moved there,
/// the unchanged ones linked from the target (or copied where links are refused).
fn assemble_tree(staging: &Staging, paths: &HashMap<String, Option<usize>>) -> io::Result<()> {
    let tree = staging.dir.join(TREE);
    for (path, staged) in paths {
        let to = tree.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        match staged {
            Some(i) => fs::rename(staging.dir.join(i.to_string()), &to)?,
            None => {
                let from = staging.target.join(path);
                if fs::hard_link(&from, &to).is_err() {
                    fs::copy(&from, &to)?;
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compared {
    Unchanged,
    Changed,
    /// A folder stands where the file goes.
    Conflict,
}

/// Whether `path` already holds exactly `contents` (the size first, the bytes only if it is the
/// same: most changed files change size, and reading a file costs less than rewriting it).
fn compare(path: &Path, contents: &[u8]) -> Compared {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Compared::Conflict,
        Ok(m) if m.is_file() && m.len() == contents.len() as u64 => match fs::read(path) {
            Ok(bytes) if bytes == contents => Compared::Unchanged,
            _ => Compared::Changed,
        },
        _ => Compared::Changed,
    }
}

/// Paths, relative to `dir`, of every file (and symbolic link) under it.
fn files_under(dir: &Path) -> HashSet<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

/// Applies the journal of a commit folder to `target`, then removes the folder. Every step can
/// be done again after a kill: a staged file already moved is no longer there to move, a file
/// already deleted is not found.
fn apply(commit: &Path, target: &Path) -> io::Result<()> {
    let journal: Journal = serde_json::from_slice(&fs::read(commit.join(JOURNAL))?)
        .map_err(|e| io::Error::other(format!("{}: {e}", commit.display())))?;
    for (i, path) in journal.moves.iter().enumerate() {
        let staged = commit.join(i.to_string());
        if !staged.exists() {
            continue;
        }
        let to = target.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(&staged, &to)?;
    }
    let mut emptied = Vec::new();
    for path in &journal.deletes {
        match fs::remove_file(target.join(path)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        emptied.extend(Path::new(path).ancestors().skip(1).map(Path::to_path_buf));
    }
    // Folders left empty by the deletions, deepest first; a folder still in use is kept.
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    emptied.dedup();
    for dir in emptied {
        if !dir.as_os_str().is_empty() {
            let _ = fs::remove_dir(target.join(dir));
        }
    }
    fs::remove_dir_all(commit)
}

/// A folder being written beside `target`, removed on drop unless committed.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Call it with the lock held: it removes the temporary folders of killed builds.
    pub fn new(target: &Path) -> io::Result<Staging> {
        fs::create_dir_all(parent_of(target))?;
        remove_leftovers(target);
        let dir = sibling(target, TMP_PREFIX, Some(std::process::id()));
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

/// `<parent>/<prefix><name>[-<pid>]`.
fn sibling(target: &Path, prefix: &str, pid: Option<u32>) -> PathBuf {
    let name = file_name(target);
    parent_of(target).join(match pid {
        Some(pid) => format!("{prefix}{name}-{pid}"),
        None => format!("{prefix}{name}"),
    })
}

/// Removes the temporary folders of builds that were killed, whatever their process id. Only
/// the holder of the lock calls it, and a live build holds the lock while it has such a folder.
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
    let old = sibling(target, OLD_PREFIX, Some(std::process::id()));
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

    fn update(target: &Path, files: &[OutputFile]) -> WriteStats {
        fs::create_dir_all(parent_of(target)).unwrap();
        let _lock = lock(&[target]).unwrap();
        recover(target).unwrap();
        prepare_update(target, files).unwrap().commit().unwrap()
    }

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

    #[test]
    fn an_update_writes_only_changed_files_and_removes_the_ones_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let first = [
            OutputFile::new("index.html", "home"),
            OutputFile::new("a/index.html", "page a"),
            OutputFile::new("b/c/index.html", "page c"),
        ];
        assert_eq!(update(&target, &first).written, 3);
        let untouched = fs::metadata(target.join("index.html")).unwrap();
        let second = [
            OutputFile::new("index.html", "home"),
            OutputFile::new("a/index.html", "page A"),
            OutputFile::new("d/index.html", "page d"),
        ];
        let stats = update(&target, &second);
        assert_eq!(
            stats,
            WriteStats {
                written: 2,
                unchanged: 1,
                removed: 1
            }
        );
        // The unchanged file is the same inode, not a rewritten copy.
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            fs::metadata(target.join("index.html")).unwrap().ino(),
            untouched.ino()
        );
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"page A");
        assert_eq!(fs::read(target.join("d/index.html")).unwrap(), b"page d");
        assert!(!target.join("b").exists(), "emptied folders are removed");
        assert_eq!(
            update(&target, &second),
            WriteStats {
                written: 0,
                unchanged: 3,
                removed: 0
            }
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_becoming_a_folder_is_swapped_in_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        update(&target, &[OutputFile::new("a", "file")]);
        update(&target, &[OutputFile::new("a/index.html", "page")]);
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"page");
        update(&target, &[OutputFile::new("a", "file again")]);
        assert_eq!(fs::read(target.join("a")).unwrap(), b"file again");
    }

    #[test]
    fn files_put_from_many_threads_are_compared_and_staged_as_they_come() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let page = |i: usize, text: &str| OutputFile::new(format!("p/{i}/index.html"), text);
        let first: Vec<OutputFile> = (0..200).map(|i| page(i, "old")).collect();
        update(&target, &first);
        let _lock = lock(&[&target]).unwrap();
        let sink = StagedSink::new(&target).unwrap();
        // Every tenth page changes; pages 190.. are gone, 200.. are new.
        (0..210).into_par_iter().for_each(|i| {
            let text = if i % 10 == 0 || i >= 200 {
                "new"
            } else {
                "old"
            };
            if !(190..200).contains(&i) {
                sink.put(page(i, text));
            }
        });
        let Update::Journal { staging, stats } = sink.finish().unwrap() else {
            panic!("an in-place update was expected")
        };
        assert_eq!(
            stats,
            WriteStats {
                written: 29,
                unchanged: 171,
                removed: 10
            }
        );
        // Only the changed files were staged, each once, with the journal.
        assert_eq!(fs::read_dir(&staging.dir).unwrap().count(), 29 + 1);
        Update::Journal { staging, stats }.commit().unwrap();
        for i in 0..210 {
            let file = target.join(format!("p/{i}/index.html"));
            match i {
                190..200 => assert!(!file.exists()),
                _ if i % 10 == 0 || i >= 200 => assert_eq!(fs::read(file).unwrap(), b"new"),
                _ => assert_eq!(fs::read(file).unwrap(), b"old"),
            }
        }
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn of_a_path_put_twice_the_last_bytes_are_written() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        update(&target, &[OutputFile::new("a.html", "one")]);
        // Changed then unchanged: the staged copy must not be moved in.
        let stats = update(
            &target,
            &[
                OutputFile::new("a.html", "two"),
                OutputFile::new("a.html", "one"),
            ],
        );
        assert_eq!(fs::read(target.join("a.html")).unwrap(), b"one");
        assert_eq!(stats.written + stats.unchanged, 1);
        update(
            &target,
            &[
                OutputFile::new("a.html", "one"),
                OutputFile::new("a.html", "three"),
            ],
        );
        assert_eq!(fs::read(target.join("a.html")).unwrap(), b"three");
    }

    #[test]
    fn a_reshaped_tree_keeps_its_unchanged_files_and_their_inodes() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        update(
            &target,
            &[
                OutputFile::new("a", "file"),
                OutputFile::new("keep/index.html", "kept"),
            ],
        );
        let kept = fs::metadata(target.join("keep/index.html")).unwrap().ino();
        let stats = update(
            &target,
            &[
                OutputFile::new("a/index.html", "page"),
                OutputFile::new("keep/index.html", "kept"),
            ],
        );
        assert_eq!(stats.written, 2, "a whole tree is swapped in");
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"page");
        assert_eq!(fs::read(target.join("keep/index.html")).unwrap(), b"kept");
        assert_eq!(
            fs::metadata(target.join("keep/index.html")).unwrap().ino(),
            kept,
            "the unchanged file is linked, not copied"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_commit_killed_halfway_is_finished_by_the_next_recover() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        update(
            &target,
            &[
                OutputFile::new("a.html", "old a"),
                OutputFile::new("b.html", "old b"),
                OutputFile::new("gone/x.html", "x"),
            ],
        );
        let Update::Journal { mut staging, .. } = prepare_update(
            &target,
            &[
                OutputFile::new("a.html", "new a"),
                OutputFile::new("b.html", "new b"),
            ],
        )
        .unwrap() else {
            panic!("an in-place update was expected")
        };
        // What a kill leaves after the commit point and the first move: the commit folder,
        // one file moved, the other still staged, nothing deleted yet.
        let commit = sibling(&target, COMMIT_PREFIX, None);
        fs::rename(&staging.dir, &commit).unwrap();
        staging.committed = true;
        fs::rename(commit.join("0"), target.join("a.html")).unwrap();
        recover(&target).unwrap();
        assert_eq!(fs::read(target.join("a.html")).unwrap(), b"new a");
        assert_eq!(fs::read(target.join("b.html")).unwrap(), b"new b");
        assert!(!target.join("gone").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
