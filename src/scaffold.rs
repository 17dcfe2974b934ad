//! `balise init` and `balise new`: a new site that builds at once, and new content files with
//! every field of their kind, commented in French for the people who fill them.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::config::{Config, CONFIG_FILE};
use crate::model::content::{is_valid_slug, CONTENT_DIR, INDEX_FILE};
use crate::model::frontmatter::{self, Kind, SectionFront};
use crate::model::taxonomy::{CRITERIA, DOMAINS};

/// Creates a working site in `dir`, which must not exist or be empty. Returns the files written.
// The error is the one diagnostic the command prints; its size does not matter here.
#[allow(clippy::result_large_err)]
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| io_error(&shown, &e))?
            .next()
            .is_none();
        if !empty {
            return Err(Diagnostic::error(
                "init",
                shown,
                "this folder is not empty: balise init only writes into a new or empty folder",
            )
            .help("choose a new folder name, for example `balise init mon-guide`"));
        }
    }
    let mut written = Vec::new();
    for (path, text) in init_files(today) {
        let target = dir.join(path);
        write_new(&target, &text).map_err(|e| io_error(path, &e))?;
        written.push(target);
    }
    Ok(written)
}

/// The files of a new site. Every value that an editor must replace says so.
fn init_files(today: NaiveDate) -> Vec<(&'static str, String)> {
    let section = |title: &str, kind: Kind, summary: &str, body: &str| {
        format!(
            "---\ntitle: \"{title}\"\nkind: {}\nsummary: \"{summary}\"\n---\n{body}\n",
            kind.name()
        )
    };
    vec![
        (CONFIG_FILE, INIT_CONFIG.to_string()),
        (".gitignore", "public/\nsearch-index/\n".to_string()),
        ("content/_index.md", INIT_HOME.to_string()),
        (
            "content/droits/_index.md",
            section(
                "Vos droits",
                Kind::Right,
                "Exemple : les critères et les domaines où la loi interdit les discriminations.",
                "Exemple : présentez ici les pages de droits.",
            ),
        ),
        ("content/droits/exemple-de-droit.md", INIT_RIGHT.to_string()),
        (
            "content/contacts/_index.md",
            section(
                "Qui peut m'aider ?",
                Kind::Contact,
                "Exemple : les organismes qui écoutent et accompagnent.",
                "Exemple : présentez ici les contacts.",
            ),
        ),
        (
            "content/contacts/exemple-de-contact.md",
            INIT_CONTACT.to_string(),
        ),
        (
            "content/conventions/_index.md",
            section(
                "Conventions",
                Kind::Convention,
                "Exemple : les accords signés entre partenaires.",
                "Exemple : présentez ici les conventions.",
            ),
        ),
        (
            "content/conventions/exemple-de-convention.md",
            INIT_CONVENTION.to_string(),
        ),
        (
            "content/agenda/_index.md",
            section(
                "Agenda",
                Kind::Event,
                "Exemple : les rendez-vous à venir.",
                "Exemple : présentez ici l'agenda.",
            ),
        ),
        (
            "content/agenda/exemple-d-evenement.md",
            INIT_EVENT.replace("{today}", &today.format("%Y-%m-%d").to_string()),
        ),
        (
            "content/pages/_index.md",
            section(
                "Comprendre et agir",
                Kind::Page,
                "Exemple : des explications générales.",
                "Exemple : présentez ici les pages de la rubrique.",
            ),
        ),
        ("content/pages/exemple-de-page.md", INIT_PAGE.to_string()),
    ]
}

const INIT_CONFIG: &str = r#"# Configuration du site. Remplacez chaque valeur marquée « Exemple ».
title: "Exemple : guide des droits contre les discriminations"
# Adresse où le site sera publié (elle sert aux liens absolus, au plan du site, aux flux).
base_url: "https://guide.example.org"
language: fr
timezone: Europe/Paris
description: "Exemple : un guide simple pour connaître vos droits et trouver de l'aide."
menu:
  - { label: "Vos droits", path: "/droits/" }
  - { label: "Qui peut m'aider ?", path: "/contacts/" }
  - { label: "Agenda", path: "/agenda/" }
  - { label: "Conventions", path: "/conventions/" }
taxonomies:
  # Les territoires couverts par le guide : nom court (slug) et nom affiché.
  territories:
    - { slug: france, name: "France entière" }
search:
  # Mot de tous les jours → mots du guide qu'il doit aussi trouver.
  synonyms:
    boulot: [emploi, travail]
accessibility:
  status: non
legal:
  publisher: "Exemple : nom de l'organisme qui publie ce site (à compléter)"
# Décommentez pour l'interface de modification en ligne (voir docs/deploy.md).
# cms: decap
"#;

