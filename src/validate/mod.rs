//! Stage 2, validate: cross-references between pages (taxonomy terms, contacts, easy-to-read
//! versions, internal links and anchors), duplicate addresses, dates that do not add up. Every
//! problem becomes a diagnostic; the `Site` is assembled from what loaded.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::config::Config;
use crate::model::content::{Content, Page};
use crate::model::conventions;
use crate::model::frontmatter::{locate, Kind, KindData};
use crate::model::language::Lang;
use crate::model::output::Output;
use crate::model::site::Site;
use crate::model::taxonomy::{Taxonomy, TaxonomyKind};

pub struct ValidateOptions {
    pub root: PathBuf,
    pub today: NaiveDate,
    pub drafts: bool,
}

pub mod translations;

pub fn validate(
    config: Config,
    content: Content,
    options: ValidateOptions,
    diagnostics: &mut Diagnostics,
) -> Site {
    validate_since(config, content, options, None, diagnostics).0
}

/// What one validation found that the next one can take as it is, when the pages edited in
/// between left its inputs unchanged (see [`Since`]): `serve` keeps it between two edits.
pub struct Checked {
    /// The addresses and anchors of the site, which every link is checked against.
    pub links: LinkCheck,
    /// The warnings about the orientation path (`orientation-gap`).
    orientation: Diagnostics,
}

impl Checked {
    /// What [`validate`] found about `site`, which passed it.
    pub fn new(site: &Site) -> Checked {
        let mut orientation = Diagnostics::default();
        check_orientation(site, &mut orientation);
        Checked {
            links: LinkCheck::new(site),
            orientation,
        }
    }
}

/// Pages edited since a validation, and what that validation found: the next one checks
/// again only what the edits can change. A page that keeps its address and the files beside
/// it leaves the site's addresses as they were: only its own links are checked again, and
/// every page's when it lost an anchor. A page that keeps what the orientation path reads
/// leaves its warnings as they were.
pub struct Since {
    last: Checked,
    edited: Vec<usize>,
    same_addresses: bool,
    same_orientation: bool,
}

impl Since {
    /// `edits`: each edited page's index in the site's pages (the same before and after),
    /// the page as that validation saw it, and the page now.
    pub fn new(last: Checked, edits: &[(usize, &Page, &Page)]) -> Since {
        use crate::model::orientation::reads_the_same;
        Since {
            last,
            edited: edits.iter().map(|(index, _, _)| *index).collect(),
            same_addresses: edits
                .iter()
                .all(|(_, before, now)| before.url == now.url && before.kind() == now.kind()),
            same_orientation: edits
                .iter()
                .all(|(_, before, now)| reads_the_same(before, now)),
        }
    }
}

