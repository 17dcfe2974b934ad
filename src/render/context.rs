//! What each template receives: one `Serialize` struct per template value, borrowed from the
//! `Site`. This is the contract with theme authors (README, "Templates"); the snapshot tests at
//! the end of this file show each context on the bundled guide.
//!
//! Every template gets `site`, `breadcrumbs`, `current_url` and `permalink` ([`Frame`]), plus:
//! `section` (home, section, agenda and conventions templates), `page` (one template per kind),
//! `taxonomy` (`taxonomy.html`), `term` (`term.html`), `title` and `map` (generated pages), `urls`
//! (`sitemap.xml`, `robots.txt`). URLs already carry the site's base path.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::model::config::{AccessibilityContact, Conformance, Legal};
use crate::model::content::Heading;
use crate::model::conventions::Status;
use crate::model::dates::EventTime;
use crate::model::frontmatter::{
    Address, ContactStatus, Hours, KindData, Location, Recurrence, Reference, Renewal,
};
use crate::model::kinds::Kind;
use crate::model::language::Lang;
use crate::model::output::CSP_META;
use crate::model::packed::PackedText;
use crate::model::site::Site;
use crate::model::taxonomy::TaxonomyKind;

use super::i18n::Messages;
use super::{agenda, conventions, figures, jsonld};

/// The catalogue and the language of the pages being rendered: every word a context writes
/// (dates, statuses, kinds, "prochaine fois"…) goes through it, so that a page is in one language.
#[derive(Clone, Copy)]
pub struct Say<'m> {
    pub messages: &'m Messages,
    pub lang: crate::model::language::Lang,
}

impl<'m> Say<'m> {
    pub fn new(messages: &'m Messages, site: &Site) -> Self {
        Say {
            messages,
            lang: site.lang,
        }
    }

    pub fn text(&self, key: &str) -> String {
        self.messages.text(self.lang, key)
    }

    /// The message `key` with its variables (text values, not markup: contexts are escaped by
    /// the templates).
    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.to_string());
        }
        self.messages
            .get(self.lang, key, Some(&fluent))
            .unwrap_or_else(|| key.to_string())
    }

    pub fn date(&self, date: NaiveDate) -> String {
        self.messages.date(self.lang, date)
    }
}

/// The values every template receives, around its own.
#[derive(Serialize)]
pub struct Frame<'a, T: Serialize> {
    pub site: &'a SiteContext<'a>,
    pub breadcrumbs: Vec<Link<'a>>,
    pub current_url: String,
    pub permalink: String,
    /// This file in each language it exists in (empty when only in one): `hreflang` links
    /// and the language switcher. The first is the default language (`x-default`).
    pub alternates: Vec<Alternate>,
    /// On a translated page: its original.
    pub translation: Option<TranslationNote>,
    #[serde(flatten)]
    pub values: T,
}

impl<'a, T: Serialize> Frame<'a, T> {
    /// What this frame's fingerprint is made of: its values, with the fingerprint `site` of
    /// the site's values in their place (they are the same for every file, and long), and
    /// `values`, when given, the fingerprint of the template's own values, made once for
    /// several files that share them.
    pub fn fingerprinted(&self, site: u64, values: Option<u64>) -> FingerprintedFrame<'_, T> {
        FingerprintedFrame {
            site,
            breadcrumbs: &self.breadcrumbs,
            current_url: &self.current_url,
            permalink: &self.permalink,
            alternates: &self.alternates,
            translation: &self.translation,
            values: match values {
                Some(fingerprint) => FingerprintedValues::Fingerprint(fingerprint),
                None => FingerprintedValues::Values(&self.values),
            },
        }
    }
}

/// A [`Frame`] as fingerprinted: see [`Frame::fingerprinted`].
#[derive(Serialize)]
pub struct FingerprintedFrame<'f, T: Serialize> {
    site: u64,
    breadcrumbs: &'f [Link<'f>],
    current_url: &'f str,
    permalink: &'f str,
    alternates: &'f [Alternate],
    translation: &'f Option<TranslationNote>,
    values: FingerprintedValues<'f, T>,
}

#[derive(Serialize)]
enum FingerprintedValues<'f, T: Serialize> {
    Values(&'f T),
    Fingerprint(u64),
}

/// One language version of a file.
#[derive(Serialize)]
pub struct Alternate {
    /// `en`.
    pub lang: String,
    /// The language's own name: "English".
    pub name: String,
    pub dir: &'static str,
    pub url: String,
    pub permalink: String,
    /// The version being rendered.
    pub current: bool,
}

/// Where a translation comes from, and when it was made.
#[derive(Serialize)]
pub struct TranslationNote {
    pub lang: String,
    pub language: String,
    pub url: String,
    /// The translation's `updated` date, in words of its language.
    pub date: Option<String>,
}

/// `site`: the configuration as templates need it.
#[derive(Serialize)]
pub struct SiteContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The code of the language of the pages being rendered: `fr`, `en`.
    pub language: &'a str,
    /// Its writing direction, `ltr` or `rtl`, for `<html dir>`.
    pub dir: &'static str,
    /// The site has several languages (pages then link `languages.css`).
    pub multilingual: bool,
    pub base_url: &'a str,
    /// Where the site's files are (styles, scripts, feeds of the default language): `/`.
    pub base_path: String,
    /// Where this language's pages are: `/` for the default language, `/en/` for English.
    pub home_path: String,
    pub menu: Vec<MenuLink<'a>>,
    /// "Today" of the build, `YYYY-MM-DD`, and in French words.
    pub today: String,
    pub today_label: String,
    pub accessibility: AccessibilityContext<'a>,
    pub legal: &'a Legal,
    /// Top-level sections, for the navigation.
    pub sections: Vec<Link<'a>>,
    pub home_title: &'a str,
    /// The Content-Security-Policy for the `<meta>` of every page.
    pub csp: &'static str,
}

