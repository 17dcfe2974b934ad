//! Stage 3, render: every page of the site through its Tera template, in parallel, and the
//! other files made from the `Site` (calendars, contact cards, open data, feed, CMS).
//!
//! Templates receive the typed values of [`context`]. A page's context is made by the worker
//! that renders it and dropped right after, so the contexts of the whole site never sit in
//! memory at once.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{catch_panic, Diagnostic, Diagnostics};
use crate::model::limits::{html_depth, MAX_PAGE_NESTING};
use crate::model::output::{Output, OutputFile, OutputSink, GENERATED_PAGES};
use crate::model::site::Site;
use crate::model::taxonomy::TaxonomyKind;
use crate::text::error_chain;

use context::{Frame, Link, SiteContext};

pub mod agenda;
pub mod calendar;
pub mod cms;
pub mod context;
pub mod conventions;
pub mod feeds;
pub mod figures;
pub mod i18n;
pub mod jsonld;
pub mod memo;
pub mod opendata;
pub mod theme;
pub mod vcard;

/// Renders templates for one site: the `site` value is made once and shared by every job.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    messages: &'a i18n::Messages,
    site_context: SiteContext<'a>,
    words: Words,
    /// When set, a file whose values are those it was last rendered from is not rendered
    /// again (`serve`, see [`memo`]).
    memo: Option<&'a memo::RenderMemo>,
    /// The fingerprint of `site_context`, made once: each file's fingerprint takes it in
    /// place of those values, which are the same for every file of the site.
    site_fingerprint: Option<u64>,
}

/// A rendered file; `None` when a [`memo::RenderMemo`] says its values did not change.
pub type Rendered = Result<Option<OutputFile>, Diagnostic>;

/// The words the renderer writes itself (breadcrumbs, the questions of `/trouver/`), in the
/// site's language.
struct Words {
    home: String,
    find_help: String,
    unknown_where: String,
    unknown_why: String,
    unknown_home: String,
    where_question: String,
    where_hint: String,
    why_question: String,
    why_hint: String,
    home_question: String,
    home_hint: String,
    /// The names of the taxonomies, in `TaxonomyKind::ALL` order (breadcrumbs).
    taxonomies: Vec<String>,
}

impl Words {
    fn new(messages: &i18n::Messages, lang: crate::model::language::Lang) -> Words {
        let t = |key: &str| messages.text(lang, key);
        Words {
            home: t("home"),
            find_help: t("find-help"),
            unknown_where: t("trouver-unknown-where"),
            unknown_why: t("trouver-unknown-why"),
            unknown_home: t("trouver-unknown-home"),
            where_question: t("trouver-where-question"),
            where_hint: t("trouver-where-hint"),
            why_question: t("trouver-why-question"),
            why_hint: t("trouver-why-hint"),
            home_question: t("trouver-home-question"),
            home_hint: t("trouver-home-hint"),
            taxonomies: crate::model::taxonomy::TaxonomyKind::ALL
                .iter()
                .map(|k| t(&format!("taxonomy-{}", k.path())))
                .collect(),
        }
    }
}

/// One file to render: its template, URL, the content file it comes from (for error messages),
/// breadcrumbs and the template's own values.
struct Job<'a, T: Serialize> {
    template: &'a str,
    url: &'a str,
    origin: &'a str,
    breadcrumbs: Vec<Link<'a>>,
    values: T,
    /// Where the versions of this file in other languages are.
    versions: Versions,
}

