//! `balise check` and the failure modes of `build`: every problem at once with file, line and
//! help; JSON for CI; nothing lost on failure or SIGKILL; no panic or hang on hostile input.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::*;

fn balise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balise"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn check(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    balise(&args)
}

fn json_diagnostics(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// A site with one mistake per file, of the kinds the communications team makes.
fn broken_site(root: &Path) {
    small_site(root);
    write_site(
        root,
        &[
            ("content/droits/age.md", "---\ntitle: Âge\ncriteria: [handycap]\nupdated: 2027-02-30\n---\n## Que faire ?\n"),
            ("content/droits/sexe.md", "---\ntitle: Sexe\nupdated: 17/05/2027\n---\n"),
            ("content/droits/religion.md", "---\ntitle: Religion\nsumary: x\n---\n"),
            ("content/droits/logement.md", "---\ntitle: Logement\n---\nVoir [agir](/guide/agir/) et [âge](/droits/age/#que-fair).\n"),
            ("content/droits/emploi.md", "---\ntitle: Emploi\n---\n![](affiche.png)\n\n<script>alert(1)</script>\n"),
            ("content/droits/vide.md", ""),
            ("content/agenda/_index.md", "---\ntitle: Agenda\nkind: event\n---\n"),
            ("content/agenda/fete.md", "---\ntitle: Fête\nstart: 2027-05-17\nend: 2027-05-10\n---\n"),
        ],
    );
}

#[test]
fn every_error_of_every_file_is_reported_in_one_run_with_file_line_and_help() {
    let site = tempfile::tempdir().unwrap();
    broken_site(site.path());
    let out = check(site.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<(String, String, u64)> = json_diagnostics(&out)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expect = [
        ("content/droits/age.md", "unknown-term", 3),
        ("content/droits/age.md", "invalid-date", 4),
        ("content/droits/sexe.md", "invalid-date", 3),
        ("content/droits/religion.md", "unknown-field", 3),
        ("content/droits/logement.md", "broken-link", 4),
        ("content/droits/logement.md", "broken-anchor", 4),
        ("content/droits/emploi.md", "image-alt", 4),
        ("content/droits/emploi.md", "unsafe-html", 6),
        ("content/droits/vide.md", "empty-file", 0),
        ("content/agenda/fete.md", "end-before-start", 4),
    ];
    for (file, code, line) in expect {
        assert!(
            found
                .iter()
                .any(|(f, c, l)| f == file && c == code && *l == line),
            "missing {file}:{line} {code} in {found:#?}"
        );
    }
    for d in json_diagnostics(&out) {
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(d.get(key).is_some(), "{key} in {d}");
        }
    }
}

#[test]
fn human_report_quotes_the_line_and_says_what_to_write() {
    let site = tempfile::tempdir().unwrap();
    broken_site(site.path());
    let out = check(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("content/droits/sexe.md:3:10"), "{text}");
    assert!(
        text.contains("updated: 17/05/2027"),
        "the offending line is quoted"
    );
    assert!(text.contains("write `2027-05-17`"), "{text}");
    assert!(text.contains("did you mean `handicap`?"), "{text}");
    assert!(text.contains("did you mean `summary`?"), "{text}");
    assert!(text.contains("did you mean `#que-faire`?"), "{text}");
    // A link is checked after the page's body was let go: its file is read again to quote it.
    assert!(text.contains("content/droits/logement.md:4:6"), "{text}");
    assert!(
        text.contains("Voir [agir](/guide/agir/) et [âge](/droits/age/#que-fair)."),
        "the line of the broken link is quoted: {text}"
    );
    let last = text.trim_end().lines().last().unwrap();
    assert!(
        last.ends_with("errors, 0 warnings") || last.contains("warning"),
        "last line counts: {last}"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    write_site(
        site.path(),
        &[(
            "content/droits/sexe.md",
            "---\ntitle: Sexe\n---\nPour agir, [cliquez ici](/droits/age/).\n",
        )],
    );
    let ok = check(site.path(), &[]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stderr).contains("0 errors, 1 warning"));
    assert_eq!(
        check(site.path(), &["--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn check_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let before = snapshot(site.path());
    assert_eq!(check(site.path(), &[]).status.code(), Some(0));
    assert_eq!(before, snapshot(site.path()));
}

#[test]
fn a_failed_build_leaves_public_and_the_index_byte_identical() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let root = site.path().to_str().unwrap();
    let build = || balise(&["build", "--root", root, "--today", TODAY]);
    assert!(build().status.success());
    let public = snapshot(&site.path().join("public"));
    let index = snapshot(&site.path().join("search-index"));
    assert!(!public.is_empty());
    broken_site(site.path());
    let failed = build();
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("content/droits/age.md:3:"));
    assert_eq!(public, snapshot(&site.path().join("public")));
    assert_eq!(index, snapshot(&site.path().join("search-index")));
    let names = entry_names(site.path());
    assert!(
        names.iter().all(|n| !n.starts_with(".balise")),
        "temporary folders left: {names:?}"
    );
}

#[test]
fn a_build_killed_halfway_leaves_the_previous_output_intact() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    // Enough pages that the build takes a while and is killed at various points.
    let body = "## Situation\n\nUn texte de page assez long pour que le rendu prenne du temps. "
        .repeat(40);
    for i in 0..800 {
        write_site(
            site.path(),
            &[(
                &format!("content/droits/page-{i}.md"),
                &format!("---\ntitle: Page {i}\ncriteria: [age]\n---\n{body}\n"),
            )],
        );
    }
    let root = site.path().to_str().unwrap();
    let run = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_balise"));
        command.args(["build", "--root", root, "--today", TODAY]);
        command
    };
    assert!(run().output().unwrap().status.success());
    let public = snapshot(&site.path().join("public"));
    let index = snapshot(&site.path().join("search-index"));
    let started = Instant::now();
    assert!(run().output().unwrap().status.success());
    let full = started.elapsed();
    let documents = |dir: &Path| -> u64 {
        let index = tantivy::Index::open_in_dir(dir).expect("a complete index");
        index.reader().expect("readable").searcher().num_docs()
    };
    let expected_documents = documents(&site.path().join("search-index"));
    for step in 1..=6u32 {
        let mut child = run()
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * step / 7);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        // Killed before or after the swap, the site is the same (the content did not change
        // and the build is reproducible) and the index is a complete one: the old, or the new.
        assert!(
            public == snapshot(&site.path().join("public")),
            "public/ changed after kill #{step}"
        );
        let index_now = snapshot(&site.path().join("search-index"));
        assert!(
            index_now == index
                || documents(&site.path().join("search-index")) == expected_documents,
            "search-index/ is neither the previous nor a complete one after kill #{step}"
        );
    }
    // The next build cleans the leftovers of killed ones.
    assert!(run().output().unwrap().status.success());
    let names = entry_names(site.path());
    assert!(names.iter().all(|n| !n.starts_with(".balise")), "{names:?}");
}