#[derive(Serialize)]
pub struct MenuLink<'a> {
    pub label: &'a str,
    pub url: String,
    /// The language of the page it leads to and of its label, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    /// The language of the label, when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_lang: Option<&'a str>,
    /// As written in `balise.yaml`, without the base path (to mark the current entry).
    pub path: &'a str,
}

#[derive(Serialize)]
pub struct AccessibilityContext<'a> {
    pub status: Conformance,
    pub label: String,
    pub rate: Option<f64>,
    pub audit_date: Option<String>,
    pub non_conformities: &'a [String],
    pub derogations: &'a [String],
    pub exempt: &'a [String],
    pub contact: &'a AccessibilityContact,
    pub plan: Option<&'a str>,
}

/// A title and where it leads (breadcrumbs, navigation, related pages).
#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
    /// The language of the page it leads to (and of its title), when it is not the language
    /// of the page that shows the link: the link is then marked `lang` and `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DateValue {
    pub iso: String,
    /// In words of the page's language: "17 mai 2027", "17 May 2027".
    pub label: String,
}

impl DateValue {
    pub fn new(date: NaiveDate, say: Say) -> Self {
        DateValue {
            iso: date.format("%Y-%m-%d").to_string(),
            label: say.date(date),
        }
    }
}

#[derive(Serialize)]
pub struct TermLink<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// What a list shows of a page: title, link, summary and the one date or state that matters for
/// its kind.
#[derive(Serialize)]
pub struct PageSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    /// `right`, `contact`, `convention`, `event` or `page`.
    pub kind: &'static str,
    pub slug: &'a str,
    /// The language of the page it leads to (and of its title and summary), when it is not
    /// the language of the page that shows it: marked `lang` and `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    #[serde(flatten)]
    pub of_kind: SummaryOfKind,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum SummaryOfKind {
    Event {
        /// In French words: "le 17 mai 2027, chaque année".
        when: String,
        start: String,
        upcoming: bool,
        /// The next occurrence on or after today, if any.
        next: Option<DateValue>,
        ics_url: String,
    },
    Convention {
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<StatusValue>,
    },
    Contact {
        dissolved: bool,
    },
    Other {},
}

#[derive(Serialize)]
pub struct StatusValue {
    pub code: &'static str,
    pub label: String,
}

impl StatusValue {
    pub fn new(status: Status, say: Say) -> Self {
        StatusValue {
            code: status.code(),
            label: say.text(&format!("status-{}", status.code())),
        }
    }
}

/// A contact as shown on the pages that send readers to it.
#[derive(Serialize)]
pub struct ContactCard<'a> {
    #[serde(flatten)]
    pub summary: PageSummary<'a>,
    #[serde(flatten)]
    pub details: ContactDetails<'a>,
}

#[derive(Serialize)]
pub struct ContactDetails<'a> {
    pub phone: Option<&'a str>,
    pub phone_href: Option<String>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub address: Option<&'a Address>,
    /// The body that took over a dissolved one.
    pub successor: Option<Link<'a>>,
}

/// `page`: everything a page template shows.
#[derive(Serialize)]
pub struct PageContext<'a> {
    #[serde(flatten)]
    pub summary: PageSummary<'a>,
    pub section: Link<'a>,
    /// The page body as HTML: set by the renderer once the page is known to need a render
    /// (absent from fingerprints, which take its digest, and from the snapshots of contexts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<&'a PackedText>,
    /// Level-2 headings, for the table of contents.
    pub toc: Vec<&'a Heading>,
    pub updated: Option<DateValue>,
    pub criteria: Vec<TermLink<'a>>,
    pub domains: Vec<TermLink<'a>>,
    pub territories: Vec<TermLink<'a>>,
    /// The easy-to-read version of this page, or the page this one is the easy-to-read version of.
    pub easy_read: Option<Link<'a>>,
    pub easy_read_of: Option<Link<'a>>,
    /// Bar charts (`svg`) with their data tables.
    pub figures: Vec<Value>,
    /// schema.org data for the `<script type="application/ld+json">`, already script-safe.
    pub jsonld: Option<String>,
    #[serde(flatten)]
    pub of_kind: PageOfKind<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum PageOfKind<'a> {
    Right {
        contacts: Vec<ContactCard<'a>>,
        references: &'a [Reference],
    },
    Contact {
        #[serde(flatten)]
        details: ContactDetails<'a>,
        hours: Vec<HoursRow>,
        status: ContactStatus,
        vcard_url: String,
        /// Rights pages that send readers to this contact.
        helps_with: Vec<PageSummary<'a>>,
    },
    Convention {
        parties: Vec<PartyValue<'a>>,
        signed: Option<DateValue>,
        effective: Option<DateValue>,
        duration_months: Option<u32>,
        renewal: Renewal,
        /// Length of each renewal: `renewal_months`, else the initial duration.
        renewal_months: Option<u32>,
        notice_months: Option<u32>,
        document: Option<&'a str>,
        #[serde(flatten)]
        timeline: Option<TimelineValue>,
    },
    Event {
        location: Option<&'a Location>,
        event_url: Option<&'a str>,
        recurrence: Option<Recurrence>,
        organisers: Vec<ContactCard<'a>>,
        start_iso: String,
        end_iso: Option<String>,
    },
    Page {},
}

#[derive(Serialize)]
pub struct HoursRow {
    /// "lundi, mardi".
    pub days: String,
    pub open: String,
    pub close: String,
}