const INIT_HOME: &str = r#"---
title: "Exemple : guide des droits contre les discriminations"
summary: "Exemple : ce guide explique vos droits et qui peut vous aider."
---
## Bienvenue

Exemple : écrivez ici quelques phrases simples pour présenter le guide.
"#;

const INIT_RIGHT: &str = r#"---
title: "Exemple : discrimination liée à l'âge"
summary: "Exemple : une page de droit, à remplacer par votre texte."
criteria: [age]
domains: [emploi]
territories: [france]
contacts: [exemple-de-contact]
---
Exemple : expliquez ici le droit, avec des mots simples.

## Des exemples de situations

- Exemple : une situation vécue, décrite en une phrase.

## Que faire ?

Exemple : les étapes à suivre. Voir aussi [les contacts](/contacts/).
"#;

const INIT_CONTACT: &str = r#"---
title: "Exemple : association d'aide aux victimes"
summary: "Exemple : une fiche de contact, à remplacer par un organisme réel."
territories: [france]
email: "contact@example.org"
website: "https://example.org"
status: active
---
Exemple : ce que fait l'organisme et comment le joindre.
"#;

const INIT_CONVENTION: &str = r#"---
title: "Exemple : convention entre deux partenaires"
summary: "Exemple : une convention, à remplacer par un accord réel."
territories: [france]
parties:
  - name: "Exemple : première partie"
    contact: exemple-de-contact
  - name: "Exemple : deuxième partie"
---
Exemple : ce que prévoit la convention.
"#;

const INIT_EVENT: &str = r#"---
title: "Exemple : journée de sensibilisation"
summary: "Exemple : un événement, à remplacer par un rendez-vous réel."
territories: [france]
# Date d'exemple (le jour où le site a été créé) : remplacez-la.
start: {today}
organisers: [exemple-de-contact]
---
Exemple : le programme de l'événement.
"#;

const INIT_PAGE: &str = r#"---
title: "Exemple : agir contre une discrimination"
summary: "Exemple : une page d'explications générales."
---
Exemple : expliquez ici une démarche, étape par étape.
"#;

/// What `balise new` wrote.
#[derive(Debug)]
pub struct NewPage {
    pub file: PathBuf,
    /// The section's `_index.md`, when the section had to be created.
    pub created_section: Option<PathBuf>,
}

/// Creates `content/<section>/<slug>.md` with every field of `kind`, commented in French.
/// Without `section`, uses the first section of that kind, or creates the usual one.
#[allow(clippy::result_large_err)]
pub fn new_page(
    root: &Path,
    kind: Kind,
    slug: &str,
    section: Option<&str>,
    today: NaiveDate,
) -> Result<NewPage, Diagnostic> {
    if !is_valid_slug(slug) {
        let suggestion = slug::slugify(slug);
        return Err(Diagnostic::error(
            "invalid-slug",
            "(command line)",
            format!("`{slug}` is not a valid slug: it becomes the file name and the address of the page"),
        )
        .help(if suggestion.is_empty() {
            "use lowercase letters without accents, digits and hyphens, for example `mon-droit`".to_string()
        } else {
            format!("write `{suggestion}` (lowercase letters without accents, digits and hyphens)")
        }));
    }
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(
            "new",
            CONFIG_FILE,
            format!("no {CONFIG_FILE} in `{}`: this is not a balise site", root.display()),
        )
        .help("run the command from the site folder, pass `--root DIR`, or create a site with `balise init DIR`"));
    }
    let sections = section_kinds(root);
    let section_path = match section {
        Some(s) => {
            // A section is a folder under `content/`, written from there: an absolute path
            // would become a nested folder `content/home/…`.
            if s.starts_with('/') || s.starts_with('\\') || Path::new(s).is_absolute() {
                return Err(Diagnostic::error(
                    "invalid-slug",
                    s,
                    format!("`{s}` is an absolute path; --section names a folder under `{CONTENT_DIR}/`"),
                )
                .help("write the folder from `content/`, for example `--section droits` or `--section guide/facile`"));
            }
            let s = s.trim_end_matches('/');
            if s.is_empty() || !s.split('/').all(is_valid_slug) {
                return Err(Diagnostic::error(
                    "invalid-slug",
                    s,
                    format!("`{s}` is not a valid section folder"),
                )
                .help("write folder names in lowercase letters without accents, digits and hyphens, for example `droits` or `guide/facile`"));
            }
            if let Some((_, existing)) = sections.iter().find(|(p, _)| p == s) {
                if *existing != kind {
                    return Err(Diagnostic::error(
                        "wrong-section",
                        format!("{CONTENT_DIR}/{s}/{INDEX_FILE}"),
                        format!(
                            "the section `{s}` holds {} pages, not {} pages",
                            existing.name(),
                            kind.name()
                        ),
                    )
                    .help(match sections.iter().find(|(_, k)| *k == kind) {
                        Some((p, _)) => {
                            format!("leave out --section to use `{p}`, or choose another section")
                        }
                        None => {
                            format!(
                                "leave out --section to create `{}`",
                                kind.spec().default_section
                            )
                        }
                    }));
                }
            }
            s.to_string()
        }
        None => sections.iter().find(|(_, k)| *k == kind).map_or_else(
            || kind.spec().default_section.to_string(),
            |(p, _)| p.clone(),
        ),
    };
    let folder = root.join(CONTENT_DIR).join(&section_path);
    let file = folder.join(format!("{slug}.md"));
    let shown = format!("{CONTENT_DIR}/{section_path}/{slug}.md");
    if file.exists() {
        return Err(Diagnostic::error(
            "file-exists",
            &shown,
            "this file already exists; nothing was written",
        )
        .help("choose another name, or open the file to edit it"));
    }
    let mut created_section = None;
    let index = folder.join(INDEX_FILE);
    if !index.exists() {
        let text = format!(
            "---\ntitle: \"{}\"\nkind: {}\n# summary: \"Une phrase qui présente la rubrique.\"\n---\n",
            kind.spec().default_section_title,
            kind.name()
        );
        write_new(&index, &text).map_err(|e| io_error(&shown, &e))?;
        created_section = Some(index);
    }
    let mut diagnostics = Diagnostics::default();
    let config = Config::load(root, &mut diagnostics);
    let territories: Vec<String> = config
        .map(|c| {
            c.taxonomies
                .territories
                .iter()
                .map(|t| t.slug.clone())
                .collect()
        })
        .unwrap_or_default();
    write_new(&file, &page_template(kind, &territories, today))
        .map_err(|e| io_error(&shown, &e))?;
    Ok(NewPage {
        file,
        created_section,
    })
}