#[test]
fn hostile_input_is_reported_never_a_panic_or_a_hang() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let root = site.path();
    // Non-UTF-8 bytes pasted from another encoding.
    std::fs::write(
        root.join("content/droits/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    // File names with spaces and accents.
    write_site(
        root,
        &[
            ("content/droits/Mon droit.md", "---\ntitle: X\n---\n"),
            ("content/droits/égalité.md", "---\ntitle: Y\n---\n"),
        ],
    );
    // Deep nesting, each level a section.
    let mut dir = String::from("content/droits");
    for level in 0..40 {
        dir.push_str(&format!("/n{level}"));
        write_site(
            root,
            &[(
                &format!("{dir}/_index.md"),
                &format!("---\ntitle: Niveau {level}\n---\n"),
            )],
        );
    }
    // A symlink loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        root.join("content/droits"),
        root.join("content/droits/boucle"),
    )
    .unwrap();
    // Stray HTML and odd characters.
    write_site(
        root,
        &[
            ("content/droits/colle.md", "---\ntitle: \"\u{202E}Collé\"\n---\n<div onclick=\"x()\">\u{FEFF}texte\u{0}\u{7}</div>\n"),
            ("content/droits/controle.md", "---\ntitle: \"\u{0}\u{7}\"\n---\n"),
        ],
    );

    let started = Instant::now();
    let out = check(root, &["--format", "json"]);
    assert!(started.elapsed() < Duration::from_secs(60), "no hang");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let codes: Vec<String> = json_diagnostics(&out)
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["file"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "content/droits/latin1.md not-utf8",
        "content/droits/Mon droit.md invalid-slug",
        "content/droits/égalité.md invalid-slug",
        "content/droits/colle.md unsafe-html",
        "content/droits/controle.md yaml-syntax",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} in {codes:#?}"
        );
    }
    #[cfg(unix)]
    assert!(
        codes.iter().any(|c| c.ends_with("symlink-loop")),
        "{codes:#?}"
    );
}

#[test]
fn a_huge_file_and_a_crowded_folder_build() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let paragraph = "Un paragraphe de texte ordinaire, avec des **mots en gras** et un [lien](/droits/age/).\n\n";
    let huge = format!(
        "---\ntitle: Très long\n---\n{}",
        paragraph.repeat(20 * 1024 * 1024 / paragraph.len())
    );
    assert!(huge.len() >= 20 * 1000 * 1000);
    write_site(site.path(), &[("content/droits/tres-long.md", &huge)]);
    for i in 0..10_000 {
        write_site(
            site.path(),
            &[(
                &format!("content/notes/n-{i}.md"),
                &format!("---\ntitle: Note {i}\n---\nTexte {i}.\n"),
            )],
        );
    }
    write_site(
        site.path(),
        &[("content/notes/_index.md", "---\ntitle: Notes\n---\n")],
    );
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let report = balise::build(&options(site.path(), out.path())).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.site.pages.len() > 10_000);
    assert!(
        started.elapsed() < Duration::from_secs(240),
        "took {:?}",
        started.elapsed()
    );
    assert!(out.path().join("public/notes/n-9999/index.html").is_file());
}