#[derive(Serialize)]
pub struct PartyValue<'a> {
    pub name: &'a str,
    pub signatory: Option<&'a str>,
    pub contact: Option<Link<'a>>,
}

/// A convention's dates on the build's "today".
#[derive(Serialize)]
pub struct TimelineValue {
    pub period_end: Option<DateValue>,
    pub notice_deadline: Option<DateValue>,
    pub notice_passed: bool,
    pub next_renewal: Option<DateValue>,
}

/// `section`: a section page (and the home page).
#[derive(Serialize)]
pub struct SectionContext<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub content: Cow<'a, str>,
    pub kind: &'static str,
    pub url: String,
    pub subsections: Vec<SubsectionLink<'a>>,
    pub pages: Vec<PageSummary<'a>>,
    /// Home page and agenda: events to come (by date) and past ones by year, most recent first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upcoming: Option<Vec<PageSummary<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub past_by_year: Option<Vec<YearOfEvents<'a>>>,
    /// Agenda: the month tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Value>,
    /// Conventions: the SVG timeline and the filters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filters: Option<Value>,
}

#[derive(Serialize)]
pub struct SubsectionLink<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    /// The language of the page it leads to (and of its title and summary), when it is not
    /// the language of the page that shows it: marked `lang` and `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

#[derive(Serialize)]
pub struct YearOfEvents<'a> {
    pub pages: Vec<PageSummary<'a>>,
    pub year: String,
}

/// `taxonomy`: the list of a taxonomy's terms.
#[derive(Serialize)]
pub struct TaxonomyContext<'a> {
    pub title: String,
    pub key: &'static str,
    pub terms: Vec<TermCount<'a>>,
}

#[derive(Serialize)]
pub struct TermCount<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

/// `term`: the pages of one term, grouped by kind.
#[derive(Serialize)]
pub struct TermContext<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub taxonomy: String,
    pub taxonomy_url: String,
    pub singular: String,
    pub count: usize,
    pub groups: Vec<KindGroup<'a>>,
}

#[derive(Serialize)]
pub struct KindGroup<'a> {
    pub kind: &'static str,
    pub label: String,
    pub pages: Vec<PageSummary<'a>>,
}

/// `map`: sections with their pages, for the site map (given to every generated page).
#[derive(Serialize)]
pub struct SiteMap<'a> {
    pub sections: Vec<MapSection<'a>>,
    pub home_pages: Vec<Link<'a>>,
    pub taxonomies: Vec<TitledUrl>,
}

#[derive(Serialize)]
pub struct MapSection<'a> {
    pub title: &'a str,
    pub url: String,
    /// The language of the page it leads to (and of its title and summary), when it is not
    /// the language of the page that shows it: marked `lang` and `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    pub pages: Vec<Link<'a>>,
}

/// One entry of `urls` (sitemap and robots.txt).
#[derive(Serialize)]
pub struct UrlEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Every language's version of the URL, `x-default` last, when the site has several
    /// languages (`xhtml:link rel="alternate"` in the sitemap); else empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<AlternateLink>,
}

/// One `<xhtml:link rel="alternate" hreflang href>` of the sitemap.
#[derive(Serialize, Clone)]
pub struct AlternateLink {
    pub hreflang: String,
    pub href: String,
}

/// Right pages that send readers to each contact, by contact slug
/// ([`Site::referrers_by_contact`], computed once per render).
pub type Referrers<'a> = HashMap<&'a str, Vec<usize>>;

pub fn site_context<'a>(site: &'a Site, messages: &super::i18n::Messages) -> SiteContext<'a> {
    let c = &site.config;
    let a = &c.accessibility;
    let language = site.language();
    SiteContext {
        title: &c.title,
        description: c.description.as_deref(),
        language: language.code.as_str(),
        dir: language.dir.name(),
        multilingual: c.languages.len() > 1,
        base_url: &c.base_url,
        base_path: c.base_path(),
        home_path: site.href(&site.localized("/")),
        menu: c
            .menu
            .iter()
            .map(|m| {
                let (url, lang) = site.localized_link(&m.path);
                let label = m.label_in(language.code.as_str());
                MenuLink {
                    label,
                    url: site.href(&url),
                    path: &m.path,
                    lang,
                    // The label is in the default language when the menu item has no
                    // translation into this one.
                    label_lang: (!site.lang.is_default() && label == m.label)
                        .then(|| c.lang(crate::model::language::Lang::DEFAULT).code.as_str()),
                }
            })
            .collect(),
        today: site.today.format("%Y-%m-%d").to_string(),
        today_label: messages.date(site.lang, site.today),
        accessibility: AccessibilityContext {
            status: a.status,
            label: messages.text(site.lang, conformance_key(a.status)),
            rate: a.rate,
            audit_date: a.audit_date.map(|d| messages.date(site.lang, d.0)),
            non_conformities: &a.non_conformities,
            derogations: &a.derogations,
            exempt: &a.exempt,
            contact: &a.contact,
            plan: a.plan.as_deref(),
        },
        legal: &c.legal,
        sections: site
            .sections
            .iter()
            .skip(1)
            .filter(|s| s.parent == Some(0))
            .map(|s| link(site, &s.title, &s.url))
            .collect(),
        home_title: if site.home().title.is_empty() {
            &c.title
        } else {
            &site.home().title
        },
        csp: CSP_META,
    }
}

/// The message of a conformance status, "partiellement conforme".
fn conformance_key(status: Conformance) -> &'static str {
    match status {
        Conformance::Non => "conformance-non",
        Conformance::Partiellement => "conformance-partiellement",
        Conformance::Totalement => "conformance-totalement",
    }
}

