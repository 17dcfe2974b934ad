//! The three taxonomies: legal criteria (article 225-1 of the Code pénal, plus bank
//! domiciliation), domains of life, and the site's own territories.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::config::{Config, Everyday, TermDef};

/// Built-in criteria: slug and the name a reader sees.
pub const CRITERIA: [(&str, &str); 25] = [
    ("origine", "Origine"),
    ("sexe", "Sexe"),
    ("situation-de-famille", "Situation de famille"),
    ("grossesse", "Grossesse"),
    ("apparence-physique", "Apparence physique"),
    (
        "vulnerabilite-economique",
        "Particulière vulnérabilité économique",
    ),
    ("patronyme", "Patronyme (nom de famille)"),
    ("lieu-de-residence", "Lieu de résidence"),
    ("etat-de-sante", "État de santé"),
    ("perte-d-autonomie", "Perte d'autonomie"),
    ("handicap", "Handicap"),
    ("caracteristiques-genetiques", "Caractéristiques génétiques"),
    ("moeurs", "Mœurs"),
    ("orientation-sexuelle", "Orientation sexuelle"),
    ("identite-de-genre", "Identité de genre"),
    ("age", "Âge"),
    ("opinions-politiques", "Opinions politiques"),
    (
        "activites-syndicales",
        "Activités syndicales ou mutualistes",
    ),
    ("lanceur-d-alerte", "Lanceur ou lanceuse d'alerte"),
    ("langue", "Langue parlée"),
    ("ethnie", "Appartenance à une ethnie"),
    ("nation", "Appartenance à une nation"),
    ("pretendue-race", "Appartenance à une prétendue race"),
    ("religion", "Religion"),
    ("domiciliation-bancaire", "Domiciliation bancaire"),
];

pub const DOMAINS: [(&str, &str); 7] = [
    ("emploi", "Emploi"),
    ("logement", "Logement"),
    ("education", "Éducation et formation"),
    ("sante", "Santé"),
    ("services-publics", "Services publics"),
    ("biens-et-services", "Biens et services"),
    ("loisirs", "Loisirs, sport et culture"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxonomyKind {
    Criteria,
    Domains,
    Territories,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 3] = [
        TaxonomyKind::Criteria,
        TaxonomyKind::Domains,
        TaxonomyKind::Territories,
    ];

    /// Front-matter key.
    pub fn key(self) -> &'static str {
        match self {
            TaxonomyKind::Criteria => "criteria",
            TaxonomyKind::Domains => "domains",
            TaxonomyKind::Territories => "territories",
        }
    }

    /// URL folder of the term pages.
    pub fn path(self) -> &'static str {
        match self {
            TaxonomyKind::Criteria => "criteres",
            TaxonomyKind::Domains => "domaines",
            TaxonomyKind::Territories => "territoires",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TaxonomyKind::Criteria => "Critères de discrimination",
            TaxonomyKind::Domains => "Domaines",
            TaxonomyKind::Territories => "Territoires",
        }
    }

    /// English name, for diagnostics.
    pub fn singular_en(self) -> &'static str {
        match self {
            TaxonomyKind::Criteria => "criterion",
            TaxonomyKind::Domains => "domain",
            TaxonomyKind::Territories => "territory",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            TaxonomyKind::Criteria => "critère",
            TaxonomyKind::Domains => "domaine",
            TaxonomyKind::Territories => "territoire",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub name: String,
    /// The question a citizen recognises ("pour un logement"), for the orientation path.
    pub question: Option<String>,
    /// Everyday words and expressions for the term, for the search.
    pub words: Vec<String>,
    /// Indices of the published pages that carry the term.
    pub pages: Vec<usize>,
}

/// The built-in everyday labels and words (`everyday.fr.yaml`), by taxonomy and slug.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltinEveryday {
    criteria: BTreeMap<String, Everyday>,
    domains: BTreeMap<String, Everyday>,
}

fn builtin_everyday(kind: TaxonomyKind) -> Option<&'static BTreeMap<String, Everyday>> {
    builtin_everyday_in("fr", kind)
}