/// [`validate`], which also returns what it found for the next edit; given `since`, it checks
/// again only what those edits can change (see [`Since`]).
pub fn validate_since(
    config: Config,
    content: Content,
    options: ValidateOptions,
    since: Option<Since>,
    diagnostics: &mut Diagnostics,
) -> (Site, Checked) {
    let Content {
        sections,
        pages,
        assets,
        answer_texts,
        translated,
    } = content;
    let pages: Vec<Page> = pages
        .into_iter()
        .filter(|p| options.drafts || !p.meta.draft)
        .collect();

    let mut taxonomies: Vec<Taxonomy> = TaxonomyKind::ALL
        .iter()
        .map(|k| Taxonomy::declared(*k, &config))
        .collect();
    check_terms(&pages, &mut taxonomies, diagnostics);

    let contacts = contact_index(&pages, diagnostics);
    check_references(&pages, &contacts, diagnostics);
    let (easy_read, easy_read_of) = easy_read_links(&pages, diagnostics);
    check_dates(&pages, diagnostics);
    check_titles(&pages, &sections, diagnostics);

    let fresh_links = |diagnostics: &mut Diagnostics| LinkCheck {
        known: known_urls(
            &config,
            &sections,
            &pages,
            &taxonomies,
            &assets,
            diagnostics,
        ),
    };
    // What the last validation found and the edits left as it was (see `Since`): the
    // addresses, then the links of only the edited pages, and the orientation warnings.
    let (links, pages_to_link_check, last_orientation) = match since {
        None => (fresh_links(diagnostics), None, None),
        Some(since) => {
            let orientation = since.same_orientation.then_some(since.last.orientation);
            if since.same_addresses {
                let mut links = since.last.links;
                // A lost anchor: a link of any page may point to it.
                let kept = links.take_anchors(&pages, &since.edited);
                (links, kept.then_some(since.edited), orientation)
            } else {
                (fresh_links(diagnostics), None, orientation)
            }
        }
    };

    let timelines = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.data {
            KindData::Convention(c) => conventions::timeline(c, options.today).map(|t| (i, t)),
            _ => None,
        })
        .collect();
    let next_occurrences = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.data {
            KindData::Event(e) => e.next_occurrence(options.today).map(|d| (i, d)),
            _ => None,
        })
        .collect();

    let mut section_pages = vec![Vec::new(); sections.len()];
    for (i, p) in pages.iter().enumerate() {
        section_pages[p.section].push(i);
    }
    // Each title's sort key is made once, not at each comparison (a section may hold tens of
    // thousands of pages: the sort was most of `validate` on 100,000 pages).
    let title_keys: Vec<String> = pages
        .par_iter()
        .map(|p| slug::slugify(&p.meta.title))
        .collect();
    for list in &mut section_pages {
        list.sort_by(|a, b| page_order(&pages[*a], &pages[*b], &title_keys[*a], &title_keys[*b]));
    }

    let answer_texts = check_answer_texts(answer_texts, &taxonomies, diagnostics);
    let site = Site {
        answer_texts,
        root: options.root,
        config,
        today: options.today,
        sections,
        pages,
        assets,
        taxonomies,
        section_pages,
        contacts,
        timelines,
        next_occurrences,
        easy_read,
        easy_read_of,
        lang: Lang::DEFAULT,
        alternates: Default::default(),
        translations: Vec::new(),
    };
    // The two longest checks, side by side: the links of every page (each page's problems
    // kept in page order), and the answers of `/trouver/`; or what the edits can change.
    let (found_links, orientation) = rayon::join(
        || {
            let check = |page: &Page| {
                let mut found = Diagnostics::default();
                links.check_page(page, &mut found);
                found
            };
            match &pages_to_link_check {
                Some(edited) => edited.iter().map(|&i| check(&site.pages[i])).collect(),
                None => site.pages.par_iter().map(check).collect::<Vec<_>>(),
            }
        },
        || {
            last_orientation.unwrap_or_else(|| {
                let mut found = Diagnostics::default();
                check_orientation(&site, &mut found);
                found
            })
        },
    );
    for found in found_links {
        diagnostics.extend(found);
    }
    diagnostics.extend(orientation.clone());
    let site = translations::attach(site, translated, &links.known, options.drafts, diagnostics);
    // Every diagnostic that points into a content file is made by now: the report needs the
    // texts of the files they quote, and no other.
    diagnostics.keep_only_quoted_sources();
    (site, Checked { links, orientation })
}

/// Keeps the answer texts whose folder and file name are a domain and a criterion.
fn check_answer_texts(
    texts: Vec<crate::model::content::AnswerText>,
    taxonomies: &[Taxonomy],
    diagnostics: &mut Diagnostics,
) -> Vec<crate::model::content::AnswerText> {
    use crate::model::orientation::UNKNOWN;
    let known = |kind: TaxonomyKind, slug: &str| {
        slug == UNKNOWN || taxonomies[kind as usize].term(slug).is_some()
    };
    texts
        .into_iter()
        .filter(|t| {
            diagnostics.extend_items(t.markdown.diagnostics.iter().cloned());
            for (kind, slug) in [
                (TaxonomyKind::Domains, &t.domain),
                (TaxonomyKind::Criteria, &t.criterion),
            ] {
                if !known(kind, slug) {
                    let names = taxonomies[kind as usize].terms.iter().map(|t| t.slug.as_str());
                    let hint = did_you_mean(slug, names)
                        .map_or(String::new(), |s| format!("did you mean `{s}`? "));
                    diagnostics.push(
                        Diagnostic::error(
                            "answer-text-path",
                            &t.file,
                            format!("`{slug}` is not a {} of the site", kind.singular_en()),
                        )
                        .help(format!(
                            "{hint}the file must be content/trouver/<domaine>/<critere>.md, or use `{UNKNOWN}`"
                        )),
                    );
                    return false;
                }
            }
            true
        })
        .collect()
}