pub fn link<'a>(site: &Site, title: &'a str, url: &str) -> Link<'a> {
    Link {
        title,
        url: site.href(url),
        lang: None,
    }
}

fn page_link(site: &Site, index: usize) -> Link<'_> {
    let page = &site.pages[index];
    let mut l = link(site, &page.meta.title, &page.url);
    if page.lang != site.lang {
        l.lang = Some(site.config.lang(page.lang).code.as_str());
    }
    l
}

fn terms<'a>(site: &'a Site, kind: TaxonomyKind, slugs: &[String]) -> Vec<TermLink<'a>> {
    let taxonomy = site.taxonomy(kind);
    slugs
        .iter()
        .filter_map(|s| taxonomy.term(s))
        .map(|t| TermLink {
            slug: &t.slug,
            name: &t.name,
            url: site.href(&taxonomy.term_url(&t.slug)),
        })
        .collect()
}

pub fn page_summary<'a>(site: &'a Site, index: usize, say: Say) -> PageSummary<'a> {
    let page = &site.pages[index];
    let of_kind = match &page.data {
        KindData::Event(e) => {
            let next = site.next_occurrences.get(&index).copied();
            // A yearly event is listed with its next date, not the year it began.
            let by = match (e.recurrence, next) {
                (Some(Recurrence::Yearly), Some(next)) => next - e.start.date(),
                _ => chrono::TimeDelta::zero(),
            };
            SummaryOfKind::Event {
                when: event_when(
                    e.start.shifted(by),
                    e.end.map(|t| t.shifted(by)),
                    e.recurrence,
                    say,
                ),
                start: e.start.date().format("%Y-%m-%d").to_string(),
                upcoming: next.is_some(),
                next: next.map(|d| DateValue::new(d, say)),
                ics_url: site.href(&format!("{}event.ics", page.url)),
            }
        }
        KindData::Convention(_) => SummaryOfKind::Convention {
            status: site
                .timelines
                .get(&index)
                .map(|t| StatusValue::new(t.status, say)),
        },
        KindData::Contact(c) => SummaryOfKind::Contact {
            dissolved: c.status == ContactStatus::Dissolved,
        },
        _ => SummaryOfKind::Other {},
    };
    PageSummary {
        title: &page.meta.title,
        url: site.href(&page.url),
        summary: page.meta.summary.as_deref(),
        kind: page.kind().name(),
        slug: &page.slug,
        lang: other_lang(site, page.lang),
        of_kind,
    }
}

/// The code of `lang` when it is not the language of the pages being rendered (a page or
/// section shown in its original language because it has no translation).
fn other_lang(site: &Site, lang: crate::model::language::Lang) -> Option<&str> {
    (lang != site.lang).then(|| site.config.lang(lang).code.as_str())
}

pub fn event_when(
    start: EventTime,
    end: Option<EventTime>,
    recurrence: Option<Recurrence>,
    say: Say,
) -> String {
    let time = |t: EventTime| {
        t.time().map(|t| {
            let hour = t.format("%H").to_string();
            let minutes = t.format("%M").to_string();
            if minutes == "00" {
                say.with("time-hour", &[("hour", &hour)])
            } else {
                say.with(
                    "time-hour-minutes",
                    &[("hour", &hour), ("minutes", &minutes)],
                )
            }
        })
    };
    let date = |t: EventTime| say.date(t.date());
    let mut text = match (start, end) {
        (s, Some(e)) if e.date() != s.date() => {
            say.with("when-from-to", &[("start", &date(s)), ("end", &date(e))])
        }
        (s, Some(e)) => match (time(s), time(e)) {
            (Some(a), Some(b)) => say.with(
                "when-day-from-to",
                &[("date", &date(s)), ("from", &a), ("to", &b)],
            ),
            (Some(a), None) => say.with("when-day-at", &[("date", &date(s)), ("time", &a)]),
            _ => say.with("when-day", &[("date", &date(s))]),
        },
        (s, None) => match time(s) {
            Some(a) => say.with("when-day-at", &[("date", &date(s)), ("time", &a)]),
            None => say.with("when-day", &[("date", &date(s))]),
        },
    };
    if recurrence == Some(Recurrence::Yearly) {
        text = say.with("when-yearly", &[("when", &text)]);
    }
    text
}

fn contact_details<'a>(
    site: &'a Site,
    c: &'a crate::model::frontmatter::Contact,
) -> ContactDetails<'a> {
    ContactDetails {
        phone: c.phone.as_deref(),
        phone_href: c.phone_href(),
        email: c.email.as_deref(),
        website: c.website.as_deref(),
        address: c.address.as_ref(),
        successor: c
            .successor
            .as_deref()
            .and_then(|s| site.contacts.get(s))
            .map(|i| page_link(site, *i)),
    }
}

fn contact_card<'a>(site: &'a Site, slug: &str, say: Say) -> Option<ContactCard<'a>> {
    let index = *site.contacts.get(slug)?;
    let KindData::Contact(c) = &site.pages[index].data else {
        return None;
    };
    Some(ContactCard {
        summary: page_summary(site, index, say),
        details: contact_details(site, c),
    })
}

fn hours_rows(hours: &[Hours], say: Say) -> Vec<HoursRow> {
    hours
        .iter()
        .map(|h| {
            let days: Vec<String> = h
                .days
                .iter()
                .map(|d| say.text(&format!("weekday-{}", *d as usize + 1)))
                .collect();
            let time = |t: chrono::NaiveTime| {
                let hour = t.format("%H").to_string();
                let minutes = t.format("%M").to_string();
                say.with(
                    "time-hour-minutes",
                    &[("hour", &hour), ("minutes", &minutes)],
                )
            };
            HoursRow {
                days: days.join(", "),
                open: time(h.open.0),
                close: time(h.close.0),
            }
        })
        .collect()
}