/// The built-in names, questions and words of `kind` in the language `code` (French and
/// English are built in).
fn builtin_everyday_in(
    code: &str,
    kind: TaxonomyKind,
) -> Option<&'static BTreeMap<String, Everyday>> {
    static FRENCH: OnceLock<BuiltinEveryday> = OnceLock::new();
    static ENGLISH: OnceLock<BuiltinEveryday> = OnceLock::new();
    // The files are part of the binary, and a unit test parses them: they cannot fail here.
    let parsed = match code {
        "fr" => FRENCH.get_or_init(|| {
            serde_yaml_ng::from_str(include_str!("everyday.fr.yaml"))
                .expect("everyday.fr.yaml is checked by a unit test")
        }),
        "en" => ENGLISH.get_or_init(|| {
            serde_yaml_ng::from_str(include_str!("everyday.en.yaml"))
                .expect("everyday.en.yaml is checked by a unit test")
        }),
        _ => return None,
    };
    match kind {
        TaxonomyKind::Criteria => Some(&parsed.criteria),
        TaxonomyKind::Domains => Some(&parsed.domains),
        TaxonomyKind::Territories => None,
    }
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    pub terms: Vec<Term>,
    /// Root-relative prefix of the language: "" or "/en".
    pub prefix: String,
}

impl Taxonomy {
    /// The built-in terms of `kind` followed by those `balise.yaml` adds.
    pub fn declared(kind: TaxonomyKind, config: &Config) -> Taxonomy {
        let builtin: &[(&str, &str)] = match kind {
            TaxonomyKind::Criteria => &CRITERIA,
            TaxonomyKind::Domains => &DOMAINS,
            TaxonomyKind::Territories => &[],
        };
        let extra: &[TermDef] = match kind {
            TaxonomyKind::Criteria => &config.taxonomies.criteria,
            TaxonomyKind::Domains => &config.taxonomies.domains,
            TaxonomyKind::Territories => &config.taxonomies.territories,
        };
        let no_words = Everyday::default();
        let builtin_words = builtin_everyday(kind);
        let terms = builtin
            .iter()
            .map(|(slug, name)| {
                let everyday = builtin_words
                    .and_then(|w| w.get(*slug))
                    .unwrap_or(&no_words);
                (slug.to_string(), name.to_string(), everyday)
            })
            .chain(
                extra
                    .iter()
                    .map(|t| (t.slug.clone(), t.name.clone(), &t.everyday)),
            )
            .map(|(slug, name, everyday)| {
                let mut question = everyday.question.clone();
                let mut words = everyday.words.clone();
                if let Some(site) = config.taxonomies.everyday.get(&slug) {
                    question = site.question.clone().or(question);
                    words.extend(site.words.iter().cloned());
                }
                Term {
                    slug,
                    name,
                    question,
                    words,
                    pages: Vec::new(),
                }
            })
            .collect();
        Taxonomy {
            kind,
            terms,
            prefix: String::new(),
        }
    }

    /// The same terms (and pages) named in `lang`: from `taxonomies.translations` in
    /// `balise.yaml`, else the built-in names (French and English), else the default name.
    /// Questions and words come from the built-in lists of the language, if it has them.
    pub fn translated(&self, config: &Config, lang: crate::model::language::Lang) -> Taxonomy {
        let code = config.lang(lang).code.as_str();
        let builtin = builtin_everyday_in(code, self.kind);
        let site = config.taxonomies.translations.get(code);
        let terms = self
            .terms
            .iter()
            .map(|t| {
                let mine = builtin.and_then(|b| b.get(&t.slug));
                let name = site
                    .and_then(|s| s.get(&t.slug))
                    .cloned()
                    .or_else(|| mine.and_then(|m| m.name.clone()))
                    .unwrap_or_else(|| t.name.clone());
                Term {
                    slug: t.slug.clone(),
                    name,
                    question: mine.and_then(|m| m.question.clone()),
                    words: mine.map(|m| m.words.clone()).unwrap_or_default(),
                    pages: t.pages.clone(),
                }
            })
            .collect();
        Taxonomy {
            kind: self.kind,
            terms,
            prefix: config.lang_prefix(lang),
        }
    }

