//! The orientation path `/trouver/`: from what happened (where, why, where the person lives) to
//! the rights pages and the people who can help, derived from the `Site` alone.
//!
//! Question 1 lists the domains, question 2 the criteria the guide covers for the chosen domain
//! (most pages first), question 3 the territories where a contact works (asked only when the
//! site has more than one). Each question has a "je ne sais pas" answer ([`UNKNOWN`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::content::Page;
use crate::model::frontmatter::{ContactStatus, KindData};
use crate::model::kinds::Kind;
use crate::model::site::Site;
use crate::model::taxonomy::{TaxonomyKind, Term, CRITERIA, DOMAINS};

/// URL folder of the path.
pub const PATH: &str = "trouver";

/// An answer lists at most this many rights pages, local contacts and national contacts: a
/// person looks for a few places to start, not a directory (the term pages list them all).
pub const MAX_RIGHTS: usize = 6;
pub const MAX_LOCAL: usize = 6;
pub const MAX_NATIONAL: usize = 4;

/// The slug of the "je ne sais pas" answer of each question.
pub const UNKNOWN: &str = "ne-sais-pas";

/// What the person answered: a term slug, or `None` for "je ne sais pas".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers<'a> {
    pub domain: Option<&'a str>,
    pub criterion: Option<&'a str>,
    pub territory: Option<&'a str>,
}

impl Answers<'_> {
    /// `/trouver/emploi/age/dijon/`: the answer page's URL (without the territory when the path
    /// does not ask for it).
    pub fn url(&self, with_territory: bool) -> String {
        let part = |s: Option<&str>| s.unwrap_or(UNKNOWN).to_string();
        let mut url = format!("/{PATH}/{}/{}/", part(self.domain), part(self.criterion));
        if with_territory {
            url.push_str(&part(self.territory));
            url.push('/');
        }
        url
    }
}

/// Whether the law forbids a difference of treatment for this reason, in this domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    /// A criterion of the law in a domain the law covers.
    Yes,
    /// `domiciliation-bancaire` is a criterion of the Code du travail only: forbidden at work.
    AtWorkOnly,
    /// A criterion the site added: the law's list does not name it.
    NotInTheLaw,
    /// The person does not know why: it may be.
    Maybe,
}

/// The answer to a path: what applies and who can help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub forbidden: Forbidden,
    /// Rights pages that carry both terms, else the criterion, else the domain.
    pub rights: Vec<usize>,
    /// Contacts of the person's territory that handle the criterion or the domain.
    pub local: Vec<usize>,
    /// Contacts of the whole country that handle them, shown last.
    pub national: Vec<usize>,
}

/// The path of one site: the choices of each question.
pub struct Orientation<'a> {
    site: &'a Site,
    /// Question 3's territories, computed once (every answer needs them).
    territories: Vec<&'a Term>,
    /// The first rights pages (at most [`MAX_RIGHTS`], in site order) of each domain and
    /// criterion, of each criterion, of each domain: an answer reads them instead of going
    /// through every page (the path has thousands of answers on a large guide).
    rights_by_pair: HashMap<(&'a str, &'a str), Vec<usize>>,
    rights_by_criterion: HashMap<&'a str, Vec<usize>>,
    rights_by_domain: HashMap<&'a str, Vec<usize>>,
    /// How many rights pages carry each criterion, and each criterion with each domain.
    rights_of_criterion: HashMap<&'a str, usize>,
    rights_of_pair: HashMap<(&'a str, &'a str), usize>,
    /// Contact pages that are not dissolved, in site order, with what they handle.
    contacts: Vec<Handler<'a>>,
    /// A number for each criterion and domain that a contact handles (see [`TermSet`]).
    term_ids: HashMap<&'a str, usize>,
    /// For each domain and criterion of the site (or "je ne sais pas"): the positions in
    /// `contacts` of those that handle them, made at the first answer that asks. Every
    /// territory's answer shares them: the path has a page per territory, and `validate`, the
    /// answer pages and `parcours.json` each read every answer.
    handling: HashMap<Question<'a>, OnceLock<Vec<usize>>>,
    /// The guide's pages on what to do now, shown by every answer (see [`Orientation::steps`]).
    steps: Vec<usize>,
}

/// A domain and a criterion (`None`: the person does not know), whatever the territory.
type Question<'a> = (Option<&'a str>, Option<&'a str>);

/// A contact and the criteria and domains it handles: its own, or else those of the rights
/// pages that send readers to it.
struct Handler<'a> {
    index: usize,
    page: &'a Page,
    criteria: TermSet,
    domains: TermSet,
    /// Serves one of the national territories of `balise.yaml`: shown to everyone, last.
    national: bool,
}