/// The `page` of a page template, without its body (`content`), which the renderer adds.
pub fn page_context<'a>(
    site: &'a Site,
    index: usize,
    referrers: &Referrers,
    say: Say,
) -> PageContext<'a> {
    let page = &site.pages[index];
    let section = &site.sections[page.section];
    let of_kind = match &page.data {
        KindData::Right(r) => PageOfKind::Right {
            contacts: r
                .contacts
                .iter()
                .filter_map(|s| contact_card(site, s, say))
                .collect(),
            references: &r.references,
        },
        KindData::Contact(c) => PageOfKind::Contact {
            details: contact_details(site, c),
            hours: hours_rows(&c.hours, say),
            status: c.status,
            vcard_url: site.href(&format!("{}contact.vcf", page.url)),
            helps_with: referrers
                .get(page.slug.as_str())
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|i| page_summary(site, *i, say))
                .collect(),
        },
        KindData::Convention(c) => PageOfKind::Convention {
            parties: c
                .parties
                .iter()
                .map(|p| PartyValue {
                    name: &p.name,
                    signatory: p.signatory.as_deref(),
                    contact: p
                        .contact
                        .as_deref()
                        .and_then(|s| site.contacts.get(s))
                        .map(|i| page_link(site, *i)),
                })
                .collect(),
            signed: c.signed.map(|d| DateValue::new(d.0, say)),
            effective: c.effective.map(|d| DateValue::new(d.0, say)),
            duration_months: c.duration_months,
            renewal: c.renewal,
            renewal_months: c.renewal_months.or(c.duration_months),
            notice_months: c.notice_months,
            document: c.document.as_deref(),
            timeline: site.timelines.get(&index).map(|t| TimelineValue {
                period_end: t.period_end.map(|d| DateValue::new(d, say)),
                notice_deadline: t.notice_deadline.map(|d| DateValue::new(d, say)),
                notice_passed: t.notice_deadline.is_some_and(|d| d < site.today),
                next_renewal: t.next_renewal.map(|d| DateValue::new(d, say)),
            }),
        },
        KindData::Event(e) => PageOfKind::Event {
            location: e.location.as_ref(),
            event_url: e.url.as_deref(),
            recurrence: e.recurrence,
            organisers: e
                .organisers
                .iter()
                .filter_map(|s| contact_card(site, s, say))
                .collect(),
            start_iso: e.start.to_string(),
            end_iso: e.end.map(|e| e.to_string()),
        },
        KindData::Page(_) => PageOfKind::Page {},
    };
    PageContext {
        summary: page_summary(site, index, say),
        section: link(site, &section.title, &section.url),
        content: None,
        toc: page
            .markdown
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .collect(),
        updated: page.meta.updated.map(|d| DateValue::new(d.0, say)),
        criteria: terms(site, TaxonomyKind::Criteria, &page.meta.criteria),
        domains: terms(site, TaxonomyKind::Domains, &page.meta.domains),
        territories: terms(site, TaxonomyKind::Territories, &page.meta.territories),
        easy_read: site.easy_read.get(&index).map(|i| page_link(site, *i)),
        easy_read_of: site.easy_read_of.get(&index).map(|i| page_link(site, *i)),
        figures: page
            .meta
            .figures
            .iter()
            .map(figures::figure_value)
            .collect(),
        jsonld: jsonld::for_page(site, index),
        of_kind,
    }
}

pub fn section_context<'a>(site: &'a Site, index: usize, say: Say) -> SectionContext<'a> {
    let section = &site.sections[index];
    let mut context = SectionContext {
        title: if index == 0 && section.title.is_empty() {
            &site.config.title
        } else {
            &section.title
        },
        summary: section.summary.as_deref(),
        content: section.markdown.html.unpack(),
        kind: section.kind.name(),
        url: site.href(&section.url),
        subsections: site
            .sections
            .iter()
            .enumerate()
            .filter(|(i, s)| s.parent == Some(index) && *i != index)
            .map(|(_, s)| SubsectionLink {
                title: &s.title,
                url: site.href(&s.url),
                summary: s.summary.as_deref(),
                lang: other_lang(site, s.lang),
            })
            .collect(),
        pages: site.section_pages[index]
            .iter()
            .map(|i| page_summary(site, *i, say))
            .collect(),
        upcoming: None,
        past_by_year: None,
        calendar: None,
        timeline: None,
        filters: None,
    };
    if section.kind == Kind::Event || index == 0 {
        let (mut upcoming, past): (Vec<_>, Vec<_>) = site
            .pages_of_kind(Kind::Event)
            .filter(|(_, p)| index == 0 || p.section == index)
            .map(|(i, _)| (site.next_occurrences.get(&i).copied(), i))
            .partition(|(next, _)| next.is_some());
        upcoming.sort_by_key(|(next, _)| *next);
        context.upcoming = Some(
            upcoming
                .into_iter()
                .map(|(_, i)| page_summary(site, i, say))
                .collect(),
        );
        let mut by_year: BTreeMap<String, Vec<PageSummary>> = BTreeMap::new();
        for (_, i) in past {
            let KindData::Event(e) = &site.pages[i].data else {
                continue;
            };
            let year = e.start.date().format("%Y").to_string();
            by_year
                .entry(year)
                .or_default()
                .push(page_summary(site, i, say));
        }
        context.past_by_year = Some(
            by_year
                .into_iter()
                .rev()
                .map(|(year, pages)| YearOfEvents { pages, year })
                .collect(),
        );
    }
    if section.kind == Kind::Event {
        context.calendar = Some(agenda::calendar_value(site, say));
    }
    if section.kind == Kind::Convention {
        context.timeline = Some(figures::convention_timeline(site, index, say));
        context.filters = Some(conventions::filters(site, index, say));
    }
    context
}

