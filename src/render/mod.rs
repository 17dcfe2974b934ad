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
use crate::model::output::{OutputFile, OutputSink, GENERATED_PAGES};
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
pub mod jsonld;
pub mod opendata;
pub mod theme;
pub mod vcard;

/// Renders templates for one site: the `site` value is made once and shared by every job.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    site_context: SiteContext<'a>,
}

/// One file to render: its template, URL, the content file it comes from (for error messages),
/// breadcrumbs and the template's own values.
struct Job<'a, T: Serialize> {
    template: &'a str,
    url: &'a str,
    origin: &'a str,
    breadcrumbs: Vec<Link<'a>>,
    values: T,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, tera: &'a Tera) -> Self {
        Renderer {
            site,
            tera,
            site_context: context::site_context(site),
        }
    }

    /// Renders one job; a panic while rendering becomes an error naming the content file.
    fn run<T: Serialize>(&self, job: Job<'_, T>) -> Result<OutputFile, Diagnostic> {
        let origin = job.origin.to_string();
        catch_panic(&origin, || self.run_unguarded(job)).and_then(|r| r)
    }

    fn run_unguarded<T: Serialize>(&self, job: Job<'_, T>) -> Result<OutputFile, Diagnostic> {
        let frame = Frame {
            site: &self.site_context,
            breadcrumbs: job.breadcrumbs,
            current_url: self.site.href(job.url),
            permalink: self.site.permalink(job.url),
            values: job.values,
        };
        let failed = |message: String| {
            Diagnostic::error(
                "template",
                format!("templates/{}", job.template),
                format!("rendering {} failed: {message}", job.origin),
            )
            .help("check the template against the values it receives (see README, “Templates”)")
        };
        let context = Context::from_serialize(&frame).map_err(|e| failed(error_chain(&e)))?;
        drop(frame);
        let text = self
            .tera
            .render(job.template, &context)
            .map_err(|e| failed(error_chain(&e)))?;
        let path = output_path(job.url);
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
        Ok(OutputFile::new(path, bytes))
    }

    /// Sections, pages, then taxonomy and term pages, in this order.
    pub fn pages(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        collect(self.render_pages(Some), diagnostics)
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
                keep(self.run(Job {
                    template,
                    url: &section.url,
                    origin: &section.file,
                    breadcrumbs: section_crumbs(site, index),
                    values: Named("section", context::section_context(site, index)),
                }))
            })
            .collect();
        results.par_extend(
            site.pages
                .par_iter()
                .enumerate()
                .filter_map(|(index, page)| {
                    let mut breadcrumbs = section_crumbs(site, page.section);
                    breadcrumbs.push(context::link(site, &page.meta.title, &page.url));
                    keep(self.run(Job {
                        template: page.kind().spec().template,
                        url: &page.url,
                        origin: &page.file,
                        breadcrumbs,
                        values: Named("page", context::page_context(site, index, true, &referrers)),
                    }))
                }),
        );
        let mut taxonomy_jobs = Vec::new();
        for kind in TaxonomyKind::ALL {
            let list_url = format!("/{}/", kind.path());
            taxonomy_jobs.push((kind, None, list_url.clone()));
            let taxonomy = site.taxonomy(kind);
            for (term, t) in taxonomy.terms.iter().enumerate() {
                taxonomy_jobs.push((kind, Some(term), taxonomy.term_url(&t.slug)));
            }
        }
        results.par_extend(taxonomy_jobs.par_iter().filter_map(|(kind, term, url)| {
            let list_url = format!("/{}/", kind.path());
            let mut breadcrumbs = vec![
                context::link(site, "Accueil", "/"),
                context::link(site, kind.title(), &list_url),
            ];
            keep(match term {
                None => self.run(Job {
                    template: "taxonomy.html",
                    url,
                    origin: "(taxonomies)",
                    breadcrumbs,
                    values: Named("taxonomy", context::taxonomy_context(site, *kind)),
                }),
                Some(term) => {
                    let name = &site.taxonomy(*kind).terms[*term].name;
                    breadcrumbs.push(context::link(site, name, url));
                    self.run(Job {
                        template: "term.html",
                        url,
                        origin: "(taxonomies)",
                        breadcrumbs,
                        values: Named("term", context::term_context(site, *kind, *term)),
                    })
                }
            })
        }));
        results
    }

    /// Pages with no content file: search, site map, accessibility, legal notices, 404.
    pub fn generated_pages(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        let site = self.site;
        let results = GENERATED_PAGES
            .par_iter()
            .map(|page| {
                let template = page.template();
                self.run(Job {
                    template: &template,
                    url: page.url,
                    origin: "(generated)",
                    breadcrumbs: vec![
                        context::link(site, "Accueil", "/"),
                        context::link(site, page.title, page.url),
                    ],
                    values: GeneratedValues {
                        title: page.title,
                        map: context::site_map(site),
                    },
                })
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
                },
            })
        })
        .collect();
        collect(results, diagnostics)
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
        let unknown_label = |what: &str| format!("Je ne sais pas {what}");
        // (answers, URL, breadcrumbs after "Trouver de l'aide", question number or 0 for an answer)
        let mut pages: Vec<PathPage> = Vec::new();
        let root = format!("/{PATH}/");
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
            let d_label = d.map_or(unknown_label("où"), |t| context::choice(site, t, "").label);
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
                let c_label = c.map_or(unknown_label("pourquoi"), |t| {
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
                        t.map_or(unknown_label("où j'habite"), |t| t.name.clone()),
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
        let data = context::orientation_data(&orientation, &pages);
        let data_file = OutputFile::new(
            format!("{PATH}/parcours.json"),
            serde_json::to_vec(&data).expect("plain JSON values"),
        );
        let results = pages
            .par_iter()
            .map(|(answers, url, crumbs, step)| {
                let mut breadcrumbs = vec![
                    context::link(site, "Accueil", "/"),
                    context::link(site, "Trouver de l'aide", &root),
                ];
                breadcrumbs.extend(crumbs.iter().map(|(title, url)| context::link(site, title, url)));
                if *step == 0 {
                    return self.run(Job {
                        template: "trouver-reponse.html",
                        url,
                        origin: "(orientation)",
                        breadcrumbs,
                        values: Named("answer", context::answer_context(&orientation, *answers)),
                    });
                }
                let (question, hint, choices): (&str, &str, Vec<context::Choice>) = match step {
                    1 => (
                        "Où est-ce arrivé ?",
                        "Choisissez le lieu ou le moment de votre vie où on vous a traité moins bien que les autres.",
                        domains.iter().map(|t| context::choice(site, t, &format!("{url}{}/", t.slug))).collect(),
                    ),
                    2 => (
                        "Pourquoi, à votre avis ?",
                        "Choisissez la raison pour laquelle on vous a traité moins bien. Les raisons les plus fréquentes sont en haut.",
                        orientation.criteria(answers.domain).into_iter().map(|t| context::choice(site, t, &format!("{url}{}/", t.slug))).collect(),
                    ),
                    _ => (
                        "Où habitez-vous ?",
                        "Nous vous montrons les personnes qui peuvent vous aider près de chez vous.",
                        territories.iter().map(|t| context::Choice { label: t.name.clone(), name: &t.name, url: site.href(&format!("{url}{}/", t.slug)) }).collect(),
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
                            question,
                            hint,
                            choices,
                            unknown: site.href(&format!("{url}{UNKNOWN}/")),
                            answered: crumbs.iter().map(|(title, _)| title.clone()).collect(),
                        },
                    ),
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
    title: &'static str,
    map: context::SiteMap<'a>,
}

#[derive(Serialize)]
struct UrlsValues {
    urls: Vec<context::UrlEntry>,
}

fn collect(
    results: Vec<Result<OutputFile, Diagnostic>>,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
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

fn section_crumbs(site: &Site, index: usize) -> Vec<Link<'_>> {
    let mut chain = Vec::new();
    let mut current = Some(index);
    while let Some(i) = current {
        let s = &site.sections[i];
        let title = if i == 0 { "Accueil" } else { s.title.as_str() };
        chain.push(context::link(site, title, &s.url));
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
    fn event_dates_read_as_french() {
        let day = |s| EventTime::Day(crate::model::dates::parse_date(s).unwrap());
        assert_eq!(
            event_when(day("2027-05-17"), None, Some(Recurrence::Yearly)),
            "le 17 mai 2027, chaque année"
        );
        assert_eq!(
            event_when(day("2027-05-17"), Some(day("2027-05-23")), None),
            "du 17 mai 2027 au 23 mai 2027"
        );
        let at = crate::model::dates::parse_event_time("2027-05-17T18:30").unwrap();
        assert_eq!(event_when(at, None, None), "le 17 mai 2027 à 18 h 30");
    }
}