/// Criteria or domains, by their number in `Orientation::term_ids`: every answer asks each
/// contact whether it handles a term, thousands of times on a large guide.
#[derive(Default)]
struct TermSet(Vec<u64>);

impl TermSet {
    fn insert(&mut self, id: usize) {
        let word = id / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (id % 64);
    }

    fn contains(&self, id: usize) -> bool {
        self.0
            .get(id / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
}

/// Adds `index` to the list of `key`, if not already last and the list is not full.
fn add_right<K: std::hash::Hash + Eq>(lists: &mut HashMap<K, Vec<usize>>, key: K, index: usize) {
    let list = lists.entry(key).or_default();
    if list.len() < MAX_RIGHTS && list.last() != Some(&index) {
        list.push(index);
    }
}

impl<'a> Orientation<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut contacts = Vec::new();
        let mut term_ids: HashMap<&'a str, usize> = HashMap::new();
        let referrers = site.referrers_by_contact();
        for (index, page) in site.pages_of_kind(Kind::Contact) {
            if matches!(&page.data, KindData::Contact(c) if c.status == ContactStatus::Dissolved) {
                continue;
            }
            let mut criteria: Vec<&str> = page.meta.criteria.iter().map(String::as_str).collect();
            let mut domains: Vec<&str> = page.meta.domains.iter().map(String::as_str).collect();
            // A contact that names what it handles is taken at its word; otherwise, what it
            // handles is what the rights pages that send readers to it are about.
            let declared = !criteria.is_empty() || !domains.is_empty();
            let citing = if declared {
                None
            } else {
                referrers.get(page.slug.as_str())
            };
            for right in citing.into_iter().flatten() {
                let right = &site.pages[*right];
                criteria.extend(right.meta.criteria.iter().map(String::as_str));
                domains.extend(right.meta.domains.iter().map(String::as_str));
            }
            let mut set = |slugs: Vec<&'a str>| {
                let mut set = TermSet::default();
                for slug in slugs {
                    let next = term_ids.len();
                    set.insert(*term_ids.entry(slug).or_insert(next));
                }
                set
            };
            let (criteria, domains) = (set(criteria), set(domains));
            let national = site
                .config
                .orientation
                .national
                .iter()
                .any(|n| page.meta.territories.contains(n));
            contacts.push(Handler {
                index,
                page,
                criteria,
                domains,
                national,
            });
        }
        let territories = local_territories(site);
        let mut rights_by_pair = HashMap::new();
        let mut rights_by_criterion = HashMap::new();
        let mut rights_by_domain = HashMap::new();
        let mut rights_of_criterion: HashMap<&str, usize> = HashMap::new();
        let mut rights_of_pair: HashMap<(&str, &str), usize> = HashMap::new();
        for (index, page) in site.pages_of_kind(Kind::Right) {
            // A term written twice in one page counts once.
            let mut criteria: Vec<&str> = page.meta.criteria.iter().map(String::as_str).collect();
            criteria.sort_unstable();
            criteria.dedup();
            let mut domains: Vec<&str> = page.meta.domains.iter().map(String::as_str).collect();
            domains.sort_unstable();
            domains.dedup();
            for &criterion in &criteria {
                *rights_of_criterion.entry(criterion).or_default() += 1;
                for &domain in &domains {
                    *rights_of_pair.entry((domain, criterion)).or_default() += 1;
                }
            }
            for criterion in &page.meta.criteria {
                add_right(&mut rights_by_criterion, criterion.as_str(), index);
                for domain in &page.meta.domains {
                    add_right(
                        &mut rights_by_pair,
                        (domain.as_str(), criterion.as_str()),
                        index,
                    );
                }
            }
            for domain in &page.meta.domains {
                add_right(&mut rights_by_domain, domain.as_str(), index);
            }
        }
        // Each term of the taxonomy, and "je ne sais pas".
        let choices = |kind: TaxonomyKind| -> Vec<Option<&'a str>> {
            let terms = site.taxonomy(kind).terms.iter();
            terms.map(|t| Some(t.slug.as_str())).chain([None]).collect()
        };
        let criteria = choices(TaxonomyKind::Criteria);
        let handling = choices(TaxonomyKind::Domains)
            .into_iter()
            .flat_map(|d| criteria.iter().map(move |c| ((d, *c), OnceLock::new())))
            .collect();
        Orientation {
            site,
            territories,
            handling,
            steps: step_pages(site),
            rights_by_pair,
            rights_by_criterion,
            rights_by_domain,
            rights_of_criterion,
            rights_of_pair,
            contacts,
            term_ids,
        }
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// Question 1: the domains the guide has rights pages for, in the taxonomy's order.
    pub fn domains(&self) -> Vec<&'a Term> {
        self.site
            .taxonomy(TaxonomyKind::Domains)
            .terms
            .iter()
            .filter(|t| self.rights_by_domain.contains_key(t.slug.as_str()))
            .collect()
    }

    /// Question 2: the criteria the guide covers for `domain` (any domain when unknown), the
    /// most covered first, then in the taxonomy's order.
    pub fn criteria(&self, domain: Option<&str>) -> Vec<&'a Term> {
        let taxonomy = self.site.taxonomy(TaxonomyKind::Criteria);
        let mut counted: Vec<(usize, usize, &Term)> = taxonomy
            .terms
            .iter()
            .enumerate()
            .map(|(order, t)| {
                let slug = t.slug.as_str();
                let count = match domain {
                    None => self.rights_of_criterion.get(slug),
                    Some(d) => self.rights_of_pair.get(&(d, slug)),
                };
                (count.copied().unwrap_or(0), order, t)
            })
            .filter(|(count, _, _)| *count > 0)
            .collect();
        counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        counted.into_iter().map(|(_, _, t)| t).collect()
    }

    /// Question 3: the territories where a contact works, besides the national ones; empty when
    /// the site has one territory or none, and the question is skipped.
    pub fn territories(&self) -> Vec<&'a Term> {
        self.territories.clone()
    }

    /// Whether the path asks where the person lives.
    pub fn asks_territory(&self) -> bool {
        !self.territories.is_empty()
    }

    /// What applies, and who can help, for these answers.
    pub fn answer(&self, answers: Answers) -> Answer {
        let Answers {
            domain,
            criterion,
            territory,
        } = answers;
        // Both terms, else the criterion, else the domain.
        let listed = |list: Option<&Vec<usize>>| list.cloned().unwrap_or_default();
        let mut rights = match (domain, criterion) {
            (Some(d), Some(c)) => listed(self.rights_by_pair.get(&(d, c))),
            _ => Vec::new(),
        };
        if rights.is_empty() {
            rights = listed(criterion.and_then(|c| self.rights_by_criterion.get(c)));
        }
        if rights.is_empty() {
            rights = listed(domain.and_then(|d| self.rights_by_domain.get(d)));
        }
        let mut local = Vec::new();
        let mut national = Vec::new();
        // The first contacts of `handlers` that serve the territory, and the national ones.
        let mut choose = |handlers: &[usize]| {
            for contact in handlers.iter().map(|p| &self.contacts[*p]) {
                let (index, page) = (contact.index, contact.page);
                if contact.national {
                    if national.len() < MAX_NATIONAL {
                        national.push(index);
                    }
                } else if (territory.is_some_and(|t| page.meta.territories.iter().any(|x| x == t))
                    || !self.asks_territory())
                    && local.len() < MAX_LOCAL
                {
                    local.push(index);
                }
                if local.len() == MAX_LOCAL && national.len() == MAX_NATIONAL {
                    break;
                }
            }
        };
        // Covariant: the map's keys are compared with answers of a shorter life.
        let shared: &HashMap<Question, OnceLock<Vec<usize>>> = &self.handling;
        match shared.get(&(domain, criterion)) {
            Some(once) => choose(once.get_or_init(|| self.handlers(domain, criterion))),
            None => choose(&self.handlers(domain, criterion)),
        }
        Answer {
            forbidden: forbidden(domain, criterion),
            rights,
            local,
            national,
        }
    }

    /// The guide's pages on what to do now: `orientation.steps` of `balise.yaml`, or the first
    /// pages of kind `page` (without the easy-to-read versions), as indices in `site.pages`.
    pub fn steps(&self) -> &[usize] {
        &self.steps
    }

    /// The positions in `contacts`, in site order, of the contacts that handle a domain and a
    /// criterion (`None`: the person does not know), whatever their territory.
    fn handlers(&self, domain: Option<&str>, criterion: Option<&str>) -> Vec<usize> {
        // A term no contact handles has no number, and no contact's set holds it.
        let number = |slug: Option<&str>| slug.map(|s| self.term_ids.get(s).copied());
        let (domain, criterion) = (number(domain), number(criterion));
        let holds = |set: &TermSet, term: Option<usize>| term.is_some_and(|t| set.contains(t));
        // An empty set says nothing against: a contact for every domain names none.
        let fits = |set: &TermSet, answer: Option<Option<usize>>| {
            answer.is_none_or(|a| set.is_empty() || holds(set, a))
        };
        let handles = |contact: &Handler| {
            let (criteria, domains) = (&contact.criteria, &contact.domains);
            let named = criterion.is_some_and(|c| holds(criteria, c))
                || domain.is_some_and(|d| holds(domains, d))
                || (criterion.is_none()
                    && domain.is_none()
                    && !(criteria.is_empty() && domains.is_empty()));
            named && fits(criteria, criterion) && fits(domains, domain)
        };
        (0..self.contacts.len())
            .filter(|p| handles(&self.contacts[*p]))
            .collect()
    }
}