/// Warns about the answers of `/trouver/` that would offer nobody to contact: a gap in the
/// guide that an editor can fill. (Every answer has rights pages: a question only offers the
/// criteria that rights pages cover for the chosen domain.)
fn check_orientation(site: &Site, diagnostics: &mut Diagnostics) {
    use crate::model::orientation::{Answers, Orientation};
    let orientation = Orientation::new(site);
    let territories: Vec<Option<&str>> = orientation
        .territories()
        .iter()
        .map(|t| Some(t.slug.as_str()))
        .chain([None])
        .collect();
    let asks = territories.len() > 1;
    for domain in orientation.domains() {
        for criterion in orientation.criteria(Some(&domain.slug)) {
            for territory in &territories {
                let answers = Answers {
                    domain: Some(&domain.slug),
                    criterion: Some(&criterion.slug),
                    territory: *territory,
                };
                let answer = orientation.answer(answers);
                if answer.local.is_empty() && answer.national.is_empty() {
                    diagnostics.push(
                        Diagnostic::warning(
                            "orientation-gap",
                            "(orientation)",
                            format!(
                                "the answer {} of /trouver/ has no contact to offer",
                                answers.url(asks)
                            ),
                        )
                        .help(format!(
                            "add a contact that serves this territory and handle `{}` or `{}` (in its front matter, or by naming it in a rights page's `contacts`)",
                            criterion.slug, domain.slug
                        )),
                    );
                }
            }
        }
    }
}

/// Events by date, everything else by title (French collation is approximated by folding
/// accents: `a_title` and `b_title` are the slugs of their titles).
fn page_order(a: &Page, b: &Page, a_title: &str, b_title: &str) -> std::cmp::Ordering {
    match (&a.data, &b.data) {
        (KindData::Event(x), KindData::Event(y)) => x.start.cmp(&y.start),
        _ => a_title.cmp(b_title),
    }
}

fn check_terms(pages: &[Page], taxonomies: &mut [Taxonomy], diagnostics: &mut Diagnostics) {
    for (index, page) in pages.iter().enumerate() {
        for taxonomy in taxonomies.iter_mut() {
            let kind = taxonomy.kind;
            let values = match kind {
                TaxonomyKind::Criteria => &page.meta.criteria,
                TaxonomyKind::Domains => &page.meta.domains,
                TaxonomyKind::Territories => &page.meta.territories,
            };
            for value in values {
                match taxonomy.terms.iter_mut().find(|t| &t.slug == value) {
                    Some(term) => {
                        // Pages come in order: a repeated value of this page is the last one.
                        if term.pages.last() != Some(&index) {
                            term.pages.push(index);
                        }
                    }
                    None => {
                        let span = locate(&page.source, page.yaml.clone(), kind.key(), Some(value));
                        let slugs: Vec<&str> =
                            taxonomy.terms.iter().map(|t| t.slug.as_str()).collect();
                        let help = match did_you_mean(value, slugs.iter().copied()) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None if kind == TaxonomyKind::Territories => {
                                "declare the territory in balise.yaml under `taxonomies: territories:` with its `slug` and `name`".to_string()
                            }
                            None => format!("write one of: {}", slugs.join(", ")),
                        };
                        diagnostics.push(
                            Diagnostic::error(
                                "unknown-term",
                                &page.file,
                                format!("unknown {} `{value}`", kind.singular_en()),
                            )
                            .at(&page.source, span)
                            .help(help),
                        );
                    }
                }
            }
        }
    }
}

fn contact_index(pages: &[Page], diagnostics: &mut Diagnostics) -> HashMap<String, usize> {
    let mut contacts: HashMap<String, usize> = HashMap::new();
    for (i, p) in pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind() == Kind::Contact)
    {
        if let Some(first) = contacts.insert(p.slug.clone(), i) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    &p.file,
                    format!(
                        "another contact is already called `{}`: {}",
                        p.slug, pages[first].file
                    ),
                )
                .help("contacts are referred to by their file name: rename one of the two files"),
            );
            contacts.insert(p.slug.clone(), first);
        }
    }
    contacts
}