/// Every section of the site (except the home page) and the kind of its pages, parents first,
/// read from the `_index.md` files alone (no full load: the site may have errors elsewhere).
fn section_kinds(root: &Path) -> Vec<(String, Kind)> {
    let content = root.join(CONTENT_DIR);
    let mut found: Vec<(String, Option<Kind>)> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() == INDEX_FILE)
        .filter_map(|e| {
            let folder = crate::text::relative(&content, e.path().parent()?);
            let text = fs::read_to_string(e.path()).ok()?;
            let split = frontmatter::split("", &text).ok()?;
            let front: SectionFront = serde_yaml_ng::from_str(split.yaml).ok()?;
            Some((folder, front.kind.as_deref().and_then(Kind::parse)))
        })
        .collect();
    found.sort_by_key(|(p, _)| (p.matches('/').count(), p.clone()));
    let mut kinds: Vec<(String, Kind)> = Vec::new();
    for (path, kind) in found {
        if path.is_empty() {
            continue;
        }
        let inherited = path
            .rsplit_once('/')
            .and_then(|(parent, _)| kinds.iter().find(|(p, _)| p == parent))
            .map_or(Kind::Page, |(_, k)| *k);
        kinds.push((path, kind.unwrap_or(inherited)));
    }
    kinds
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    // `create_new`: never overwrite a file someone wrote between our check and now.
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

fn io_error(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", file, format!("cannot write: {e}"))
        .help("check that the folder exists and that you may write into it")
}

