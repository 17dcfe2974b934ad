//! Accessibility rules enforced at build time, on small sites written into temporary folders:
//! image alternatives, vague link texts, heading levels, the easy-to-read links, and the
//! mandatory pages (accessibility statement, footer mention on every page).

use std::path::Path;

use crate::common::*;
use balise::{BuildError, Diagnostic, Severity};

/// The page every test edits: a rights page of `small_site`.
const PAGE: &str = "content/droits/age.md";
const FRONT: &str = "---\ntitle: Discrimination liée à l'âge\nsummary: L'âge ne peut pas justifier un refus.\ncriteria: [age]\n---\n";

/// `small_site` with `body` as the text of the rights page, and an image in `static/`.
fn site_with_body(root: &Path, body: &str) {
    small_site(root);
    write_site(
        root,
        &[
            (PAGE, &format!("{FRONT}{body}")),
            ("static/affiche.png", "not really a PNG"),
        ],
    );
}

fn diagnostics_with_code<'a>(items: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    items.iter().filter(|d| d.code == code).collect()
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join("public").join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn an_image_without_alternative_fails_the_build_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    // The image is on line 9 of the file: 5 lines of front matter, then 3 lines of text.
    site_with_body(
        &root,
        "## Que faire ?\n\nRegardez l'affiche.\n![](/affiche.png)\n",
    );
    let options = options(&root, &out);

    let Err(BuildError::Content(diagnostics)) = balise::build(&options) else {
        panic!("a build with an image without alternative text must fail");
    };
    let found = diagnostics_with_code(&diagnostics.items, "image-alt");
    assert_eq!(found.len(), 1, "{:?}", diagnostics.items);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!((found[0].file.as_str(), found[0].line), (PAGE, 9));
    assert!(
        found[0].help.as_deref().unwrap_or("").contains(r#"![""]"#),
        "the help shows how to mark a decorative image"
    );
    assert!(
        !out.join("public").exists(),
        "nothing is written when the build fails"
    );

    // `check` reports the same error without writing anything.
    let checked = balise::check(&options);
    assert_eq!(diagnostics_with_code(&checked.items, "image-alt").len(), 1);
}

#[test]
fn decorative_images_render_an_empty_alternative_and_others_keep_theirs() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    site_with_body(&root, "## Que faire ?\n\n![\"\"](/affiche.png)\n\n![Affiche de la journée du 17 mai](/affiche.png)\n");

    let report = balise::build(&options(&root, &out)).expect("decorative images are allowed");
    assert!(diagnostics_with_code(&report.diagnostics.items, "image-alt").is_empty());
    let html = read(&out, "droits/age/index.html");
    let images: Vec<&str> = html
        .split("<img")
        .skip(1)
        .map(|s| &s[..s.find('>').unwrap()])
        .collect();
    assert_eq!(images.len(), 2, "{html}");
    assert!(
        images[0].contains(r#"alt="""#)
            || images[0]
                .split_whitespace()
                .any(|a| a == "alt" || a == "alt/"),
        "the decorative image has an empty alt: <img{}>",
        images[0]
    );
    assert!(
        !images[0].contains("\"\"\""),
        "the quotes are not the alternative text"
    );
    assert!(
        images[1].contains(r#"alt="Affiche de la journée du 17 mai""#),
        "<img{}>",
        images[1]
    );
}

#[test]
fn a_vague_link_text_is_a_warning_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    site_with_body(
        &root,
        "## Que faire ?\n\nPour être aidé, [cliquez ici](/contacts/maison-du-droit/).\n\nLa [maison du droit](/contacts/maison-du-droit/) vous écoute.\n",
    );

    let report = balise::build(&options(&root, &out)).expect("a vague link text is only a warning");
    let found = diagnostics_with_code(&report.diagnostics.items, "link-text");
    assert_eq!(
        found.len(),
        1,
        "only `cliquez ici` is vague: {:?}",
        report.diagnostics.items
    );
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!((found[0].file.as_str(), found[0].line), (PAGE, 8));
    assert!(found[0].message.contains("cliquez ici"));
}

