//! Writing the output on disk: a rebuild writes only the files whose bytes changed, a build
//! killed at any point leaves the previous output or a journal that the next build finishes,
//! and two builds into the same folders at once both succeed with the output of one build.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::common::*;

fn build_command(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_balise"));
    command
        .args(["build", "--root", root.to_str().unwrap(), "--today", TODAY])
        .env("NO_COLOR", "1");
    command
}

fn build(root: &Path) {
    let out = build_command(root).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Inode and modification time of every file: a file rewritten gets a new one of either.
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.into_owned(), (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

fn documents(dir: &Path) -> u64 {
    let index = tantivy::Index::open_in_dir(dir).expect("a complete index");
    index.reader().expect("readable").searcher().num_docs()
}

/// A site of `pages` rights pages besides the small site's.
fn site_with_pages(root: &Path, pages: usize) {
    small_site(root);
    let body = "## Situation\n\nUn texte de page assez long pour que le rendu prenne du temps. "
        .repeat(40);
    for i in 0..pages {
        write_site(
            root,
            &[(
                &format!("content/droits/page-{i}.md"),
                &format!("---\ntitle: Page {i}\ncriteria: [age]\n---\n{body}\n"),
            )],
        );
    }
}

#[test]
fn a_rebuild_writes_only_what_changed() {
    let site = tempfile::tempdir().unwrap();
    site_with_pages(site.path(), 200);
    let tmp = tempfile::tempdir().unwrap();
    let options = options(site.path(), tmp.path());
    let public = tmp.path().join("public");
    let first = balise::build(&options).unwrap();
    assert_eq!(first.written.written, first.files);
    let before = identities(&public);

    // The same content again: not one file of the site is touched.
    let again = balise::build(&options).unwrap();
    assert_eq!((again.written.written, again.written.removed), (0, 0));
    assert_eq!(before, identities(&public));

    // One page edited: its page, and the few lists and files that show its text, are written.
    write_site(
        site.path(),
        &[(
            "content/droits/page-7.md",
            "---\ntitle: Page 7 revue\ncriteria: [age]\n---\n## Situation\n\nUn autre texte.\n",
        )],
    );
    let edited = balise::build(&options).unwrap();
    let after = identities(&public);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(path, id)| before.get(*path) != Some(*id))
        .map(|(path, _)| path)
        .collect();
    assert!(rewritten.contains(&&"droits/page-7/index.html".to_string()));
    assert_eq!(rewritten.len(), edited.written.written);
    assert!(
        edited.written.written * 10 < edited.files,
        "{} of {} files written: {rewritten:?}",
        edited.written.written,
        edited.files
    );
    // And the result is what a build into an empty folder gives.
    let fresh = tempfile::tempdir().unwrap();
    balise::build(&crate::common::options(site.path(), fresh.path())).unwrap();
    assert_eq!(snapshot(&public), snapshot(&fresh.path().join("public")));

    // A page removed: its files go, and its folder with them.
    std::fs::remove_file(site.path().join("content/droits/page-7.md")).unwrap();
    let removed = balise::build(&options).unwrap();
    assert!(removed.written.removed >= 1);
    assert!(!public.join("droits/page-7").exists());
}

#[test]
fn a_build_killed_while_it_writes_changes_leaves_the_old_output_or_a_journal_the_next_finishes() {
    let site = tempfile::tempdir().unwrap();
    site_with_pages(site.path(), 800);
    let public = site.path().join("public");
    let index = site.path().join("search-index");
    let old_config = "title: Petit guide\nbase_url: https://guide.example.org\n";
    // A new title changes every page: the longest journal, the widest window to kill into.
    let new_config = "title: Petit guide revu\nbase_url: https://guide.example.org\n";
    let config = site.path().join("balise.yaml");

    // The two outputs, each from a build into an empty folder.
    build(site.path());
    let old = snapshot(&public);
    std::fs::write(&config, new_config).unwrap();
    std::fs::remove_dir_all(&public).unwrap();
    let started = Instant::now();
    build(site.path());
    let full = started.elapsed();
    let new = snapshot(&public);
    let expected_documents = documents(&index);
    assert_ne!(old, new);

    let mut journals_seen = 0;
    for step in 1..=8u32 {
        std::fs::write(&config, old_config).unwrap();
        build(site.path());
        assert!(
            old == snapshot(&public),
            "old output rebuilt before kill #{step}"
        );
        std::fs::write(&config, new_config).unwrap();
        let mut child = build_command(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * step / 8);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let now = snapshot(&public);
        let journal = site.path().join(".balise-commit-public").is_dir();
        journals_seen += usize::from(journal && now != old && now != new);
        assert!(
            now == old || now == new || journal,
            "after kill #{step}, public/ is neither the old nor the new output and no journal \
             says how to finish it"
        );
        assert_eq!(documents(&index), expected_documents, "kill #{step}");
        // The next build, even one that fails on its content, finishes the killed one first.
        std::fs::write(
            site.path().join("content/droits/casse.md"),
            "---\ntitle: Cassé\ncriteria: [inconnu]\n---\n",
        )
        .unwrap();
        let failed = build_command(site.path()).output().unwrap();
        assert_eq!(failed.status.code(), Some(1));
        std::fs::remove_file(site.path().join("content/droits/casse.md")).unwrap();
        let now = snapshot(&public);
        assert!(now == old || now == new, "kill #{step}: not finished");
        let names = entry_names(site.path());
        assert!(names.iter().all(|n| !n.starts_with(".balise")), "{names:?}");
        build(site.path());
        assert!(
            new == snapshot(&public),
            "kill #{step}: rebuilt output differs"
        );
    }
    // Not an assertion (it depends on the machine's speed), but says what was exercised.
    eprintln!("kills that landed while a journal was being applied: {journals_seen} of 8");
}

#[test]
fn two_builds_at_once_both_succeed_with_the_output_of_one() {
    let site = tempfile::tempdir().unwrap();
    site_with_pages(site.path(), 60);
    let reference = tempfile::tempdir().unwrap();
    balise::build(&options(site.path(), reference.path())).unwrap();
    let expected = snapshot(&reference.path().join("public"));
    let expected_documents = documents(&reference.path().join("search-index"));
    let public = site.path().join("public");
    for round in 0..20 {
        // Half the rounds start from nothing (both would create the folder), half from an
        // output to update.
        if round % 2 == 0 && public.exists() {
            std::fs::remove_dir_all(&public).unwrap();
        }
        let children: Vec<_> = (0..2)
            .map(|_| {
                build_command(site.path())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            expected == snapshot(&public),
            "round {round}: not the output of one build"
        );
        assert_eq!(
            documents(&site.path().join("search-index")),
            expected_documents
        );
        let names = entry_names(site.path());
        assert!(
            names.iter().all(|n| !n.starts_with(".balise")),
            "round {round}: {names:?}"
        );
    }
}