fn check_references(
    pages: &[Page],
    contacts: &HashMap<String, usize>,
    diagnostics: &mut Diagnostics,
) {
    let names: Vec<&str> = contacts.keys().map(String::as_str).collect();
    for page in pages {
        let mut refs: Vec<(&str, &str)> = Vec::new();
        match &page.data {
            KindData::Right(r) => refs.extend(r.contacts.iter().map(|c| ("contacts", c.as_str()))),
            KindData::Contact(c) => {
                refs.extend(c.successor.iter().map(|c| ("successor", c.as_str())));
                if c.successor.as_deref() == Some(page.slug.as_str()) {
                    let span = locate(&page.source, page.yaml.clone(), "successor", None);
                    diagnostics.push(
                        Diagnostic::error(
                            "unknown-contact",
                            &page.file,
                            "a contact cannot be its own successor",
                        )
                        .at(&page.source, span)
                        .help("name the body that took over its missions, or remove `successor`"),
                    );
                }
                for (n, h) in c.hours.iter().enumerate() {
                    if h.open >= h.close {
                        let span = locate(&page.source, page.yaml.clone(), "hours", Some("open"));
                        diagnostics.push(
                            Diagnostic::error("invalid-hours", &page.file, format!("opening hours #{}: `open` is not before `close`", n + 1))
                                .at(&page.source, span)
                                .help("write the opening time first, for example `open: \"09:00\"`, `close: \"12:00\"`"),
                        );
                    }
                }
                check_url(page, "website", c.website.as_deref(), diagnostics);
            }
            KindData::Convention(c) => {
                refs.extend(
                    c.parties
                        .iter()
                        .filter_map(|p| p.contact.as_deref())
                        .map(|c| ("contact", c)),
                );
                if c.parties.len() < 2 {
                    let span = locate(&page.source, page.yaml.clone(), "parties", None);
                    diagnostics.push(
                        Diagnostic::error(
                            "missing-field",
                            &page.file,
                            "a convention needs at least two parties",
                        )
                        .at(&page.source, span)
                        .help("list each party as `- name: ...` under `parties:`"),
                    );
                }
            }
            KindData::Event(e) => {
                refs.extend(e.organisers.iter().map(|c| ("organisers", c.as_str())));
                check_url(page, "url", e.url.as_deref(), diagnostics);
            }
            KindData::Page(_) => {}
        }
        if let KindData::Right(r) = &page.data {
            for reference in &r.references {
                check_url(page, "references", Some(&reference.url), diagnostics);
            }
        }
        for (key, slug) in refs {
            if !contacts.contains_key(slug) {
                let span = locate(&page.source, page.yaml.clone(), key, Some(slug));
                let help = match did_you_mean(slug, names.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "write the file name (without .md) of a page in a contact section, or create that contact".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "unknown-contact",
                        &page.file,
                        format!("no contact is called `{slug}`"),
                    )
                    .at(&page.source, span)
                    .help(help),
                );
            }
        }
    }
}

fn check_url(page: &Page, key: &str, url: Option<&str>, diagnostics: &mut Diagnostics) {
    let Some(url) = url else { return };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        let span = locate(&page.source, page.yaml.clone(), key, Some(url));
        diagnostics.push(
            Diagnostic::error(
                "invalid-url",
                &page.file,
                format!("`{url}` is not a web address"),
            )
            .at(&page.source, span)
            .help("write the full address, starting with https://"),
        );
    }
}

fn easy_read_links(
    pages: &[Page],
    diagnostics: &mut Diagnostics,
) -> (HashMap<usize, usize>, HashMap<usize, usize>) {
    let mut to = HashMap::new();
    let mut from = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(slug) = &page.meta.easy_read else {
            continue;
        };
        let target = pages
            .iter()
            .position(|p| p.section == page.section && &p.slug == slug);
        match target {
            Some(t) if t != i => {
                to.insert(i, t);
                from.insert(t, i);
            }
            _ => {
                let span = locate(&page.source, page.yaml.clone(), "easy_read", Some(slug));
                let siblings = pages
                    .iter()
                    .filter(|p| p.section == page.section)
                    .map(|p| p.slug.as_str());
                let help = match did_you_mean(slug, siblings) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "write the file name (without .md) of the easy-to-read page, in the same folder".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "unknown-page",
                        &page.file,
                        format!("no other page of this section is called `{slug}`"),
                    )
                    .at(&page.source, span)
                    .help(help),
                );
            }
        }
    }
    (to, from)
}