/// Whether the path reads the same from two versions of a page (the same page before and
/// after an edit of its front matter): its answers, and so `validate`'s warnings about them,
/// stay as they were. Keep in step with what [`Orientation::new`] and its answers read: the
/// kind, slug and address, the terms, the easy-to-read link (the step pages), a contact's
/// status and a rights page's contacts; not the title, which no answer compares.
pub fn reads_the_same(before: &Page, now: &Page) -> bool {
    fn data_read(page: &Page) -> (Option<bool>, Option<&[String]>) {
        match &page.data {
            KindData::Contact(c) => (Some(c.status == ContactStatus::Dissolved), None),
            KindData::Right(r) => (None, Some(&r.contacts)),
            _ => (None, None),
        }
    }
    let (b, n) = (&before.meta, &now.meta);
    before.kind() == now.kind()
        && before.slug == now.slug
        && before.url == now.url
        && b.criteria == n.criteria
        && b.domains == n.domains
        && b.territories == n.territories
        && b.easy_read == n.easy_read
        && data_read(before) == data_read(now)
}

/// See [`Orientation::steps`].
fn step_pages(site: &Site) -> Vec<usize> {
    if site.config.orientation.steps.is_empty() {
        site.pages_of_kind(Kind::Page)
            .filter(|(i, _)| !site.easy_read_of.contains_key(i))
            .map(|(i, _)| i)
            .take(MAX_RIGHTS)
            .collect()
    } else {
        site.config
            .orientation
            .steps
            .iter()
            .filter_map(|url| site.pages.iter().position(|p| &p.url == url))
            .collect()
    }
}

