//! The `Site`: everything loaded and validated, built once and only read by the later stages.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::config::Config;
use crate::model::content::{Asset, Page, Section};
use crate::model::conventions::Timeline;
use crate::model::frontmatter::{Event, Kind, KindData};
use crate::model::language::{Lang, Language};
use crate::model::taxonomy::{Taxonomy, TaxonomyKind};

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// "Today" for statuses and upcoming events (`--today`, or the real date).
    pub today: NaiveDate,
    pub sections: Vec<Section>,
    /// Published pages only (drafts are left out unless the build asks for them).
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    pub taxonomies: Vec<Taxonomy>,
    /// Pages of each section, in display order.
    pub section_pages: Vec<Vec<usize>>,
    /// Contact slug → page index.
    pub contacts: HashMap<String, usize>,
    /// Page index → its convention timeline on `today`.
    pub timelines: HashMap<usize, Timeline>,
    /// Event page index → the next day it happens on or after `today` (absent when over).
    pub next_occurrences: HashMap<usize, NaiveDate>,
    /// Page index → index of its easy-to-read version, and back.
    pub easy_read: HashMap<usize, usize>,
    pub easy_read_of: HashMap<usize, usize>,
    /// Editors' own texts for answers of `/trouver/`.
    pub answer_texts: Vec<crate::model::content::AnswerText>,
    /// The language of this site: the default one, or one of `translations`.
    pub lang: Lang,
    /// Where each page and section exists in each language (shared by every language).
    pub alternates: std::sync::Arc<Alternates>,
    /// The site in each other language (only on the default language's `Site`): the same
    /// pages at the same indices, each one its translation where there is one and otherwise
    /// the original, which stays at its own URL and is only linked to.
    pub translations: Vec<Site>,
}

/// The versions of each page and section: `(language, URL)`, in the order of `languages:`.
#[derive(Debug, Default)]
pub struct Alternates {
    pub pages: Vec<Vec<(Lang, String)>>,
    pub sections: Vec<Vec<(Lang, String)>>,
}

impl Site {
    /// This site and its translations, the default language first.
    pub fn languages(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(self.translations.iter())
    }

    pub fn language(&self) -> &Language {
        self.config.lang(self.lang)
    }

    /// The pages written in this site's language (the others are originals, written by the
    /// default language's site).
    pub fn own_pages(&self) -> impl Iterator<Item = (usize, &Page)> {
        let lang = self.lang;
        self.pages
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.lang == lang)
    }

    /// Root-relative prefix of this language's pages: "" or "/en".
    pub fn prefix(&self) -> String {
        self.config.lang_prefix(self.lang)
    }

    /// A URL of the pages every language has (search, site map, `/trouver/`, term pages) in
    /// this language: `/recherche/` → `/en/recherche/`.
    pub fn localized(&self, url: &str) -> String {
        format!("{}{url}", self.prefix())
    }

    /// Where a root-relative link of the default language leads in this language: to the
    /// translation of its page or section when there is one; else to the original, with the
    /// original's language code (to mark the link); else, for the pages every language has
    /// (search, site map, term pages, `/trouver/`), under this language's prefix.
    pub fn localized_link(&self, url: &str) -> (String, Option<&str>) {
        if self.lang.is_default() {
            return (url.to_string(), None);
        }
        let (path, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
        let lookup = |urls: &[Vec<(Lang, String)>]| {
            urls.iter()
                .find(|versions| versions.first().is_some_and(|(_, u)| u == path))
                .map(|versions| {
                    versions
                        .iter()
                        .find(|(l, _)| *l == self.lang)
                        .map(|(_, u)| (format!("{u}{fragment}"), None))
                        .unwrap_or_else(|| {
                            (
                                url.to_string(),
                                Some(self.config.lang(Lang::DEFAULT).code.as_str()),
                            )
                        })
                })
        };
        lookup(&self.alternates.pages)
            .or_else(|| lookup(&self.alternates.sections))
            .unwrap_or_else(|| {
                if path.ends_with('/') {
                    (self.localized(url), None)
                } else {
                    (url.to_string(), None)
                }
            })
    }

    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        // `validate` always builds the three taxonomies in `TaxonomyKind::ALL` order.
        &self.taxonomies[kind as usize]
    }

    pub fn home(&self) -> &Section {
        // `load` always puts the home section first.
        &self.sections[0]
    }

    /// Pages of `kind`, in every language this site shows (its own and the originals).
    pub fn pages_of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Page)> {
        self.pages
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.kind() == kind)
    }

    /// Pages of `kind` written in this site's language.
    pub fn own_pages_of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Page)> {
        self.own_pages().filter(move |(_, p)| p.kind() == kind)
    }

    pub fn contact(&self, slug: &str) -> Option<&Page> {
        self.contacts.get(slug).map(|i| &self.pages[*i])
    }

    /// Counts of published pages per kind, for the build summary.
    pub fn counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .into_iter()
            .map(|k| (k, self.pages.iter().filter(|p| p.kind() == k).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The URL with the site's base path: `/droits/` → `/guide/droits/`.
    pub fn href(&self, url: &str) -> String {
        let prefix = self.config.base_prefix();
        let mut href = String::with_capacity(prefix.len() + url.len());
        href.push_str(prefix);
        href.push_str(url);
        href
    }

    /// Absolute URL: `/droits/` → `https://example.org/guide/droits/`.
    pub fn permalink(&self, url: &str) -> String {
        let origin = self.config.base_url.trim_end_matches('/');
        format!("{origin}{url}")
    }

    /// Rights pages that send readers to each contact, by contact slug, in page order.
    pub fn referrers_by_contact(&self) -> HashMap<&str, Vec<usize>> {
        let mut referrers: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            if let KindData::Right(r) = &p.data {
                for contact in &r.contacts {
                    let pages = referrers.entry(contact.as_str()).or_default();
                    if pages.last() != Some(&i) {
                        pages.push(i);
                    }
                }
            }
        }
        referrers
    }

    pub fn event_data(&self, index: usize) -> Option<&Event> {
        match &self.pages[index].data {
            KindData::Event(e) => Some(e),
            _ => None,
        }
    }
}