pub fn taxonomy_context<'a>(site: &'a Site, kind: TaxonomyKind, say: Say) -> TaxonomyContext<'a> {
    let taxonomy = site.taxonomy(kind);
    TaxonomyContext {
        title: say.text(&format!("taxonomy-{}", kind.path())),
        key: kind.key(),
        terms: taxonomy
            .terms
            .iter()
            .map(|t| TermCount {
                slug: &t.slug,
                name: &t.name,
                url: site.href(&taxonomy.term_url(&t.slug)),
                count: t.pages.len(),
            })
            .collect(),
    }
}

pub fn term_context<'a>(
    site: &'a Site,
    kind: TaxonomyKind,
    term: usize,
    say: Say,
) -> TermContext<'a> {
    let taxonomy = site.taxonomy(kind);
    let term = &taxonomy.terms[term];
    TermContext {
        name: &term.name,
        slug: &term.slug,
        taxonomy: say.text(&format!("taxonomy-{}", kind.path())),
        taxonomy_url: site.href(&taxonomy.list_url()),
        singular: say.text(&format!("taxonomy-singular-{}", kind.path())),
        count: term.pages.len(),
        groups: Kind::ALL
            .into_iter()
            .filter_map(|kind| {
                let pages: Vec<PageSummary> = term
                    .pages
                    .iter()
                    .filter(|i| site.pages[**i].kind() == kind)
                    .map(|i| page_summary(site, *i, say))
                    .collect();
                (!pages.is_empty()).then(|| KindGroup {
                    kind: kind.name(),
                    label: say.text(&format!("kind-{}", kind.name())),
                    pages,
                })
            })
            .collect(),
    }
}

/// A link whose title is written for the page (a taxonomy's name in the page's language).
#[derive(Serialize)]
pub struct TitledUrl {
    pub title: String,
    pub url: String,
}

pub fn site_map<'a>(site: &'a Site, say: Say) -> SiteMap<'a> {
    let page_links = |pages: &[usize]| pages.iter().map(|p| page_link(site, *p)).collect();
    SiteMap {
        sections: site
            .sections
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, s)| MapSection {
                title: &s.title,
                url: site.href(&s.url),
                pages: page_links(&site.section_pages[i]),
                lang: other_lang(site, s.lang),
            })
            .collect(),
        home_pages: page_links(&site.section_pages[0]),
        taxonomies: TaxonomyKind::ALL
            .iter()
            .map(|k| TitledUrl {
                title: say.text(&format!("taxonomy-{}", k.path())),
                url: site.href(&site.taxonomy(*k).list_url()),
            })
            .collect(),
    }
}

pub fn all_urls(site: &Site) -> Vec<UrlEntry> {
    if !site.translations.is_empty() {
        return all_urls_of_languages(site);
    }
    let entry = |url: &str, lastmod: Option<String>| UrlEntry {
        loc: site.permalink(url),
        lastmod,
        alternates: Vec::new(),
    };
    let mut urls: Vec<UrlEntry> = site
        .sections
        .iter()
        .map(|s| entry(&s.url, s.updated.map(|d| d.to_string())))
        .collect();
    urls.extend(
        site.pages
            .iter()
            .map(|p| entry(&p.url, p.meta.updated.map(|d| d.to_string()))),
    );
    for kind in TaxonomyKind::ALL {
        let t = site.taxonomy(kind);
        urls.push(entry(&format!("/{}/", kind.path()), None));
        urls.extend(
            t.terms
                .iter()
                .map(|term| entry(&t.term_url(&term.slug), None)),
        );
    }
    for page in crate::model::output::GENERATED_PAGES
        .iter()
        .filter(|p| p.url.ends_with('/'))
    {
        urls.push(entry(page.url, None));
    }
    urls.push(entry(
        &format!("/{}/", crate::model::orientation::PATH),
        None,
    ));
    urls
}

/// [`all_urls`] of a site in several languages: every version of every URL, each with the
/// links to all its versions (its own included, as search engines ask) and `x-default`, the
/// default language's.
fn all_urls_of_languages(site: &Site) -> Vec<UrlEntry> {
    let sites: Vec<&Site> = site.languages().collect();
    // (language, url, lastmod) of each version of one URL, the default language first.
    let mut groups: Vec<Vec<(Lang, String, Option<String>)>> = Vec::new();
    // The versions of the item `i` of one list, each with the date of its own language's copy.
    let mut group =
        |i: usize,
         versions: &[(Lang, String)],
         updated: &dyn Fn(&Site, usize) -> Option<crate::model::dates::Date>| {
            groups.push(
                versions
                    .iter()
                    .map(|(l, url)| {
                        let s = sites.get(l.index()).copied().unwrap_or(site);
                        (*l, url.clone(), updated(s, i).map(|d| d.to_string()))
                    })
                    .collect(),
            );
        };
    for (i, versions) in site.alternates.sections.iter().enumerate() {
        group(i, versions, &|s, i| {
            s.sections.get(i).and_then(|x| x.updated)
        });
    }
    for (i, versions) in site.alternates.pages.iter().enumerate() {
        group(i, versions, &|s, i| {
            s.pages.get(i).and_then(|p| p.meta.updated)
        });
    }
    // The pages every language has, under each prefix.
    let mut shared: Vec<String> = Vec::new();
    for kind in TaxonomyKind::ALL {
        let t = site.taxonomy(kind);
        shared.push(format!("/{}/", kind.path()));
        shared.extend(t.terms.iter().map(|term| t.term_url(&term.slug)));
    }
    shared.extend(
        crate::model::output::GENERATED_PAGES
            .iter()
            .filter(|p| p.url.ends_with('/'))
            .map(|p| p.url.to_string()),
    );
    shared.push(format!("/{}/", crate::model::orientation::PATH));
    for url in shared {
        groups.push(
            sites
                .iter()
                .map(|s| (s.lang, s.localized(&url), None))
                .collect(),
        );
    }
    let mut urls = Vec::new();
    for group in groups {
        let mut links: Vec<AlternateLink> = group
            .iter()
            .map(|(l, url, _)| AlternateLink {
                hreflang: site.config.lang(*l).code.to_string(),
                href: site.permalink(url),
            })
            .collect();
        if let Some((_, url, _)) = group.first() {
            links.push(AlternateLink {
                hreflang: "x-default".into(),
                href: site.permalink(url),
            });
        }
        for (_, url, lastmod) in &group {
            urls.push(UrlEntry {
                loc: site.permalink(url),
                lastmod: lastmod.clone(),
                alternates: if group.len() > 1 {
                    links.clone()
                } else {
                    Vec::new()
                },
            });
        }
    }
    urls
}