#[test]
fn a_heading_jump_is_a_warning_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    site_with_body(
        &root,
        "## Que faire ?\n\nTexte.\n\n#### Les délais\n\nTexte.\n\n### Les preuves\n",
    );

    let report = balise::build(&options(&root, &out)).expect("a heading jump is only a warning");
    let found = diagnostics_with_code(&report.diagnostics.items, "heading-level");
    assert_eq!(
        found.len(),
        1,
        "h2 → h4 jumps, h4 → h3 does not: {:?}",
        report.diagnostics.items
    );
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!((found[0].file.as_str(), found[0].line), (PAGE, 10));
    assert!(found[0].help.as_deref().unwrap_or("").contains("###"));
}

#[test]
fn a_page_and_its_easy_to_read_version_link_to_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    small_site(&root);
    write_site(
        &root,
        &[
            ("content/guide/_index.md", "---\ntitle: Comprendre et agir\n---\n"),
            ("content/guide/agir.md", "---\ntitle: Agir contre une discrimination\neasy_read: agir-facile\n---\nLes étapes pour agir.\n"),
            ("content/guide/agir-facile.md", "---\ntitle: Agir (facile à lire)\n---\nJe garde les preuves.\n"),
        ],
    );
    balise::build(&options(&root, &out)).expect("builds");
    let full = read(&out, "guide/agir/index.html");
    let easy = read(&out, "guide/agir-facile/index.html");
    assert!(
        full.contains("Lire cette page en facile à lire et à comprendre (FALC)"),
        "{full}"
    );
    assert!(full.contains("guide/agir-facile/"), "{full}");
    assert!(
        easy.contains("Lire la version complète de cette page"),
        "{easy}"
    );
    assert!(easy.contains("guide/agir/"), "{easy}");
}

#[test]
fn the_accessibility_statement_follows_the_official_model_and_every_page_shows_the_status() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("site"), tmp.path().join("out"));
    small_site(&root);
    write_site(
        &root,
        &[(
            "balise.yaml",
            "title: Petit guide\nbase_url: https://guide.example.org\nlegal: { publisher: \"Ville d'Exempleville\" }\naccessibility:\n  status: partiellement\n  rate: 72.5\n  audit_date: 2026-03-01\n  non_conformities: [\"Le plan de la ville n'a pas d'alternative.\"]\n  derogations: []\n  exempt: [\"Les comptes rendus publiés avant 2019.\"]\n  contact: { email: accessibilite@exempleville.example }\n  plan: https://exempleville.example/schema-accessibilite/\n",
        )],
    );
    balise::build(&options(&root, &out)).expect("builds");

    let statement = read(&out, "accessibilite/index.html");
    for expected in [
        "Ville d'Exempleville s'engage à rendre son site internet accessible",
        "État de conformité",
        "<strong>partiellement conforme</strong>",
        "Résultats des tests",
        "72.5 %",
        "1er mars 2026",
        "Non-conformités",
        "Le plan de la ville n'a pas d'alternative.",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l'obligation d'accessibilité",
        "Les comptes rendus publiés avant 2019.",
        "Établissement de cette déclaration d'accessibilité",
        "Retour d'information et contact",
        "mailto:accessibilite@exempleville.example",
        "Voies de recours",
        "Défenseur des droits",
        "Schéma pluriannuel de mise en accessibilité",
        "https://exempleville.example/schema-accessibilite/",
    ] {
        assert!(
            statement
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .contains(expected),
            "the statement lacks `{expected}`"
        );
    }

    let mut pages = 0;
    for entry in walk(&out.join("public")) {
        if entry.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&entry).unwrap();
            assert!(
                html.contains("Accessibilité : partiellement conforme</a>"),
                "{} lacks the footer mention",
                entry.display()
            );
            pages += 1;
        }
    }
    assert!(pages >= 8, "only {pages} pages");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