fn list_of(values: impl IntoIterator<Item = String>) -> String {
    let values: Vec<String> = values.into_iter().collect();
    // Wrap long lists over several comment lines so they stay readable in an editor.
    let mut lines = vec![String::from("#   ")];
    for (i, v) in values.iter().enumerate() {
        let piece = if i + 1 < values.len() {
            format!("{v}, ")
        } else {
            v.clone()
        };
        if lines.last().is_some_and(|l| l.len() + piece.len() > 95) {
            lines.push(String::from("#   "));
        }
        if let Some(l) = lines.last_mut() {
            l.push_str(&piece);
        }
    }
    lines
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The front matter and body of a new page of `kind`: every field, with a French comment on
/// what to write. Required fields are present; optional ones are empty or commented out.
pub fn page_template(kind: Kind, territories: &[String], today: NaiveDate) -> String {
    let criteria = list_of(CRITERIA.iter().map(|(s, _)| s.to_string()));
    let domains = list_of(DOMAINS.iter().map(|(s, _)| s.to_string()));
    let territory_help = if territories.is_empty() {
        "#   (aucun pour l'instant : ajoutez-les dans balise.yaml, rubrique taxonomies)".to_string()
    } else {
        list_of(territories.iter().cloned())
    };
    let mut text = format!(
        r#"---
# Titre de la page (obligatoire). Écrivez-le entre guillemets.
# Exemple : title: "Discrimination liée à l'âge"
title:

# Résumé : une ou deux phrases simples, montrées dans les listes et la recherche.
# Exemple : summary: "Être jeune ou plus âgé ne doit pas vous fermer l'accès à un emploi."
# summary: ""

# Date de la dernière mise à jour du texte, au format AAAA-MM-JJ (année-mois-jour).
# Exemple : updated: {today}
# updated:

# Brouillon : true = la page n'est pas publiée ; false = elle est publiée.
draft: false

# Critères de discrimination concernés, entre crochets et séparés par des virgules.
# Exemple : criteria: [age, handicap]
# Valeurs possibles :
{criteria}
criteria: []

# Domaines de la vie concernés. Exemple : domains: [emploi, logement]
# Valeurs possibles :
{domains}
domains: []

# Territoires concernés. Exemple : territories: [france]
# Valeurs possibles :
{territory_help}
territories: []

# Version facile à lire de cette page : le nom de son fichier, sans .md, dans le même dossier.
# Exemple : easy_read: agir-facile
# easy_read:

# Chiffres à montrer en graphique (un tableau des valeurs est ajouté pour tous).
# Exemple :
# figures:
#   - title: "Réclamations reçues"
#     unit: "réclamations"
#     source: "Rapport annuel de l'organisme"
#     data:
#       - {{ label: "2023", value: 120 }}
#       - {{ label: "2024", value: 135 }}
# figures: []
"#,
        today = today.format("%Y-%m-%d")
    );
    text.push_str(kind.spec().scaffold_fields);
    if kind == Kind::Event {
        text = text.replace("{today}", &today.format("%Y-%m-%d").to_string());
    }
    text.push_str("---\n");
    text.push_str(BODY);
    text
}

const BODY: &str = r#"Écrivez ici le texte de la page, avec des phrases courtes et des mots simples.

## Un intertitre

- Une liste commence par un tiret.
- Un lien s'écrit [comme ceci](/droits/).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn every_field_of_every_kind_is_written_with_a_comment() {
        for kind in Kind::ALL {
            let text = page_template(kind, &["france".into()], today());
            let split = frontmatter::split("x.md", &text).unwrap();
            for field in kind.spec().fields {
                let line = split
                    .yaml
                    .lines()
                    .position(|l| {
                        let l = l.trim_start_matches("# ");
                        l.starts_with(&format!("{field}:"))
                    })
                    .unwrap_or_else(|| panic!("{} lacks {field}", kind.name()));
                assert!(
                    line > 0 && split.yaml.lines().nth(line - 1).unwrap().starts_with('#'),
                    "{field} has no comment above it"
                );
            }
        }
    }

    #[test]
    fn a_template_parses_once_its_title_is_filled() {
        for kind in Kind::ALL {
            let text = page_template(kind, &[], today());
            let split = frontmatter::split("x.md", &text).unwrap();
            let filled = split.yaml.replacen("\ntitle:\n", "\ntitle: \"Essai\"\n", 1);
            frontmatter::parse_page(kind, &filled)
                .unwrap_or_else(|(e, _)| panic!("{}: {e}", kind.name()));
        }
    }

    #[test]
    fn new_refuses_bad_slugs_and_existing_files() {
        let tmp = tempfile::tempdir().unwrap();
        init(tmp.path(), today()).unwrap();
        let err = new_page(tmp.path(), Kind::Right, "Mon Droit", None, today()).unwrap_err();
        assert_eq!(err.code, "invalid-slug");
        assert!(err.help.unwrap().contains("mon-droit"));
        let made = new_page(tmp.path(), Kind::Right, "mon-droit", None, today()).unwrap();
        assert!(made.file.ends_with("content/droits/mon-droit.md"));
        let err = new_page(tmp.path(), Kind::Right, "mon-droit", None, today()).unwrap_err();
        assert_eq!(err.code, "file-exists");
        let err = new_page(tmp.path(), Kind::Right, "x", Some("contacts"), today()).unwrap_err();
        assert_eq!(err.code, "wrong-section");
        assert!(
            init(tmp.path(), today()).is_err(),
            "init must refuse a non-empty folder"
        );
    }

    #[test]
    fn new_creates_the_usual_section_when_the_site_has_none_of_that_kind() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(
            tmp.path().join(CONFIG_FILE),
            "title: t\nbase_url: https://a.org\n",
        )
        .unwrap();
        let made = new_page(tmp.path(), Kind::Event, "fete", None, today()).unwrap();
        assert!(made.file.ends_with("content/agenda/fete.md"));
        let index = fs::read_to_string(made.created_section.unwrap()).unwrap();
        assert!(index.contains("kind: event"));
    }
}