/// `question` (template `trouver.html`): one question of the orientation path.
#[derive(Serialize)]
pub struct QuestionContext<'a> {
    /// 1, 2 or 3, out of `steps`.
    pub step: usize,
    pub steps: usize,
    pub question: String,
    /// What the question is for, in one plain sentence.
    pub hint: String,
    pub choices: Vec<Choice<'a>>,
    /// The "je ne sais pas" answer.
    pub unknown: String,
    /// The answers given so far, short ("Logement"), for the page's title.
    pub answered: Vec<String>,
}

/// One answer offered by a question: the everyday label, the law's name, where it leads.
#[derive(Serialize)]
pub struct Choice<'a> {
    pub label: String,
    pub name: &'a str,
    pub url: String,
}

/// `answer` (template `trouver-reponse.html`): what applies and who can help.
#[derive(Serialize)]
pub struct AnswerContext<'a> {
    /// What the person answered, in their words ("au travail ou en cherchant un emploi").
    pub situation: Vec<String>,
    /// The same, short ("Emploi", "Âge", "Dijon"), for the page's title.
    pub answered: Vec<String>,
    /// `oui`, `travail`, `hors-loi` or `peut-etre`.
    pub forbidden: &'static str,
    /// The same, as a plain sentence.
    pub verdict: String,
    /// The editor's own text for this answer (`content/trouver/<domaine>/<critere>.md`), as HTML.
    pub text: Option<Cow<'a, str>>,
    pub rights: Vec<PageSummary<'a>>,
    /// The guide's pages on what to do now.
    pub steps: Vec<PageSummary<'a>>,
    /// Contacts of the person's territory, then of the whole country.
    pub contacts: Vec<ContactCard<'a>>,
    pub national: Vec<ContactCard<'a>>,
    /// Where to start again.
    pub restart: String,
}

/// "Au travail" from "au travail": a choice starts with a capital letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn choice<'a>(site: &Site, term: &'a crate::model::taxonomy::Term, url: &str) -> Choice<'a> {
    Choice {
        label: capitalised(term.question.as_deref().unwrap_or(&term.name)),
        name: &term.name,
        url: site.href(url),
    }
}

/// Whether the law forbids it: a code for styles and a plain sentence.
fn verdict(forbidden: crate::model::orientation::Forbidden, say: Say) -> (&'static str, String) {
    use crate::model::orientation::Forbidden;
    let code = match forbidden {
        Forbidden::Yes => "oui",
        Forbidden::AtWorkOnly => "travail",
        Forbidden::NotInTheLaw => "hors-loi",
        Forbidden::Maybe => "peut-etre",
    };
    (code, say.text(&format!("verdict-{code}")))
}

pub fn answer_context<'a>(
    orientation: &crate::model::orientation::Orientation<'a>,
    answers: crate::model::orientation::Answers,
    say: Say,
) -> AnswerContext<'a> {
    let site = orientation.site();
    let answer = orientation.answer(answers);
    let term =
        |kind: TaxonomyKind, slug: Option<&str>| slug.and_then(|s| site.taxonomy(kind).term(s));
    let domain = term(TaxonomyKind::Domains, answers.domain);
    let criterion = term(TaxonomyKind::Criteria, answers.criterion);
    let territory = term(TaxonomyKind::Territories, answers.territory);
    let said = |t: Option<&crate::model::taxonomy::Term>| {
        t.map(|t| t.question.clone().unwrap_or_else(|| t.name.clone()))
    };
    let short = |t: Option<&crate::model::taxonomy::Term>, unknown: &str| {
        t.map_or(unknown.to_string(), |t| t.name.clone())
    };
    let mut answered = vec![
        short(domain, &say.text("answer-no-domain")),
        short(criterion, &say.text("answer-no-criterion")),
    ];
    if orientation.asks_territory() {
        answered.push(short(territory, &say.text("answer-no-territory")));
    }
    let mut situation: Vec<String> = [said(domain), said(criterion)]
        .into_iter()
        .flatten()
        .collect();
    if let Some(t) = territory {
        situation.push(say.with("answer-i-live", &[("territory", &t.name)]));
    }
    let (forbidden, verdict) = verdict(answer.forbidden, say);
    let steps = orientation.steps();

    let cards = |pages: &[usize]| -> Vec<ContactCard<'a>> {
        pages
            .iter()
            .filter_map(|i| contact_card(site, &site.pages[*i].slug, say))
            .collect()
    };
    let part = |s: Option<&str>| s.unwrap_or(crate::model::orientation::UNKNOWN).to_string();
    let text = site
        .answer_texts
        .iter()
        .find(|t| t.domain == part(answers.domain) && t.criterion == part(answers.criterion))
        .map(|t| t.markdown.html.unpack());
    AnswerContext {
        text,
        situation,
        answered,
        forbidden,
        verdict,
        rights: answer
            .rights
            .iter()
            .map(|i| page_summary(site, *i, say))
            .collect(),
        steps: steps.iter().map(|i| page_summary(site, *i, say)).collect(),
        contacts: cards(&answer.local),
        national: cards(&answer.national),
        restart: site.href(&format!("/{}/", crate::model::orientation::PATH)),
    }
}

