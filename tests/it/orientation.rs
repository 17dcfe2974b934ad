//! The orientation path `/trouver/` on small sites: questions asked and skipped, answers, an
//! editor's own answer text, and what `balise check` says about it.

use std::path::Path;

use crate::common::*;

fn build(root: &Path, out: &Path) -> Result<balise::BuildReport, balise::BuildError> {
    balise::build(&options(root, out))
}

fn page(out: &Path, url: &str) -> String {
    let file = out
        .join("public")
        .join(url.trim_start_matches('/'))
        .join("index.html");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

#[test]
fn with_one_territory_the_path_asks_two_questions_and_an_editor_can_write_an_answer() {
    let site = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    small_site(site.path());
    write_site(
        site.path(),
        &[(
            "content/trouver/emploi/age.md",
            "---\ntitle: Trop vieux pour le poste\n---\nOn vous a dit que vous étiez **trop vieux** ? Notez la phrase exacte.\n",
        )],
    );
    build(site.path(), out.path()).unwrap();
    // Question 1 offers the one domain the guide covers; question 2 its one criterion.
    let first = page(out.path(), "/trouver/");
    assert!(first.contains("Question 1 sur 2"), "{first}");
    assert!(first.contains("/trouver/emploi/"));
    let second = page(out.path(), "/trouver/emploi/");
    assert!(
        second.contains("/trouver/emploi/age/") && second.contains("/trouver/emploi/ne-sais-pas/")
    );
    // No territory question: the answer is at the second level, with the editor's text.
    let answer = page(out.path(), "/trouver/emploi/age/");
    assert!(answer.contains("<strong>trop vieux</strong>"), "{answer}");
    assert!(answer.contains("/droits/age/") && answer.contains("/contacts/maison-du-droit/"));
    assert!(answer.contains("tel:+33102030405"));
    // The other answers keep the default text.
    let unknown = page(out.path(), "/trouver/emploi/ne-sais-pas/");
    assert!(
        unknown.contains("peut-être une discrimination"),
        "{unknown}"
    );
}

#[test]
fn an_answer_text_for_an_unknown_term_is_an_error_with_a_suggestion() {
    let site = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    small_site(site.path());
    write_site(
        site.path(),
        &[(
            "content/trouver/emplio/age.md",
            "---\ntitle: x\n---\nTexte.\n",
        )],
    );
    let Err(balise::BuildError::Content(d)) = build(site.path(), out.path()) else {
        panic!("the build should fail");
    };
    let text = d.render_human(false);
    assert!(text.contains("content/trouver/emplio/age.md"), "{text}");
    assert!(text.contains("did you mean `emploi`"), "{text}");
}

#[test]
fn check_warns_when_an_answer_has_nobody_to_contact() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    // The right page no longer sends readers to the contact: nobody handles age at work.
    let right = site.path().join("content/droits/age.md");
    let text = std::fs::read_to_string(&right).unwrap();
    std::fs::write(&right, text.replace("contacts: [maison-du-droit]\n", "")).unwrap();
    let d = balise::check(&options(site.path(), site.path()));
    let text = d.render_human(false);
    assert!(text.contains("orientation-gap"), "{text}");
    assert!(text.contains("/trouver/emploi/age/"), "{text}");
}
