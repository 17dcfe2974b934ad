//! Which files on disk make up the site: a walk of a site folder (`content/`, `static/`, the
//! theme) that follows symbolic links only inside the site, so nothing outside the site root is
//! ever read, published or served.
//!
//! Rules (README, "Reliability"):
//! - a link whose target resolves outside the site root, or into the output or index folder, is
//!   an error (`symlink-outside`) and is never read;
//! - a link to a file inside the site is read from its target;
//! - a link to a folder inside the site is walked once, as if the folder were at the link's
//!   place; a folder link met inside a linked folder is not followed (`symlink-loop` warning),
//!   so the published files never exceed one copy of the inputs per link, and a link to a folder
//!   that contains it (a loop) is skipped with the same warning;
//! - anything that is not a regular file or folder (a pipe, a socket, a device) is skipped with
//!   a warning: reading a pipe would block the build forever.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::text::relative;

/// A file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Where the file appears in the site, under the walked folder: `docs/guide.pdf`
    /// (`/`-separated). Through a link, this is the link's place, not its target's.
    pub path: String,
    /// The real file to read (resolved when it was reached through a link).
    pub source: PathBuf,
}

/// The site root and the folders a walk must never enter.
pub struct SiteBounds {
    /// The site root, resolved (`fs::canonicalize`).
    root: PathBuf,
    /// Resolved output and index folders: a link into them would publish the last build again,
    /// and the output would grow at every build.
    excluded: Vec<PathBuf>,
}

impl SiteBounds {
    /// Bounds for a site at `root`; `excluded` are the output folders (they may not exist yet).
    pub fn new(root: &Path, excluded: &[PathBuf]) -> SiteBounds {
        let resolved = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let excluded = excluded
            .iter()
            .map(|p| {
                let p = if p.is_absolute() {
                    p.clone()
                } else {
                    root.join(p)
                };
                fs::canonicalize(&p).unwrap_or(p)
            })
            .collect();
        SiteBounds {
            root: resolved,
            excluded,
        }
    }

    /// The site root, resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Is this resolved path a place the site may read?
    fn allows(&self, resolved: &Path) -> bool {
        resolved.starts_with(&self.root) && !self.excluded.iter().any(|e| resolved.starts_with(e))
    }

    /// Path of `path` as shown in diagnostics: from the site root.
    fn shown(&self, path: &Path) -> String {
        relative(&self.root, path)
    }

