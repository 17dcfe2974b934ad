//! `balise serve` rebuilds incrementally: after a series of edits of the bundled guide made
//! through the same code path as `serve` (body edits, front-matter edits, a draft, a new file,
//! a deleted file, a config edit, an error and its fix; then edits of the guide in two
//! languages), every served file is byte-identical to the file of a fresh whole build of the
//! same content, search files included.

use std::collections::BTreeMap;
use std::path::PathBuf;

use balise::index::SearchRequest;
use balise::serve::incremental::{apply, Preview, Scope, SearchState, ServedFiles};

use crate::common::{options, repo};

/// The preview as `serve` drives it: the rebuild, then the search thread's work, done here in
/// line so that the comparison sees its result.
struct Served {
    preview: Preview,
    search: SearchState,
    files: ServedFiles,
    /// Files the last rebuild made (all of them after a whole one).
    rendered: usize,
    /// Files the last incremental rebuild removed.
    removed: Vec<String>,
    /// Files the last rebuild served before the others (`serve` announces them at once).
    first: Vec<String>,
    options: balise::BuildOptions,
    root: PathBuf,
}

impl Served {
    /// A copy of the bundled guide (French only with `french_only`) in `tmp`, built a first
    /// time (a whole build).
    fn start(tmp: &std::path::Path, french_only: bool) -> Served {
        let site = tmp.join("site");
        for part in ["content", "themes"] {
            crate::common::copy_tree(&repo().join(part), &site.join(part));
        }
        std::fs::copy(repo().join("balise.yaml"), site.join("balise.yaml")).unwrap();
        if french_only {
            crate::common::make_french_only(&site);
        }
        let options = options(&site, tmp);
        let mut served = Served {
            preview: Preview::new(options.clone()),
            search: SearchState::default(),
            files: ServedFiles::new(),
            rendered: 0,
            removed: Vec::new(),
            first: Vec::new(),
            options,
            // As file events name it.
            root: std::fs::canonicalize(&site).unwrap(),
        };
        assert_eq!(served.change(&[]), None, "the first build is a whole one");
        served
    }

    /// Applies a change of `paths` (relative to the site root); returns the pages rendered
    /// again when the rebuild was incremental, `None` for a whole one. Panics if it failed.
    fn change(&mut self, paths: &[&str]) -> Option<Vec<String>> {
        let paths: Vec<PathBuf> = paths.iter().map(|p| self.root.join(p)).collect();
        // As `serve` does: the files handed first are served at once.
        let mut first = Vec::new();
        let rebuild = self.preview.rebuild_showing_first(&paths, &mut |files| {
            first.extend(files.iter().map(|f| (f.path.clone(), f.contents.clone())));
            apply(&mut self.files, files, Scope::These);
        });
        let scope = rebuild.scope();
        self.removed = rebuild.removed.clone();
        let files = rebuild
            .files
            .unwrap_or_else(|| panic!("{}", rebuild.diagnostics.render_human(false)));
        for (path, contents) in &first {
            let made = files.iter().find(|f| &f.path == path);
            assert!(
                made.is_some_and(|f| &f.contents == contents),
                "{path} was served first with other bytes than the rebuild's"
            );
        }
        self.first = first.into_iter().map(|(path, _)| path).collect();
        self.rendered = files.len();
        apply(&mut self.files, files, scope);
        if let Some(update) = rebuild.search {
            self.search.update(update);
            let built = self.search.build().unwrap();
            apply(&mut self.files, built.files, built.scope);
        }
        rebuild.incremental
    }