/// A page without a title would publish an empty heading and an empty link in every list.
fn check_titles(
    pages: &[Page],
    sections: &[crate::model::content::Section],
    diagnostics: &mut Diagnostics,
) {
    let empty_pages = pages
        .iter()
        .filter(|p| p.meta.title.trim().is_empty())
        .map(|p| (&p.file, &p.source, p.yaml.clone()));
    for (file, source, yaml) in empty_pages {
        let span = locate(source, yaml, "title", None);
        diagnostics.push(
            Diagnostic::error("missing-field", file, "the title is empty")
                .at(source, span)
                .help("write the page's title after `title:`, in quotes if it contains `:`"),
        );
    }
    for s in sections
        .iter()
        .filter(|s| !s.path.is_empty() && s.title.trim().is_empty())
    {
        diagnostics.push(
            Diagnostic::error("missing-field", &s.file, "the section title is empty")
                .at_line(2, 1)
                .help("write the section's title after `title:` in its `_index.md`"),
        );
    }
}

fn check_dates(pages: &[Page], diagnostics: &mut Diagnostics) {
    for page in pages {
        let at = |key: &str| locate(&page.source, page.yaml.clone(), key, None);
        match &page.data {
            KindData::Event(e) => {
                if let Some(end) = e.end {
                    if end.date() < e.start.date()
                        || (end < e.start && end.time().is_some() && e.start.time().is_some())
                    {
                        diagnostics.push(
                            Diagnostic::error(
                                "end-before-start",
                                &page.file,
                                format!("the event ends ({end}) before it starts ({})", e.start),
                            )
                            .at(&page.source, at("end"))
                            .help("check both dates; for a one-day event you can leave `end` out"),
                        );
                    }
                }
            }
            KindData::Convention(c) => {
                if let (Some(signed), Some(effective)) = (c.signed, c.effective) {
                    if (signed.0 - effective.0).num_days() > 365 {
                        diagnostics.push(
                            Diagnostic::error("convention-dates", &page.file, format!("the convention takes effect ({effective}) more than a year before it was signed ({signed})"))
                                .at(&page.source, at("effective"))
                                .help("check the years of `signed` and `effective`"),
                        );
                    }
                }
                let period = if c.renewal == crate::model::frontmatter::Renewal::Tacit {
                    c.renewal_months.or(c.duration_months)
                } else {
                    c.duration_months
                };
                if let (Some(notice), Some(period)) = (c.notice_months, period) {
                    if notice >= period {
                        diagnostics.push(
                            Diagnostic::error("convention-dates", &page.file, format!("the notice ({notice} months) is not shorter than the period it applies to ({period} months)"))
                                .at(&page.source, at("notice_months"))
                                .help("check `notice_months`, `duration_months` and `renewal_months` against the text of the convention"),
                        );
                    }
                }
                if c.renewal == crate::model::frontmatter::Renewal::None
                    && c.renewal_months.is_some()
                {
                    diagnostics.push(
                        Diagnostic::warning("convention-dates", &page.file, "`renewal_months` is set but `renewal` is not `tacit`")
                            .at(&page.source, at("renewal_months"))
                            .help("write `renewal: tacit` if the convention renews itself, or remove `renewal_months`"),
                    );
                }
            }
            _ => {}
        }
    }
}

/// The link check of [`validate`], kept between two edits by `serve`'s incremental rebuild:
/// after the body of one page changed, its links are checked again against the addresses and
/// anchors of the whole site, without walking every page.
pub struct LinkCheck {
    known: KnownUrls,
}

impl LinkCheck {
    /// The addresses and anchors of a site that passed [`validate`].
    pub fn new(site: &Site) -> LinkCheck {
        // A validated site claims no address twice: no diagnostic can come out of this.
        let mut none = Diagnostics::default();
        let known = known_urls(
            &site.config,
            &site.sections,
            &site.pages,
            &site.taxonomies,
            &site.assets,
            &mut none,
        );
        LinkCheck { known }
    }

