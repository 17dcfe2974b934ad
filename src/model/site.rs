//! The `Site`: everything loaded and validated, built once and only read by the later stages.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::config::Config;
use crate::model::content::{Asset, Page, Section};
use crate::model::conventions::Timeline;
use crate::model::frontmatter::{Event, Kind, KindData};
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
}

impl Site {
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        // `validate` always builds the three taxonomies in `TaxonomyKind::ALL` order.
        &self.taxonomies[kind as usize]
    }

    pub fn home(&self) -> &Section {
        // `load` always puts the home section first.
        &self.sections[0]
    }

    pub fn pages_of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Page)> {
        self.pages
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.kind() == kind)
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
        format!("{}{}", self.config.base_path().trim_end_matches('/'), url)
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