fn local_territories(site: &Site) -> Vec<&Term> {
    let national = &site.config.orientation.national;
    let served: std::collections::HashSet<&str> = site
        .pages_of_kind(Kind::Contact)
        .flat_map(|(_, p)| p.meta.territories.iter().map(String::as_str))
        .collect();
    let local: Vec<&Term> = site
        .taxonomy(TaxonomyKind::Territories)
        .terms
        .iter()
        .filter(|t| !national.contains(&t.slug) && served.contains(t.slug.as_str()))
        .collect();
    if local.len() > 1 {
        local
    } else {
        Vec::new()
    }
}

fn forbidden(domain: Option<&str>, criterion: Option<&str>) -> Forbidden {
    match criterion {
        None => Forbidden::Maybe,
        Some("domiciliation-bancaire") if domain != Some("emploi") => Forbidden::AtWorkOnly,
        Some(c) if CRITERIA.iter().any(|(s, _)| *s == c) => {
            // Every built-in domain is one the law covers; a site's own domain may not be.
            if domain.is_none_or(|d| DOMAINS.iter().any(|(s, _)| *s == d)) {
                Forbidden::Yes
            } else {
                Forbidden::Maybe
            }
        }
        Some(_) => Forbidden::NotInTheLaw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_say_each_answer_or_that_the_person_does_not_know() {
        let a = Answers {
            domain: Some("emploi"),
            criterion: None,
            territory: Some("dijon"),
        };
        assert_eq!(a.url(true), "/trouver/emploi/ne-sais-pas/dijon/");
        assert_eq!(a.url(false), "/trouver/emploi/ne-sais-pas/");
    }

    #[test]
    fn bank_domiciliation_is_forbidden_at_work_only() {
        assert_eq!(
            forbidden(Some("logement"), Some("domiciliation-bancaire")),
            Forbidden::AtWorkOnly
        );
        assert_eq!(
            forbidden(Some("emploi"), Some("domiciliation-bancaire")),
            Forbidden::Yes
        );
        assert_eq!(forbidden(None, Some("age")), Forbidden::Yes);
        assert_eq!(forbidden(Some("emploi"), None), Forbidden::Maybe);
        assert_eq!(
            forbidden(Some("emploi"), Some("taille")),
            Forbidden::NotInTheLaw
        );
    }
}