    /// Every served file is the one of a fresh whole build, and no other file is served.
    fn assert_same_as_fresh_build(&self, step: &str) {
        let (prepared, diagnostics) = balise::prepare(&self.options);
        let prepared = prepared.unwrap_or_else(|| panic!("{}", diagnostics.render_human(false)));
        let fresh: BTreeMap<&str, &[u8]> = prepared
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_slice()))
            .collect();
        let served: BTreeMap<&str, &[u8]> = self
            .files
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let missing: Vec<_> = fresh.keys().filter(|p| !served.contains_key(*p)).collect();
        let extra: Vec<_> = served.keys().filter(|p| !fresh.contains_key(*p)).collect();
        let differ: Vec<_> = fresh
            .iter()
            .filter(|(p, b)| served.get(*p).is_some_and(|s| s != *b))
            .map(|(p, _)| p)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && differ.is_empty(),
            "after {step}: missing {missing:?}, extra {extra:?}, different {differ:?}"
        );
        assert!(fresh.len() > 100, "{step}: {} files", fresh.len());
    }

    fn edit(&self, path: &str, edit: impl FnOnce(String) -> String) {
        let full = self.root.join(path);
        let text = std::fs::read_to_string(&full).unwrap();
        std::fs::write(&full, edit(text)).unwrap();
    }

    /// Removes `heading` from `page` while `linking` still links to it: the rebuild fails with
    /// a broken anchor in `linking`, as a whole build would; then removes the `link` too, which
    /// takes a whole build (as after any failure).
    fn remove_linked_heading(&mut self, page: &str, heading: &str, linking: &str, link: &str) {
        self.edit(page, |t| t.replace(heading, ""));
        let failed = self.preview.rebuild(&[self.root.join(page)]);
        assert!(failed.files.is_none());
        let report = failed.diagnostics.render_human(false);
        let name = linking.rsplit('/').next().unwrap();
        assert!(
            report.contains("broken-anchor") && report.contains(name),
            "{report}"
        );
        self.edit(linking, |t| t.replace(link, ""));
        assert_eq!(
            self.change(&[linking, page]),
            None,
            "after a failure, a whole build"
        );
    }
}

