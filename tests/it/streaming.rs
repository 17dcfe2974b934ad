//! `balise build` puts each page into the output's staging folder as soon as it is rendered
//! (it never holds the whole output); `prepare`, which `serve` uses, keeps the files in memory.
//! Both give the same files, byte for byte: into an empty folder, into an existing one (a journal
//! of the changed files) and into one whose shape changes (a file where a folder was).

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// The files `prepare` makes in memory, by path.
fn in_memory(root: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let (prepared, diagnostics) = balise::prepare(&options(root, out));
    let prepared = prepared.unwrap_or_else(|| panic!("{}", diagnostics.render_human(false)));
    let mut files = BTreeMap::new();
    for file in prepared.files {
        assert!(
            files.insert(file.path.clone(), file.contents).is_none(),
            "{} twice",
            file.path
        );
    }
    files
}

fn build_and_compare(root: &Path, out: &Path) -> balise::BuildReport {
    let report =
        balise::build(&options(root, out)).unwrap_or_else(|e| panic!("the build failed: {e}"));
    let written = snapshot(&out.join("public"));
    let expected = in_memory(root, out);
    let differing: Vec<&String> = expected
        .keys()
        .chain(written.keys())
        .filter(|p| expected.get(*p) != written.get(*p))
        .collect();
    assert!(
        differing.is_empty(),
        "written and in-memory files differ: {differing:?}"
    );
    assert_eq!(report.files, expected.len());
    let mut names = entry_names(out);
    names.sort();
    assert_eq!(
        names,
        ["public", "search-index"],
        "no temporary folder is left"
    );
    report
}

#[test]
fn the_bundled_guide_written_is_the_guide_in_memory() {
    let out = tempfile::tempdir().unwrap();
    let report = build_and_compare(&repo(), out.path());
    assert!(report.files > 100, "{} files", report.files);
}

#[test]
fn rebuilds_in_place_and_reshaped_write_the_files_in_memory() {
    let site = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    small_site(site.path());
    let first = build_and_compare(site.path(), out.path());
    assert_eq!(first.written.written, first.files);

    // One page edited: a journal of the few files that changed.
    write_site(
        site.path(),
        &[(
            "content/droits/age.md",
            "---\ntitle: L'âge\ncriteria: [age]\n---\nUn autre texte.\n",
        )],
    );
    let edited = build_and_compare(site.path(), out.path());
    assert!(edited.written.unchanged > 0, "{:?}", edited.written);
    assert!(
        edited.written.written < edited.files,
        "{:?}",
        edited.written
    );

    // A folder where a file was: the whole tree is swapped in.
    std::fs::remove_file(site.path().join("static/docs/convention.pdf")).unwrap();
    write_site(
        site.path(),
        &[("static/docs/convention.pdf/lisez-moi.txt", "un dossier")],
    );
    let reshaped = build_and_compare(site.path(), out.path());
    assert_eq!(reshaped.written.written, reshaped.files);
    assert_eq!(
        std::fs::read(out.path().join("public/docs/convention.pdf/lisez-moi.txt")).unwrap(),
        b"un dossier"
    );
}
