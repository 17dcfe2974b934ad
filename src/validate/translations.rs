//! The site in each other language: the translations take the place of their originals (same
//! index, so every list and cross-reference of the default site holds), their links are
//! checked, and a translation older than its original is reported.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::content::{Page, Translated};
use crate::model::language::Lang;
use crate::model::site::{Alternates, Site};
use crate::model::taxonomy::Taxonomy;

use super::{check_links, KnownUrls};

/// Builds the site of every other language and attaches it to the default one.
pub(super) fn attach(
    mut site: Site,
    translated: Vec<Translated>,
    known: &KnownUrls,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Site {
    let mut alternates = Alternates {
        pages: site
            .pages
            .iter()
            .map(|p| vec![(Lang::DEFAULT, p.url.clone())])
            .collect(),
        sections: site
            .sections
            .iter()
            .map(|s| vec![(Lang::DEFAULT, s.url.clone())])
            .collect(),
    };
    let index_of: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    let mut sites = Vec::new();
    for t in translated {
        let lang = t.lang;
        let mut pages = site.pages.clone();
        let mut known_here = KnownUrls {
            anchors: known.anchors.clone(),
        };
        let mut placed: Vec<Page> = Vec::new();
        for page in t.pages {
            if page.meta.draft && !drafts {
                continue;
            }
            // The original is a draft left out of this build: so is its translation.
            let Some(&index) = index_of.get(page.key.as_str()) else {
                continue;
            };
            let original = &site.pages[index];
            if let (Some(mine), Some(theirs)) = (page.meta.updated, original.meta.updated) {
                if mine < theirs {
                    diagnostics.push(
                        Diagnostic::warning(
                            "translation-outdated",
                            &page.file,
                            format!(
                                "this translation (updated {}) is older than its original `{}` (updated {}): cette traduction est peut-être dépassée",
                                mine.0, original.file, theirs.0
                            ),
                        )
                        .help("compare it with the original, update the text, then its `updated:` date"),
                    );
                }
            }
            known_here
                .anchors
                .insert(page.url.clone(), page.markdown.anchors.clone());
            alternates.pages[index].push((lang, page.url.clone()));
            placed.push(page);
        }
        let mut sections = site.sections.clone();
        for (index, section) in t.sections.into_iter().enumerate() {
            if let Some(section) = section {
                known_here
                    .anchors
                    .insert(section.url.clone(), section.markdown.anchors.clone());
                alternates.sections[index].push((lang, section.url.clone()));
                sections[index] = section;
            }
        }
        for page in placed {
            check_links(
                &page.file,
                &page.url,
                &page.markdown.links,
                &known_here,
                diagnostics,
            );
            let index = index_of[page.key.as_str()];
            pages[index] = page;
        }
        let taxonomies: Vec<Taxonomy> = site
            .taxonomies
            .iter()
            .map(|t| t.translated(&site.config, lang))
            .collect();
        sites.push(Site {
            root: site.root.clone(),
            config: site.config.clone(),
            today: site.today,
            sections,
            pages,
            assets: Vec::new(),
            taxonomies,
            section_pages: site.section_pages.clone(),
            contacts: site.contacts.clone(),
            timelines: site.timelines.clone(),
            next_occurrences: site.next_occurrences.clone(),
            easy_read: site.easy_read.clone(),
            easy_read_of: site.easy_read_of.clone(),
            answer_texts: Vec::new(),
            lang,
            alternates: Arc::default(),
            translations: Vec::new(),
        });
    }
    let alternates = Arc::new(alternates);
    for s in &mut sites {
        s.alternates = alternates.clone();
    }
    site.alternates = alternates;
    site.translations = sites;
    site
}

/// Pages without a translation, per language code (for `balise check --format json`).
pub fn untranslated(site: &Site) -> Vec<(String, Vec<String>)> {
    site.translations
        .iter()
        .map(|t| {
            let missing: HashSet<usize> = t
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lang != t.lang)
                .map(|(i, _)| i)
                .collect();
            let mut files: Vec<String> = missing
                .into_iter()
                .map(|i| site.pages[i].file.clone())
                .collect();
            files.sort();
            (t.language().code.to_string(), files)
        })
        .collect()
}