    /// Takes the new anchors of the `edited` pages of `pages` (at the same addresses as
    /// before). Returns `false` when an anchor one of them offered before is gone: links of
    /// any page may point to it.
    pub fn take_anchors(&mut self, pages: &[Page], edited: &[usize]) -> bool {
        let mut kept = true;
        for page in edited.iter().map(|&index| &pages[index]) {
            kept &= self
                .known
                .anchors
                .get(&page.url)
                .is_some_and(|before| before.is_subset(&page.markdown.anchors));
            self.known
                .anchors
                .insert(page.url.clone(), page.markdown.anchors.clone());
        }
        kept
    }

    /// Checks the links of `page` as [`validate`] does.
    pub fn check_page(&self, page: &Page, diagnostics: &mut Diagnostics) {
        check_links(
            &page.file,
            &page.url,
            &page.markdown.links,
            &self.known,
            diagnostics,
        );
    }
}

/// Every root-relative URL of the site, with the anchors each page offers.
struct KnownUrls {
    anchors: HashMap<String, HashSet<String>>,
}

fn known_urls(
    config: &Config,
    sections: &[crate::model::content::Section],
    pages: &[Page],
    taxonomies: &[Taxonomy],
    assets: &[crate::model::content::Asset],
    diagnostics: &mut Diagnostics,
) -> KnownUrls {
    let mut anchors: HashMap<String, HashSet<String>> = HashMap::new();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut claim =
        |url: String, file: &str, ids: HashSet<String>, diagnostics: &mut Diagnostics| {
            if let Some(other) = owner.get(&url) {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-url",
                        file,
                        format!("`{url}` is also the address of {other}"),
                    )
                    .help("rename one of the two files or folders"),
                );
                return;
            }
            owner.insert(url.clone(), file.to_string());
            anchors.insert(url, ids);
        };
    for output in Output::ALL {
        for url in output.reserved_urls(config) {
            let what = if url.ends_with('/') || url.ends_with(".html") {
                "(generated page)"
            } else {
                "(generated file)"
            };
            claim(url.to_string(), what, HashSet::new(), diagnostics);
        }
    }
    for t in taxonomies {
        claim(
            format!("/{}/", t.kind.path()),
            "(taxonomy page)",
            HashSet::new(),
            diagnostics,
        );
        for term in &t.terms {
            claim(
                t.term_url(&term.slug),
                "(taxonomy page)",
                HashSet::new(),
                diagnostics,
            );
        }
    }
    for s in sections {
        claim(
            s.url.clone(),
            &s.file,
            s.markdown.anchors.clone(),
            diagnostics,
        );
    }
    for p in pages {
        claim(
            p.url.clone(),
            &p.file,
            p.markdown.anchors.clone(),
            diagnostics,
        );
        for output in Output::ALL {
            if let Some(file) = output.file_beside(p.kind()) {
                claim(
                    format!("{}{file}", p.url),
                    &p.file,
                    HashSet::new(),
                    diagnostics,
                );
            }
        }
    }
    for a in assets {
        anchors.insert(format!("/{}", a.output), HashSet::new());
    }
    KnownUrls { anchors }
}