/// `/trouver/parcours.json`: the whole path for the `<balise-trouver>` widget, which reads
/// only static files. Pages and contacts are listed once and referred to by their position.
pub fn orientation_data(
    orientation: &crate::model::orientation::Orientation,
    pages: &[super::PathPage],
    say: Say,
) -> Value {
    use serde_json::json;
    let site = orientation.site();
    let steps = orientation.steps();
    let mut listed: Vec<usize> = Vec::new();
    let mut position: HashMap<usize, usize> = HashMap::new();
    let mut id = |index: usize| -> usize {
        *position.entry(index).or_insert_with(|| {
            listed.push(index);
            listed.len() - 1
        })
    };
    let choices = |terms: Vec<&crate::model::taxonomy::Term>| -> Vec<Value> {
        terms
            .into_iter()
            .map(|t| json!([t.slug, choice(site, t, "").label, t.name]))
            .collect()
    };
    let steps_ids: Vec<usize> = steps.iter().map(|i| id(*i)).collect();
    let mut questions = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    let prefix = format!("/{}/", crate::model::orientation::PATH);
    for (given, url, _, step) in pages {
        let key = url.trim_start_matches(&prefix).to_string();
        match step {
            0 => {
                let answer = orientation.answer(*given);
                let rights: Vec<usize> = answer.rights.iter().map(|i| id(*i)).collect();
                let contacts: Vec<usize> = answer
                    .local
                    .iter()
                    .chain(&answer.national)
                    .map(|i| id(*i))
                    .collect();
                answers.insert(
                    key,
                    json!({ "verdict": verdict(answer.forbidden, say).1, "rights": rights, "steps": steps_ids, "contacts": contacts, "url": site.href(url) }),
                );
            }
            2 => {
                questions.insert(
                    key,
                    Value::Array(choices(orientation.criteria(given.domain))),
                );
            }
            _ => {}
        }
    }
    let items: Vec<Value> = listed
        .iter()
        .map(|i| {
            let page = &site.pages[*i];
            let mut item = json!({ "title": page.meta.title, "url": site.href(&page.url), "summary": page.meta.summary });
            if let KindData::Contact(c) = &page.data {
                item["phone"] = json!(c.phone);
                item["tel"] = json!(c.phone_href());
            }
            item
        })
        .collect();
    json!({
        "v": 1,
        "domains": choices(orientation.domains()),
        "criteria": questions,
        "territories": orientation.territories().iter().map(|t| json!([t.slug, t.name, t.name])).collect::<Vec<_>>(),
        "answers": answers,
        "pages": items,
    })
}

#[cfg(test)]
mod tests {
    //! The contract with theme authors, shown on the bundled guide: one snapshot per template
    //! value (in `snapshots/`). A change of a context shows as a diff of its snapshot; accept it
    //! with `cargo insta review` (or `INSTA_UPDATE=always cargo test`) once the README says it.

    use super::*;
    use crate::model::kinds::Kind;

    fn bundled_guide() -> crate::Prepared {
        let mut options = crate::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        options.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
        let (prepared, diagnostics) = crate::prepare(&options);
        prepared.unwrap_or_else(|| panic!("{}", diagnostics.render_human(false)))
    }

    #[test]
    fn contexts_of_the_bundled_guide() {
        let prepared = bundled_guide();
        let site = &prepared.site;
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let theme = super::super::theme::Theme::load(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
            &mut diagnostics,
        );
        let messages = Messages::load(&theme, &site.config, &mut diagnostics);
        let say = Say::new(&messages, site);
        insta::assert_json_snapshot!("site", site_context(site, &messages));
        for (index, section) in site.sections.iter().enumerate() {
            let name = if index == 0 {
                "home"
            } else {
                section.kind.spec().section_template
            };
            let name = format!("section-{}", name.trim_end_matches(".html"));
            // One section of each template is enough to read the contract.
            if index == 0
                || site.sections[..index]
                    .iter()
                    .skip(1)
                    .all(|s| s.kind.spec().section_template != section.kind.spec().section_template)
            {
                insta::assert_json_snapshot!(name, section_context(site, index, say));
            }
        }
        let referrers = site.referrers_by_contact();
        for kind in Kind::ALL {
            let (index, _) = site
                .pages_of_kind(kind)
                .next()
                .expect("a page of each kind");
            insta::assert_json_snapshot!(
                format!("page-{}", kind.name()),
                page_context(site, index, &referrers, say)
            );
        }
        insta::assert_json_snapshot!(
            "taxonomy",
            taxonomy_context(site, TaxonomyKind::Criteria, say)
        );
        insta::assert_json_snapshot!("term", term_context(site, TaxonomyKind::Domains, 0, say));
        insta::assert_json_snapshot!("site-map", site_map(site, say));
    }
}
