//! The three taxonomies: legal criteria (article 225-1 of the Code pénal, plus bank
//! domiciliation), domains of life, and the site's own territories.

use crate::model::config::{Config, TermDef};

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
    /// Indices of the published pages that carry the term.
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    pub terms: Vec<Term>,
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
        let terms = builtin
            .iter()
            .map(|(slug, name)| (slug.to_string(), name.to_string()))
            .chain(extra.iter().map(|t| (t.slug.clone(), t.name.clone())))
            .map(|(slug, name)| Term {
                slug,
                name,
                pages: Vec::new(),
            })
            .collect();
        Taxonomy { kind, terms }
    }

    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }

    pub fn term_url(&self, slug: &str) -> String {
        format!("/{}/{slug}/", self.kind.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