fn check_links(
    file: &str,
    page_url: &str,
    links: &[crate::model::content::LinkRef],
    known: &KnownUrls,
    diagnostics: &mut Diagnostics,
) {
    for link in links {
        let dest = link.dest.trim();
        if dest.is_empty()
            || dest.contains("://")
            || dest.starts_with("//")
            || dest.contains(':') && !dest.starts_with('/') && !dest.starts_with('#')
        {
            continue; // external, mailto:, tel:
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let target = if path.is_empty() {
            page_url.to_string()
        } else {
            resolve(page_url, path)
        };
        let target_with_slash = if target.ends_with('/')
            || target.rsplit('/').next().is_some_and(|l| l.contains('.'))
        {
            target.clone()
        } else {
            format!("{target}/")
        };
        let found = known
            .anchors
            .get(&target)
            .or_else(|| known.anchors.get(&target_with_slash));
        match (found, anchor) {
            (None, _) => diagnostics.push(
                Diagnostic::error("broken-link", file, format!("the link `{dest}` points to no page of the site"))
                    .at_position(link.span.clone(), link.line, link.column)
                    .help(format!("check the address; internal links are written from the site root, like `/droits/handicap/`{}", suggest_url(&target_with_slash, known))),
            ),
            (Some(ids), Some(anchor)) if !anchor.is_empty() && !ids.contains(anchor) => {
                let help = match did_you_mean(anchor, ids.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `#{s}`? Anchors are made from the heading text"),
                    None => "anchors are made from the heading text: `## Que faire ?` is `#que-faire`".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error("broken-anchor", file, format!("the page `{target}` has no heading with the id `{anchor}`"))
                        .at_position(link.span.clone(), link.line, link.column)
                        .help(help),
                );
            }
            _ => {}
        }
    }
}

fn suggest_url(target: &str, known: &KnownUrls) -> String {
    if target
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        return " (files such as images go in `static/` and are linked from the root: `/images/affiche.png`)".to_string();
    }
    did_you_mean(target, known.anchors.keys().map(String::as_str))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// Resolves a link against the page's URL, as a browser would.
fn resolve(page_url: &str, path: &str) -> String {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        page_url
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect()
    };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut url = format!("/{}", parts.join("/"));
    if path.ends_with('/') && url != "/" {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of the section "" as `load` gives it: front matter parsed, body converted.
    fn page(file: &str, slug: &str, text: &str) -> Page {
        let split = crate::model::frontmatter::split(file, text).unwrap();
        let (meta, data) = crate::model::frontmatter::parse_page(Kind::Page, split.yaml).unwrap();
        let options = crate::load::markdown::MarkdownOptions {
            allow_html: false,
            base_path: "/",
            links: None,
            table_label: "Tableau",
        };
        Page {
            file: file.into(),
            source: std::sync::Arc::from(text),
            yaml: split.yaml_offset..split.yaml_offset + split.yaml.len(),
            section: 0,
            slug: slug.into(),
            url: format!("/{slug}/"),
            lang: Lang::DEFAULT,
            key: file.into(),
            meta,
            data,
            markdown: crate::load::markdown::render(file, text, split.body_offset, &options),
        }
    }

    fn validate_pages(pages: Vec<Page>) -> (Site, Diagnostics) {
        let config: Config =
            serde_yaml_ng::from_str("title: t\nbase_url: https://a.org\n").unwrap();
        let home = crate::model::content::Section {
            file: "content/_index.md".into(),
            path: String::new(),
            url: "/".into(),
            title: "Accueil".into(),
            summary: None,
            kind: Kind::Page,
            updated: None,
            markdown: Default::default(),
            parent: None,
            lang: Lang::DEFAULT,
        };
        let content = Content {
            answer_texts: Vec::new(),
            sections: vec![home],
            pages,
            assets: vec![],
            translated: Vec::new(),
        };
        let mut d = Diagnostics::default();
        // As `load` does, to quote the lines of the diagnostics.
        for page in &content.pages {
            d.add_source(&page.file, page.source.clone());
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let options = ValidateOptions {
            root: ".".into(),
            today,
            drafts: false,
        };
        let site = validate(config, content, options, &mut d);
        (site, d)
    }

    #[test]
    fn empty_titles_are_errors() {
        let text = "---\ntitle: \"\"\n---\n";
        let (_, d) = validate_pages(vec![page("content/a.md", "a", text)]);
        let e = d
            .items
            .iter()
            .find(|d| d.message == "the title is empty")
            .expect("reported");
        assert_eq!((e.line, e.code), (2, "missing-field"));
    }

    #[test]
    fn resolves_relative_links_like_a_browser() {
        assert_eq!(resolve("/droits/age/", "/guide/agir/"), "/guide/agir/");
        assert_eq!(resolve("/droits/age/", "../handicap/"), "/droits/handicap/");
        assert_eq!(resolve("/droits/age/", "../../"), "/");
        assert_eq!(resolve("/droits/age/", "/../../etc/passwd"), "/etc/passwd");
    }
}