    /// The URL of the list of terms: `/criteres/`, `/en/criteres/`.
    pub fn list_url(&self) -> String {
        format!("{}/{}/", self.prefix, self.kind.path())
    }

    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.term_index(slug).map(|i| &self.terms[i])
    }

    /// Where the term `slug` is in [`Taxonomy::terms`].
    pub fn term_index(&self, slug: &str) -> Option<usize> {
        self.terms.iter().position(|t| t.slug == slug)
    }

    pub fn term_url(&self, slug: &str) -> String {
        format!("{}/{}/{slug}/", self.prefix, self.kind.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_term_has_a_question_and_everyday_words() {
        for (kind, builtin, min) in [
            (TaxonomyKind::Criteria, &CRITERIA[..], 10),
            (TaxonomyKind::Domains, &DOMAINS[..], 8),
        ] {
            let words = builtin_everyday(kind).unwrap();
            assert_eq!(words.len(), builtin.len(), "{kind:?}: one entry per term");
            for (slug, _) in builtin {
                let e = &words[*slug];
                assert!(
                    e.question.as_deref().is_some_and(|q| !q.is_empty()),
                    "{slug}"
                );
                assert!(e.words.len() >= min, "{slug}: {} words", e.words.len());
            }
        }
    }

    #[test]
    fn every_built_in_term_has_an_english_name_question_and_words() {
        for (kind, builtin) in [
            (TaxonomyKind::Criteria, &CRITERIA[..]),
            (TaxonomyKind::Domains, &DOMAINS[..]),
        ] {
            let english = builtin_everyday_in("en", kind).unwrap();
            assert_eq!(english.len(), builtin.len(), "{kind:?}: one entry per term");
            let mut names = std::collections::HashSet::new();
            for (slug, _) in builtin {
                let e = &english[*slug];
                let name = e.name.as_deref().unwrap_or_default();
                assert!(!name.is_empty() && names.insert(name), "{slug}: `{name}`");
                assert!(
                    e.question.as_deref().is_some_and(|q| !q.is_empty()),
                    "{slug}"
                );
                assert!(e.words.len() >= 6, "{slug}: {} words", e.words.len());
            }
        }
    }

    #[test]
    fn a_translated_taxonomy_keeps_slugs_pages_and_takes_the_site_names() {
        let config: Config = serde_yaml_ng::from_str(
            "title: t\nbase_url: https://a.org\nlanguages: [{code: fr, name: Français}, {code: en, name: English}, {code: ar, name: العربية}]\ntaxonomies:\n  territories: [{slug: dijon, name: Dijon}]\n  translations: {ar: {handicap: الإعاقة}}\n",
        )
        .unwrap();
        let mut criteria = Taxonomy::declared(TaxonomyKind::Criteria, &config);
        criteria.terms[0].pages = vec![3, 7];
        let en = criteria.translated(&config, crate::model::language::Lang(1));
        let ar = criteria.translated(&config, crate::model::language::Lang(2));
        assert_eq!(en.term("handicap").unwrap().name, "Disability");
        assert_eq!(ar.term("handicap").unwrap().name, "الإعاقة");
        // No Arabic name given: the default language's.
        assert_eq!(
            ar.term("age").unwrap().name,
            criteria.term("age").unwrap().name
        );
        assert_eq!(en.terms[0].pages, vec![3, 7]);
        assert_eq!(en.term_url("handicap"), "/en/criteres/handicap/");
        assert_eq!(criteria.term_url("handicap"), "/criteres/handicap/");
    }

    #[test]
    fn an_everyday_word_names_one_term_only() {
        let fold = |w: &str| crate::index::analysis::fold(w);
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        for kind in [TaxonomyKind::Criteria, TaxonomyKind::Domains] {
            for (slug, e) in builtin_everyday(kind).unwrap() {
                for w in &e.words {
                    if let Some(other) = owner.insert(fold(w), slug.clone()) {
                        assert_eq!(&other, slug, "`{w}` is under {other} and {slug}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_site_adds_words_and_replaces_the_question() {
        let config: Config = serde_yaml_ng::from_str(
            "title: t\nbase_url: https://a.org\ntaxonomies:\n  everyday:\n    age: { question: \"à cause de mon âge\", words: [quinqua] }\n  territories:\n    - { slug: dijon, name: Dijon, words: [cote d'or] }\n",
        )
        .unwrap();
        let criteria = Taxonomy::declared(TaxonomyKind::Criteria, &config);
        let age = criteria.term("age").unwrap();
        assert_eq!(age.question.as_deref(), Some("à cause de mon âge"));
        assert!(age.words.iter().any(|w| w == "quinqua"));
        assert!(age.words.len() > 10, "built-in words kept");
        let territories = Taxonomy::declared(TaxonomyKind::Territories, &config);
        assert_eq!(territories.term("dijon").unwrap().words, ["cote d'or"]);
    }

    #[test]
    fn the_criteria_of_the_issue_are_all_built_in() {
        let slugs: Vec<_> = CRITERIA.iter().map(|(s, _)| *s).collect();
        for s in [
            "origine",
            "handicap",
            "domiciliation-bancaire",
            "pretendue-race",
            "lanceur-d-alerte",
            "identite-de-genre",
        ] {
            assert!(slugs.contains(&s), "{s}");
        }
        assert!(slugs
            .iter()
            .all(|s| crate::model::content::is_valid_slug(s)));
    }
}