#[test]
fn incremental_rebuilds_serve_the_bytes_of_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    // The French guide alone: the fast paths serve a site in one language.
    let mut served = Served::start(tmp.path(), true);
    served.assert_same_as_fresh_build("the first build");

    // A body edit: a new heading (a new anchor), a link to another page, a word found nowhere
    // else. Only the page is rendered again; the search API finds the word at once.
    let age = "content/droits/age.md";
    served.edit(age, |t| {
        t + "\n## Une partie ajoutée\n\nLe mot zygomorphe, et [le handicap](/droits/handicap/).\n"
    });
    let rebuild = served.preview.rebuild(&[served.root.join(age)]);
    assert_eq!(rebuild.incremental.as_deref(), Some(&[age.to_string()][..]));
    let page = rebuild.files.as_ref().unwrap();
    assert_eq!(page.len(), 1, "only the edited page is rendered again");
    assert_eq!(page[0].path, "droits/age/index.html");
    let patched = served
        .search
        .update(rebuild.search.unwrap())
        .expect("the index of the API is patched at once");
    let found = patched
        .search(&SearchRequest {
            q: "zygomorphe".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    assert!(
        found.results[0].url.ends_with("/droits/age/"),
        "{:?}",
        found.results[0].url
    );
    apply(&mut served.files, rebuild.files.unwrap(), Scope::These);
    let built = served.search.build().unwrap();
    apply(&mut served.files, built.files, built.scope);
    served.assert_same_as_fresh_build("a body edit");

    // Two pages at once, and an editor's temporary file that is already gone.
    let contact = "content/contacts/acse.md";
    served.edit(contact, |t| t + "\nUne permanence le mardi.\n");
    served.edit(age, |t| t.replace("zygomorphe", "zygomorphes"));
    assert_eq!(
        served
            .change(&[contact, age, "content/droits/4913"])
            .map(|p| p.len()),
        Some(2)
    );
    assert!(
        served.first.is_empty(),
        "a text edit renders its pages only"
    );
    served.assert_same_as_fresh_build("two body edits");

    // Another page links to the new heading; removing the heading breaks that link, as a
    // whole build says; with the link gone too, the heading can go.
    let handicap = "content/droits/handicap.md";
    served.edit(handicap, |t| {
        t + "\nVoir [la partie ajoutée](/droits/age/#une-partie-ajoutee).\n"
    });
    assert!(served.change(&[handicap]).is_some());
    served.assert_same_as_fresh_build("a link to the new heading");
    served.remove_linked_heading(
        age,
        "## Une partie ajoutée\n",
        handicap,
        "\nVoir [la partie ajoutée](/droits/age/#une-partie-ajoutee).\n",
    );
    served.assert_same_as_fresh_build("a heading removed");
    served.edit(age, |t| t + "\n## Une autre partie\n\nTexte.\n");
    assert!(served.change(&[age]).is_some());
    served.edit(age, |t| t.replace("\n## Une autre partie\n\nTexte.\n", ""));
    assert!(
        served.change(&[age]).is_some(),
        "a heading no link points to is removed incrementally"
    );
    served.assert_same_as_fresh_build("a heading removed incrementally");

    // A link to nowhere fails as a whole build fails; the fix is served.
    served.edit(age, |t| t + "\n[Perdu](/droits/nulle-part/)\n");
    let failed = served.preview.rebuild(&[served.root.join(age)]);
    assert!(failed.files.is_none());
    assert!(failed
        .diagnostics
        .render_human(false)
        .contains("broken-link"));
    served.edit(age, |t| t.replace("\n[Perdu](/droits/nulle-part/)\n", ""));
    assert_eq!(
        served.change(&[age]),
        None,
        "after a failure, a whole build"
    );
    served.assert_same_as_fresh_build("a fixed error");

    // Front-matter edits, incremental: a title (which the section's list, the term pages, the
    // feed… show), a taxonomy term, a new address (the old one is gone). Only the files whose
    // values changed are rendered again.
    served.edit(age, |t| {
        t.replacen("title: \"", "title: \"Nouveau titre — ", 1)
    });
    assert_eq!(served.change(&[age]), Some(vec![age.to_string()]));
    assert_eq!(
        served.first,
        ["droits/age/index.html"],
        "the edited page is served before the files that list it"
    );
    assert!(
        served.rendered < served.files.len() / 4,
        "{} of {} files made again",
        served.rendered,
        served.files.len()
    );
    served.assert_same_as_fresh_build("a title edit");
    let section = String::from_utf8_lossy(&served.files["droits/index.html"]).into_owned();
    assert!(
        section.contains("Nouveau titre"),
        "the section lists the new title"
    );
    served.edit(age, |t| {
        t.replacen("criteria: [", "criteria: [handicap, ", 1)
    });
    assert_eq!(served.change(&[age]), Some(vec![age.to_string()]));
    served.assert_same_as_fresh_build("a taxonomy edit");
    // The only right of its criterion moves to another domain: its answers of `/trouver/`
    // move too, and the old ones are gone.
    let union = "content/droits/activites-syndicales.md";
    served.edit(union, |t| {
        t.replacen("domains: [emploi]", "domains: [logement]", 1)
    });
    assert_eq!(served.change(&[union]), Some(vec![union.to_string()]));
    assert!(
        served
            .removed
            .iter()
            .any(|p| p.starts_with("trouver/emploi/activites-syndicales/")),
        "{:?}",
        served.removed
    );
    served.assert_same_as_fresh_build("a right moved to another domain");

    // Pages that other pages read, whose front-matter edits reach those pages: a right that
    // now cites other contacts (those it left no longer list it), the title of a contact (the
    // cards of the rights citing it, and, through the dissolved body it succeeds, of the
    // rights citing that one), an easy-to-read page (linked from its original).
    served.edit(age, |t| {
        t.replacen(
            "contacts: [defenseur-des-droits, amacod, ccas-de-dijon]",
            "contacts: [halde, amacod]",
            1,
        )
    });
    assert_eq!(served.change(&[age]), Some(vec![age.to_string()]));
    served.assert_same_as_fresh_build("a right citing other contacts");
    let defender = "content/contacts/defenseur-des-droits.md";
    served.edit(defender, |t| t.replacen("title: \"", "title: \"Relu — ", 1));
    // The most cited contact: most answers of `/trouver/` show it, and are made again.
    assert_eq!(served.change(&[defender]), Some(vec![defender.to_string()]));
    let age_page = String::from_utf8_lossy(&served.files["droits/age/index.html"]).into_owned();
    assert!(
        age_page.contains("Relu — Défenseur des droits"),
        "the card of the dissolved body cited by the right links to its successor's new title"
    );
    served.assert_same_as_fresh_build("a contact's title");
    let easy = "content/guide/qui-peut-m-aider-facile.md";
    served.edit(easy, |t| t.replacen("title: \"", "title: \"Relu — ", 1));
    assert_eq!(served.change(&[easy]), Some(vec![easy.to_string()]));
    served.assert_same_as_fresh_build("an easy-to-read page's title");

    // After a front-matter edit, the addresses and anchors are gathered again at the next text
    // edit, from the site as it was before that edit: a heading that another page links to
    // cannot go unnoticed.
    served.edit(age, |t| t + "\n## Une partie relue\n\nTexte.\n");
    served.edit(handicap, |t| {
        t + "\nVoir [la partie relue](/droits/age/#une-partie-relue).\n"
    });
    assert!(served.change(&[age, handicap]).is_some());
    served.assert_same_as_fresh_build("a heading and a link to it");
    served.edit(age, |t| t.replacen("title: \"", "title: \"Relu — ", 1));
    assert_eq!(served.change(&[age]), Some(vec![age.to_string()]));
    served.remove_linked_heading(
        age,
        "\n## Une partie relue\n\nTexte.\n",
        handicap,
        "\nVoir [la partie relue](/droits/age/#une-partie-relue).\n",
    );
    served.assert_same_as_fresh_build("the heading and its link removed");

    // The content pass: a page made a draft (it leaves the site, and so its files), published
    // again; a new file, then that file deleted. The whole content is read again, and only the
    // files whose values changed are rendered.
    let event = "content/agenda/colloque-autre-cercle-2016.md";
    served.edit(event, |t| t.replacen("---\n", "---\ndraft: true\n", 1));
    assert_eq!(served.change(&[event]), Some(vec![event.to_string()]));
    assert!(
        served
            .removed
            .contains(&"agenda/colloque-autre-cercle-2016/index.html".to_string()),
        "{:?}",
        served.removed
    );
    served.assert_same_as_fresh_build("a page made a draft");
    served.edit(event, |t| t.replacen("draft: true\n", "", 1));
    assert_eq!(served.change(&[event]), Some(vec![event.to_string()]));
    served.assert_same_as_fresh_build("a draft published again");
    let new = "content/droits/nouvelle-page.md";
    std::fs::write(
        served.root.join(new),
        "---\ntitle: Une nouvelle page\nsummary: Écrite pendant l'aperçu.\ncriteria: [age]\ndomains: [emploi]\n---\nUn texte neuf.\n",
    )
    .unwrap();
    assert_eq!(served.change(&[new]), Some(vec![new.to_string()]));
    assert!(served.rendered < served.files.len() / 4);
    served.assert_same_as_fresh_build("a new file");
    std::fs::remove_file(served.root.join(new)).unwrap();
    assert_eq!(served.change(&[new]), Some(vec![new.to_string()]));
    assert!(served
        .removed
        .contains(&"droits/nouvelle-page/index.html".to_string()));
    served.assert_same_as_fresh_build("a deleted file");

    // The configuration.
    served.edit("balise.yaml", |t| {
        t.replacen("title: \"", "title: \"Aperçu — ", 1)
    });
    assert_eq!(served.change(&["balise.yaml"]), None);
    served.assert_same_as_fresh_build("a config edit");

    // And a body edit again, on the state those whole builds left.
    served.edit(contact, |t| t + "\nEt le jeudi.\n");
    assert!(served.change(&[contact]).is_some());
    served.assert_same_as_fresh_build("a last body edit");
}

/// A front-matter edit validates again only what it can change, and keeps the rest of what
/// the last validation found (`validate::Since`): the warnings and errors it reports are those
/// a whole validation reports.
#[test]
fn a_front_matter_edit_reports_what_a_whole_validation_would() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    crate::common::small_site(&site);
    let (right, contact) = (
        "content/droits/age.md",
        "content/contacts/maison-du-droit.md",
    );
    let edit = |path: &str, edit: &dyn Fn(String) -> String| {
        let file = site.join(path);
        std::fs::write(&file, edit(std::fs::read_to_string(&file).unwrap())).unwrap();
    };
    // The right links to a heading of the contact.
    edit(contact, &|t| t + "\n## Horaires\n\nLe mardi.\n");
    edit(right, &|t| {
        t + "\nVoir [les horaires](/contacts/maison-du-droit/#horaires).\n"
    });
    let options = options(&site, tmp.path());
    let root = std::fs::canonicalize(&site).unwrap();
    let mut preview = Preview::new(options.clone());
    assert!(preview.rebuild(&[]).files.is_some(), "the first build");
    // As `serve` does once a rebuild is served.
    preview.prepare_next_edit();
    let gaps = |diagnostics: &balise::Diagnostics| -> Vec<String> {
        let mut gaps: Vec<String> = diagnostics
            .items
            .iter()
            .filter(|d| d.code == "orientation-gap")
            .map(|d| d.message.clone())
            .collect();
        gaps.sort();
        gaps
    };
    let mut change = |path: &str| {
        let rebuild = preview.rebuild(&[root.join(path)]);
        assert_eq!(
            rebuild.incremental,
            Some(vec![path.to_string()]),
            "a front-matter edit, incremental: {}",
            rebuild.diagnostics.render_human(false)
        );
        rebuild
    };

    // The right no longer sends readers to the contact: nobody handles age at work, as
    // `balise check` says too.
    edit(right, &|t| t.replace("contacts: [maison-du-droit]\n", ""));
    let rebuild = change(right);
    let whole = gaps(&balise::check(&options));
    assert!(!whole.is_empty());
    assert_eq!(gaps(&rebuild.diagnostics), whole);
    // A title edit changes nothing the path reads: the warning still stands.
    edit(right, &|t| t.replacen("title: ", "title: Relu — ", 1));
    assert_eq!(gaps(&change(right).diagnostics), whole);
    // The contact is cited again: the warning is gone.
    edit(right, &|t| {
        t.replacen(
            "criteria: [age]\n",
            "criteria: [age]\ncontacts: [maison-du-droit]\n",
            1,
        )
    });
    assert_eq!(gaps(&change(right).diagnostics), Vec::<String>::new());
    assert!(gaps(&balise::check(&options)).is_empty());
    // A warning in the edited page's text quotes its line, as a build's report does.
    edit(right, &|t| {
        t.replacen("title: ", "title: Relu — ", 1) + "\n# Un titre de trop\n"
    });
    let report = change(right).diagnostics.render_human(false);
    assert!(
        report.contains("heading-level") && report.contains("# Un titre de trop"),
        "{report}"
    );

    // A title edit that also removes the heading the right links to: the link is broken, as
    // a whole build says.
    edit(contact, &|t| {
        t.replacen("title: ", "title: Relue — ", 1)
            .replace("\n## Horaires\n\nLe mardi.\n", "")
    });
    let failed = preview.rebuild(&[root.join(contact)]);
    assert!(failed.files.is_none());
    let broken: Vec<_> = failed
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code == "broken-anchor")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(broken, [right]);
}