/// Which languages a rendered file exists in, for `hreflang` links and the language switcher.
#[derive(Clone, Copy)]
enum Versions {
    /// The page of this index, in the languages it is translated into.
    Page(usize),
    /// The section of this index, likewise.
    Section(usize),
    /// A page every language has (search, site map, orientation, term pages).
    Everywhere,
    /// A file that is not a page.
    Single,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` (one language) with that language's compiled templates.
    pub fn new(site: &'a Site, tera: &'a Tera, messages: &'a i18n::Messages) -> Self {
        Renderer {
            site,
            tera,
            messages,
            site_context: context::site_context(site, messages),
            words: Words::new(messages, site.lang),
            memo: None,
            site_fingerprint: None,
        }
    }

    /// This renderer, skipping the files whose values `memo` already saw, and recording the
    /// values of those it renders (`None`: every file rendered, nothing recorded).
    pub fn remembering(mut self, memo: Option<&'a memo::RenderMemo>) -> Self {
        self.memo = memo;
        self.site_fingerprint =
            memo.and_then(|_| memo::RenderMemo::fingerprint("site", &self.site_context));
        self
    }

    /// The catalogue in the language of the pages being rendered.
    fn say(&self) -> context::Say<'a> {
        context::Say::new(self.messages, self.site)
    }

    fn taxonomy_title(&self, kind: crate::model::taxonomy::TaxonomyKind) -> &str {
        let i = crate::model::taxonomy::TaxonomyKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        &self.words.taxonomies[i]
    }

    /// Renders one job; a panic while rendering becomes an error naming the content file.
    fn run<T: Serialize>(&self, job: Job<'_, T>) -> Rendered {
        self.run_with_fingerprint(job, None)
    }

    /// [`Renderer::run`], for a job whose values are fingerprinted apart (values several files
    /// share, made once; a page's body through its digest): `values_fingerprint` stands for
    /// them in the file's fingerprint.
    fn run_with_fingerprint<T: Serialize>(
        &self,
        job: Job<'_, T>,
        values_fingerprint: Option<u64>,
    ) -> Rendered {
        let origin = job.origin.to_string();
        catch_panic(&origin, || self.run_unguarded(job, values_fingerprint)).and_then(|r| r)
    }

    fn run_unguarded<T: Serialize>(
        &self,
        job: Job<'_, T>,
        values_fingerprint: Option<u64>,
    ) -> Rendered {
        let (alternates, translation) = self.versions(job.versions, job.url);
        let frame = Frame {
            site: &self.site_context,
            breadcrumbs: job.breadcrumbs,
            current_url: self.site.href(job.url),
            permalink: self.site.permalink(job.url),
            alternates,
            translation,
            values: job.values,
        };
        let path = output_path(job.url);
        let fingerprint = self.site_fingerprint.and_then(|site| {
            memo::RenderMemo::fingerprint(
                job.template,
                &frame.fingerprinted(site, values_fingerprint),
            )
        });
        if let (Some(memo), Some(fingerprint)) = (self.memo, fingerprint) {
            if memo.unchanged(&path, fingerprint) {
                return Ok(None);
            }
        }
        let failed = |message: String| {
            Diagnostic::error(
                "template",
                format!("templates/{}", job.template),
                format!("rendering {} failed: {message}", job.origin),
            )
            .help("check the template against the values it receives (see README, “Templates”)")
        };
        let started = std::time::Instant::now();
        let context = Context::from_serialize(&frame).map_err(|e| failed(error_chain(&e)))?;
        drop(frame);
        let text = self
            .tera
            .render(job.template, &context)
            .map_err(|e| failed(error_chain(&e)))?;
        let bytes = if path.ends_with(".html") {
            // The minifier parses nested elements recursively: a page nested too deep (which
            // the content limits already prevent) is an error, never a stack overflow.
            let (depth, _) = html_depth(text.as_bytes(), MAX_PAGE_NESTING);
            if depth > MAX_PAGE_NESTING {
                return Err(Diagnostic::error(
                    "too-deep",
                    job.origin,
                    format!(
                        "the page {} nests more than {MAX_PAGE_NESTING} elements inside each other",
                        job.url
                    ),
                )
                .help("flatten the quotes and lists of the text, or the nesting of the template"));
            }
            minify(text.as_bytes())
        } else {
            text.into_bytes()
        };
        if let (Some(memo), Some(fingerprint)) = (self.memo, fingerprint) {
            memo.record(&path, fingerprint, started.elapsed());
        }
        Ok(Some(OutputFile::new(path, bytes)))
    }

    /// The versions of a file in every language it exists in (none when only in one), and, on
    /// a translated page, where its original is.
    fn versions(
        &self,
        versions: Versions,
        url: &str,
    ) -> (Vec<context::Alternate>, Option<context::TranslationNote>) {
        let site = self.site;
        let config = &site.config;
        if config.languages.len() < 2 {
            return (Vec::new(), None);
        }
        let list: Vec<(crate::model::language::Lang, String)> = match versions {
            Versions::Page(i) => site.alternates.pages[i].clone(),
            Versions::Section(i) => site.alternates.sections[i].clone(),
            Versions::Everywhere => {
                let bare = url.strip_prefix(&site.prefix()).unwrap_or(url);
                config
                    .langs()
                    .map(|l| (l, format!("{}{bare}", config.lang_prefix(l))))
                    .collect()
            }
            Versions::Single => Vec::new(),
        };
        let note = match versions {
            Versions::Page(i) if !site.lang.is_default() => {
                let page = &site.pages[i];
                list.first()
                    .map(|(lang, original)| context::TranslationNote {
                        lang: config.lang(*lang).code.as_str().to_string(),
                        language: config.lang(*lang).name.clone(),
                        url: site.href(original),
                        date: page
                            .meta
                            .updated
                            .map(|d| self.messages.date(site.lang, d.0)),
                    })
            }
            _ => None,
        };
        if list.len() < 2 {
            return (Vec::new(), note);
        }
        let alternates = list
            .iter()
            .map(|(lang, url)| {
                let language = config.lang(*lang);
                context::Alternate {
                    lang: language.code.as_str().to_string(),
                    name: language.name.clone(),
                    dir: language.dir.name(),
                    url: site.href(url),
                    permalink: site.permalink(url),
                    current: *lang == site.lang,
                }
            })
            .collect();
        (alternates, note)
    }

    /// Sections, pages, then taxonomy and term pages, in this order.
    pub fn pages(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        collect(self.render_pages(|r| Some(r.map(Some))), diagnostics)
    }

    /// The files of [`Renderer::pages`], put into `sink` by the worker that renders each, as
    /// soon as it is rendered: the pages of the site are never all in memory at once.
    pub fn pages_into(&self, sink: &dyn OutputSink, diagnostics: &mut Diagnostics) {
        let failures = self.render_pages(|result| match result {
            Ok(file) => {
                sink.put(file);
                None
            }
            Err(d) => Some(d),
        });
        diagnostics.extend_items(failures);
    }

    /// Renders every page, hands each result to `keep` in the worker that rendered it, and
    /// returns in page order what `keep` kept.
    fn render_pages<T: Send>(
        &self,
        keep: impl Fn(Result<OutputFile, Diagnostic>) -> Option<T> + Sync + Send,
    ) -> Vec<T> {
        let site = self.site;
        let referrers = site.referrers_by_contact();
        let mut results: Vec<T> = (0..site.sections.len())
            .into_par_iter()
            .filter_map(|index| {
                let section = &site.sections[index];
                let template = if index == 0 {
                    "home.html"
                } else {
                    section.kind.spec().section_template
                };
                // A section without a translation into this language is not written again:
                // links lead to its original.
                if section.lang != site.lang {
                    return None;
                }
                self.run(Job {
                    template,
                    url: &section.url,
                    origin: &section.file,
                    breadcrumbs: section_crumbs(site, index, &self.words.home),
                    values: Named("section", context::section_context(site, index, self.say())),
                    versions: Versions::Section(index),
                })
                .transpose()
                .and_then(&keep)
            })
            .collect();
        results.par_extend(
            (0..site.pages.len())
                .into_par_iter()
                // A page shown in another language is written by that language's site.
                .filter(|index| site.pages[*index].lang == site.lang)
                .filter_map(|index| self.page(index, &referrers).transpose().and_then(&keep)),
        );
        let mut taxonomy_jobs = Vec::new();
        for kind in TaxonomyKind::ALL {
            let taxonomy = site.taxonomy(kind);
            taxonomy_jobs.push((kind, None, taxonomy.list_url()));
            for (term, t) in taxonomy.terms.iter().enumerate() {
                taxonomy_jobs.push((kind, Some(term), taxonomy.term_url(&t.slug)));
            }
        }
        results.par_extend(taxonomy_jobs.par_iter().filter_map(|(kind, term, url)| {
            let list_url = site.taxonomy(*kind).list_url();
            let mut breadcrumbs = vec![
                context::link(site, &self.words.home, &site.localized("/")),
                context::link(site, self.taxonomy_title(*kind), &list_url),
            ];
            match term {
                None => self.run(Job {
                    template: "taxonomy.html",
                    url,
                    origin: "(taxonomies)",
                    breadcrumbs,
                    values: Named(
                        "taxonomy",
                        context::taxonomy_context(site, *kind, self.say()),
                    ),
                    versions: Versions::Everywhere,
                }),
                Some(term) => {
                    let name = &site.taxonomy(*kind).terms[*term].name;
                    breadcrumbs.push(context::link(site, name, url));
                    self.run(Job {
                        template: "term.html",
                        url,
                        origin: "(taxonomies)",
                        breadcrumbs,
                        values: Named(
                            "term",
                            context::term_context(site, *kind, *term, self.say()),
                        ),
                        versions: Versions::Everywhere,
                    })
                }
            }
            .transpose()
            .and_then(&keep)
        }));
        results
    }

    /// The file of one content page (`serve` renders only the edited page again with it).
    pub fn page(&self, index: usize, referrers: &context::Referrers) -> Rendered {
        let site = self.site;
        let page = &site.pages[index];
        let mut breadcrumbs = section_crumbs(site, page.section, &self.words.home);
        breadcrumbs.push(context::link(site, &page.meta.title, &page.url));
        let mut values = context::page_context(site, index, referrers, self.say());
        // The body is fingerprinted through its digest, which does not unpack a long one.
        let values_fingerprint = self.memo.and_then(|_| {
            memo::RenderMemo::fingerprint("page", &(&values, page.markdown.html.digest()))
        });
        values.content = Some(&page.markdown.html);
        self.run_with_fingerprint(
            Job {
                template: page.kind().spec().template,
                url: &page.url,
                origin: &page.file,
                breadcrumbs,
                values: Named("page", values),
                versions: Versions::Page(index),
            },
            values_fingerprint,
        )
    }

    /// Pages with no content file: search, site map, accessibility, legal notices, 404.
    pub fn generated_pages(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        let site = self.site;
        // Every generated page receives the site map; it is made, and fingerprinted, once.
        let map = context::site_map(site, self.say());
        let map_fingerprint = self
            .memo
            .and_then(|_| memo::RenderMemo::fingerprint("map", &map));
        let results = GENERATED_PAGES
            .par_iter()
            .map(|page| {
                let template = page.template();
                let url = site.localized(page.url);
                let title = self
                    .messages
                    .get(site.lang, &page.title_key(), None)
                    .unwrap_or_else(|| page.title.to_string());
                let values_fingerprint = map_fingerprint
                    .and_then(|map| memo::RenderMemo::fingerprint("generated", &(&title, map)));
                self.run_with_fingerprint(
                    Job {
                        template: &template,
                        url: &url,
                        origin: "(generated)",
                        breadcrumbs: vec![
                            context::link(site, &self.words.home, &site.localized("/")),
                            context::link(site, &title, &url),
                        ],
                        values: GeneratedValues {
                            title: &title,
                            map: &map,
                        },
                        versions: Versions::Everywhere,
                    },
                    values_fingerprint,
                )
            })
            .collect();
        collect(results, diagnostics)
    }

    /// `/sitemap.xml` and `/robots.txt`.
    pub fn sitemap(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        let results = [
            ("sitemap.xml", "/sitemap.xml"),
            ("robots.txt", "/robots.txt"),
        ]
        .into_iter()
        .map(|(template, url)| {
            self.run(Job {
                template,
                url,
                origin: "(generated)",
                breadcrumbs: Vec::new(),
                values: UrlsValues {
                    urls: context::all_urls(self.site),
                    multilingual: !self.site.translations.is_empty(),
                },
                versions: Versions::Single,
            })
        })
        .collect();
        collect(results, diagnostics)
    }
}

impl Renderer<'_> {
    /// The files of `output` that this language's site makes from its content. The outputs
    /// made once for the whole site (site map, calendars, contact cards, open data, feeds,
    /// editing interface) come from the default language's renderer, which covers the other
    /// languages in them. The theme's and the site's own files and the search are not made
    /// from the content: they are the caller's, and empty here.
    pub fn content_files(&self, output: Output, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        let site = self.site;
        let whole_site = site.lang.is_default();
        let files = match output {
            Output::Pages => self.pages(diagnostics),
            Output::GeneratedPages => self.generated_pages(diagnostics),
            Output::Orientation => self.orientation(diagnostics),
            Output::Sitemap if whole_site => self.sitemap(diagnostics),
            Output::Calendars if whole_site => calendar::files(site),
            Output::ContactCards if whole_site => vcard::files(site),
            Output::OpenData if whole_site => opendata::files(site),
            Output::Feed if whole_site => feeds::files(site),
            Output::Cms if whole_site => cms::output_files(site, diagnostics),
            Output::Sitemap
            | Output::Calendars
            | Output::ContactCards
            | Output::OpenData
            | Output::Feed
            | Output::Cms
            | Output::ThemeAssets
            | Output::SiteAssets
            | Output::Search => Vec::new(),
        };
        if let Some(memo) = self.memo {
            // Rendered files were recorded as they were rendered; this marks the others.
            for file in &files {
                memo.see(&file.path);
            }
        }
        files
    }
}

/// A page of the orientation path: the answers so far, its URL, the breadcrumbs after "Trouver
/// de l'aide" (title, URL), and its question number (0 for an answer page).
pub(crate) type PathPage<'a> = (
    crate::model::orientation::Answers<'a>,
    String,
    Vec<(String, String)>,
    usize,
);

impl Renderer<'_> {
    /// The orientation path: `/trouver/`, a page per question, and the answer pages.
    pub fn orientation(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        use crate::model::orientation::{Answers, Orientation, PATH, UNKNOWN};
        let site = self.site;
        let orientation = Orientation::new(site);
        let domains = orientation.domains();
        let territories = orientation.territories();
        let steps = if territories.is_empty() { 2 } else { 3 };
        let words = &self.words;
        // (answers, URL, breadcrumbs after "Trouver de l'aide", question number or 0 for an answer)
        let mut pages: Vec<PathPage> = Vec::new();
        let root = site.localized(&format!("/{PATH}/"));
        pages.push((
            Answers {
                domain: None,
                criterion: None,
                territory: None,
            },
            root.clone(),
            Vec::new(),
            1,
        ));
        let domain_choices: Vec<Option<&crate::model::taxonomy::Term>> =
            domains.iter().copied().map(Some).chain([None]).collect();
        for d in &domain_choices {
            let d_slug = d.map(|t| t.slug.as_str());
            let d_url = format!("{root}{}/", d_slug.unwrap_or(UNKNOWN));
            let d_label = d.map_or(words.unknown_where.clone(), |t| {
                context::choice(site, t, "").label
            });
            let crumbs = vec![(d_label, d_url.clone())];
            pages.push((
                Answers {
                    domain: d_slug,
                    criterion: None,
                    territory: None,
                },
                d_url.clone(),
                crumbs.clone(),
                2,
            ));
            let criteria = orientation.criteria(d_slug);
            for c in criteria.iter().copied().map(Some).chain([None]) {
                let c_slug = c.map(|t| t.slug.as_str());
                let c_url = format!("{d_url}{}/", c_slug.unwrap_or(UNKNOWN));
                let c_label = c.map_or(words.unknown_why.clone(), |t| {
                    context::choice(site, t, "").label
                });
                let mut c_crumbs = crumbs.clone();
                c_crumbs.push((c_label, c_url.clone()));
                let answers = Answers {
                    domain: d_slug,
                    criterion: c_slug,
                    territory: None,
                };
                if territories.is_empty() {
                    pages.push((answers, c_url, c_crumbs, 0));
                    continue;
                }
                pages.push((answers, c_url.clone(), c_crumbs.clone(), 3));
                for t in territories.iter().copied().map(Some).chain([None]) {
                    let t_slug = t.map(|t| t.slug.as_str());
                    let t_url = format!("{c_url}{}/", t_slug.unwrap_or(UNKNOWN));
                    let mut t_crumbs = c_crumbs.clone();
                    t_crumbs.push((
                        t.map_or(words.unknown_home.clone(), |t| t.name.clone()),
                        t_url.clone(),
                    ));
                    pages.push((
                        Answers {
                            territory: t_slug,
                            ..answers
                        },
                        t_url,
                        t_crumbs,
                        0,
                    ));
                }
            }
        }
        let data = context::orientation_data(&orientation, &pages, self.say());
        let data_file = OutputFile::new(
            format!("{}parcours.json", root.trim_start_matches('/')),
            serde_json::to_vec(&data).expect("plain JSON values"),
        );
        let results = pages
            .par_iter()
            .map(|(answers, url, crumbs, step)| {
                let mut breadcrumbs = vec![
                    context::link(site, &words.home, &site.localized("/")),
                    context::link(site, &words.find_help, &root),
                ];
                breadcrumbs.extend(
                    crumbs
                        .iter()
                        .map(|(title, url)| context::link(site, title, url)),
                );
                if *step == 0 {
                    return self.run(Job {
                        template: "trouver-reponse.html",
                        url,
                        origin: "(orientation)",
                        breadcrumbs,
                        values: Named(
                            "answer",
                            context::answer_context(&orientation, *answers, self.say()),
                        ),
                        versions: Versions::Everywhere,
                    });
                }
                let (question, hint, choices): (&str, &str, Vec<context::Choice>) = match step {
                    1 => (
                        words.where_question.as_str(),
                        words.where_hint.as_str(),
                        domains
                            .iter()
                            .map(|t| context::choice(site, t, &format!("{url}{}/", t.slug)))
                            .collect(),
                    ),
                    2 => (
                        words.why_question.as_str(),
                        words.why_hint.as_str(),
                        orientation
                            .criteria(answers.domain)
                            .into_iter()
                            .map(|t| context::choice(site, t, &format!("{url}{}/", t.slug)))
                            .collect(),
                    ),
                    _ => (
                        words.home_question.as_str(),
                        words.home_hint.as_str(),
                        territories
                            .iter()
                            .map(|t| context::Choice {
                                label: t.name.clone(),
                                name: &t.name,
                                url: site.href(&format!("{url}{}/", t.slug)),
                            })
                            .collect(),
                    ),
                };
                self.run(Job {
                    template: "trouver.html",
                    url,
                    origin: "(orientation)",
                    breadcrumbs,
                    values: Named(
                        "question",
                        context::QuestionContext {
                            step: *step,
                            steps,
                            question: question.to_string(),
                            hint: hint.to_string(),
                            choices,
                            unknown: site.href(&format!("{url}{UNKNOWN}/")),
                            answered: crumbs.iter().map(|(title, _)| title.clone()).collect(),
                        },
                    ),
                    versions: Versions::Everywhere,
                })
            })
            .collect();
        let mut files = collect(results, diagnostics);
        files.push(data_file);
        files
    }
}

/// A template value under its name: `{"page": …}`.
struct Named<T>(&'static str, T);

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &self.1)?;
        map.end()
    }
}

#[derive(Serialize)]
struct GeneratedValues<'a> {
    title: &'a str,
    map: &'a context::SiteMap<'a>,
}

#[derive(Serialize)]
struct UrlsValues {
    urls: Vec<context::UrlEntry>,
    /// The site has several languages: the sitemap declares `xhtml:link`.
    multilingual: bool,
}

fn collect(results: Vec<Rendered>, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(Some(f)) => files.push(f),
            Ok(None) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    files
}

/// `/droits/age/` → `droits/age/index.html`; `/404.html` → `404.html`.
fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if url.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// The sections above `index` and itself; a section shown in another language (it has no
/// translation) is marked with its language.
fn section_crumbs<'a>(site: &'a Site, index: usize, home: &'a str) -> Vec<Link<'a>> {
    let mut chain = Vec::new();
    let mut current = Some(index);
    while let Some(i) = current {
        let s = &site.sections[i];
        let mut link = if i == 0 && s.lang == site.lang {
            context::link(site, home, &s.url)
        } else if i == 0 {
            context::link(site, home, &site.localized("/"))
        } else {
            context::link(site, s.title.as_str(), &s.url)
        };
        if i != 0 && s.lang != site.lang {
            link.lang = Some(site.config.lang(s.lang).code.as_str());
        }
        chain.push(link);
        current = s.parent;
    }
    chain.reverse();
    chain
}

/// minify-html settings that keep the output valid HTML for the W3C checker: closing tags,
/// `<html>`/`<head>` start tags, doctype and spec-compliant attribute values are kept.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_optimal_entities: false,
        allow_removing_spaces_between_attributes: false,
        keep_comments: false,
        minify_css: true,
        minify_js: false,
        remove_bangs: false,
        remove_processing_instructions: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::EventTime;
    use crate::model::frontmatter::Recurrence;
    use context::event_when;

    #[test]
    fn minified_html_keeps_what_validators_need() {
        let html = b"<!DOCTYPE html><html lang=\"fr\"><head><title>T</title></head><body><p class=\"a b\">x</p><ul><li>1</li></ul></body></html>";
        let out = String::from_utf8(minify(html)).unwrap();
        assert!(
            out.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{out}"
        );
        assert!(
            out.contains("</p>") && out.contains("</li>") && out.contains("<head>"),
            "{out}"
        );
        assert!(out.contains("class=\"a b\""), "{out}");
    }

    #[test]
    fn output_paths_follow_urls() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/droits/age/"), "droits/age/index.html");
        assert_eq!(output_path("/404.html"), "404.html");
    }

    #[test]
    fn event_dates_read_in_the_page_language() {
        let mut d = crate::diagnostics::Diagnostics::default();
        let theme = theme::Theme::load(std::path::Path::new("/nonexistent"), &mut d);
        let mut config: crate::model::config::Config = serde_yaml_ng::from_str(
            "title: t\nbase_url: https://a.org\nlanguages: [{code: fr, name: Français}, {code: en, name: English}]\n",
        )
        .unwrap();
        config.languages.truncate(2);
        let messages = i18n::Messages::load(&theme, &config, &mut d);
        let fr = context::Say {
            messages: &messages,
            lang: crate::model::language::Lang(0),
        };
        let en = context::Say {
            messages: &messages,
            lang: crate::model::language::Lang(1),
        };
        let day = |s| EventTime::Day(crate::model::dates::parse_date(s).unwrap());
        assert_eq!(
            event_when(day("2027-05-17"), None, Some(Recurrence::Yearly), fr),
            "le 17 mai 2027, chaque année"
        );
        assert_eq!(
            event_when(day("2027-05-17"), Some(day("2027-05-23")), None, fr),
            "du 17 mai 2027 au 23 mai 2027"
        );
        let at = crate::model::dates::parse_event_time("2027-05-17T18:30").unwrap();
        assert_eq!(event_when(at, None, None, fr), "le 17 mai 2027 à 18 h 30");
        assert_eq!(event_when(at, None, None, en), "on 17 May 2027 at 18:30");
        assert_eq!(
            event_when(day("2027-05-17"), Some(day("2027-05-23")), None, en),
            "from 17 May 2027 to 23 May 2027"
        );
    }
}