    /// Every file under `dir` (a folder of the site root, such as `content`), sorted by name
    /// with each folder's files before the next folder's (depth first), links followed by the
    /// rules of this module. Returns nothing when `dir` does not exist.
    pub fn walk(&self, dir: &str, diagnostics: &mut Diagnostics) -> Vec<SiteFile> {
        let mut files = Vec::new();
        let start = self.root.join(dir);
        let Ok(meta) = fs::symlink_metadata(&start) else {
            return files;
        };
        // The folder itself may be a link (`static -> ../shared/static`).
        let real = if meta.file_type().is_symlink() {
            match self.resolve(&start, diagnostics) {
                Some(target) if target.is_dir() => target,
                _ => return files,
            }
        } else if meta.is_dir() {
            start.clone()
        } else {
            return files;
        };
        // (folder to read, its path in the site, reached through a folder link)
        let mut stack: Vec<(PathBuf, String, bool)> = vec![(real, String::new(), false)];
        while let Some((folder, shown_prefix, via_link)) = stack.pop() {
            let mut entries: Vec<fs::DirEntry> = match fs::read_dir(&folder) {
                Ok(read) => read.flatten().collect(),
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            "io",
                            self.shown(&folder),
                            format!("this folder cannot be read; it was skipped ({e})"),
                        )
                        .help("check its permissions"),
                    );
                    continue;
                }
            };
            entries.sort_by_key(|e| e.file_name());
            let mut subfolders = Vec::new();
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                let shown = if shown_prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{shown_prefix}/{name}")
                };
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_file() {
                    files.push(SiteFile {
                        path: shown,
                        source: path,
                    });
                } else if kind.is_dir() {
                    subfolders.push((path, shown, via_link));
                } else if kind.is_symlink() {
                    let Some(target) = self.resolve(&path, diagnostics) else {
                        continue;
                    };
                    if target.is_file() {
                        files.push(SiteFile {
                            path: shown,
                            source: target,
                        });
                    } else if target.is_dir() {
                        if via_link || path.starts_with(&target) {
                            let why = if via_link {
                                "it is inside a linked folder, and links are followed only once"
                            } else {
                                "it points to a folder that contains it"
                            };
                            diagnostics.push(
                                Diagnostic::warning(
                                    "symlink-loop",
                                    self.shown(&path),
                                    format!("this link to the folder `{}` was not followed: {why}", self.shown(&target)),
                                )
                                .help("link the folder from outside any linked folder, or copy the files"),
                            );
                        } else {
                            subfolders.push((target, shown, true));
                        }
                    } else {
                        diagnostics.push(not_regular(&self.shown(&path)));
                    }
                } else {
                    diagnostics.push(not_regular(&self.shown(&path)));
                }
            }
            // Popped in name order: the stack takes them reversed.
            stack.extend(subfolders.into_iter().rev());
        }
        files
    }

    /// The resolved target of the link at `link`, when the site may read it; a diagnostic
    /// otherwise.
    fn resolve(&self, link: &Path, diagnostics: &mut Diagnostics) -> Option<PathBuf> {
        let file = self.shown(link);
        let written = fs::read_link(link)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        match fs::canonicalize(link) {
            Ok(target) if self.allows(&target) => Some(target),
            Ok(target) => {
                let inside_output = target.starts_with(&self.root);
                let (message, help) = if inside_output {
                    (
                        format!("this symbolic link points into the output folder (`{written}`): it was not read"),
                        "link to the source files instead; the output of a build is never an input",
                    )
                } else {
                    (
                        format!("this symbolic link points outside the site (`{written}`, which is `{}`): it was not read, and it is never published", target.display()),
                        "copy the file into the site instead of linking it: links are followed only when their target is inside the site folder",
                    )
                };
                diagnostics.push(Diagnostic::error("symlink-outside", file, message).help(help));
                None
            }
            Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
                // ELOOP: the link resolves to itself through other links.
                diagnostics.push(
                    Diagnostic::warning(
                        "symlink-loop",
                        file,
                        format!(
                            "this symbolic link (`{written}`) loops back on itself: it was skipped"
                        ),
                    )
                    .help("remove the link or point it to a real file"),
                );
                None
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::warning(
                        "io",
                        file,
                        format!("this symbolic link (`{written}`) points to nothing that can be read: it was skipped ({e})"),
                    )
                    .help("remove the link, or create what it points to"),
                );
                None
            }
        }
    }
}

fn not_regular(file: &str) -> Diagnostic {
    Diagnostic::warning(
        "io",
        file,
        "this is neither a file nor a folder (a pipe, a socket or a device): it was skipped",
    )
    .help("remove it from the site folder")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.items.iter().map(|d| d.code).collect()
    }

    #[test]
    fn links_outside_the_root_are_errors_and_never_listed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s3cret").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("static/docs")).unwrap();
        std::fs::write(root.join("static/docs/a.pdf"), "a").unwrap();
        symlink(outside.path().join("secret"), root.join("static/leak.txt")).unwrap();
        symlink(outside.path(), root.join("static/out-dir")).unwrap();
        symlink("/proc/self/environ", root.join("static/env.txt")).unwrap();
        let mut d = Diagnostics::default();
        let files = SiteBounds::new(root, &[]).walk("static", &mut d);
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["docs/a.pdf"]);
        assert_eq!(codes(&d), ["symlink-outside"; 3]);
        assert!(d.items.iter().all(|d| d.help.is_some()));
    }

    #[test]
    fn links_inside_the_site_are_followed_once_and_loops_reported() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("shared/inner")).unwrap();
        std::fs::write(root.join("shared/inner/b.txt"), "b").unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/a.txt"), "a").unwrap();
        symlink(root.join("shared"), root.join("static/shared")).unwrap();
        symlink(root.join("static/a.txt"), root.join("static/c.txt")).unwrap();
        // A folder link inside a linked folder, and links to folders that contain them.
        symlink(root.join("shared"), root.join("shared/again")).unwrap();
        symlink("..", root.join("static/up")).unwrap();
        symlink(root, root.join("static/root")).unwrap();
        // The output folder is never an input.
        std::fs::create_dir_all(root.join("public")).unwrap();
        symlink(root.join("public"), root.join("static/public")).unwrap();
        let mut d = Diagnostics::default();
        let files = SiteBounds::new(root, &[PathBuf::from("public")]).walk("static", &mut d);
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "c.txt", "shared/inner/b.txt"]);
        let mut found = codes(&d);
        found.sort();
        assert_eq!(
            found,
            [
                "symlink-loop",
                "symlink-loop",
                "symlink-loop",
                "symlink-outside"
            ]
        );
    }
}