/// A site in several languages takes the content pass for its Markdown edits: an English
/// translation's text and title, a French original's front matter (a fact its translation
/// shows too), a new translation; each time every served file, in every language, is the
/// file of a fresh build.
#[test]
fn edits_of_a_site_in_several_languages_render_only_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut served = Served::start(tmp.path(), false);
    let whole = served.rendered;

    // With an editor's temporary files beside the edit: a swap file and a backup, which are
    // never read, and a file written and removed while saving.
    let english = "content/droits/handicap.en.md";
    let swap = "content/droits/.handicap.en.md.swp";
    let backup = "content/droits/handicap.en.md~";
    std::fs::write(served.root.join(swap), "swap").unwrap();
    std::fs::write(served.root.join(backup), "backup").unwrap();
    served.edit(english, |t| t + "\nA sentence added in the preview.\n");
    assert_eq!(
        served.change(&[english, swap, backup, "content/droits/4913"]),
        Some(vec![english.to_string()])
    );
    assert!(
        served.rendered < whole / 4,
        "{} of {whole} files made again",
        served.rendered
    );
    served.assert_same_as_fresh_build("an English text edit");
    assert!(
        String::from_utf8_lossy(&served.files["en/droits/disability/index.html"])
            .contains("A sentence added in the preview.")
    );

    served.edit(english, |t| {
        t.replacen("title: \"", "title: \"Reviewed — ", 1)
    });
    assert!(served.change(&[english]).is_some());
    served.assert_same_as_fresh_build("an English title edit");

    // A fact of the original (its criteria) reaches its translation.
    let french = "content/droits/handicap.md";
    served.edit(french, |t| t.replacen("criteria: [", "criteria: [age, ", 1));
    assert!(served.change(&[french]).is_some());
    served.assert_same_as_fresh_build("a fact of the French original");

    let translation = "content/droits/age.en.md";
    std::fs::write(
        served.root.join(translation),
        "---\ntitle: Age discrimination\nsummary: Written during the preview.\n---\nA new translation.\n",
    )
    .unwrap();
    assert!(served.change(&[translation]).is_some());
    served.assert_same_as_fresh_build("a new translation");
    assert!(served.files.contains_key("en/droits/age/index.html"));
}
