//! Translated files (`handicap.en.md`, `_index.en.md`): each is read after its original, takes
//! the original's facts (dates, contacts, criteria, parties, phone numbers…) and gives its own
//! texts (title, summary, body) and, if it wants, its own `slug`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde_yaml_ng::{Mapping, Value};

use crate::diagnostics::{catch_panic, did_you_mean, Diagnostic, Diagnostics};
use crate::model::config::Config;
use crate::model::content::{is_valid_slug, Content, Page, Section, Translated};
use crate::model::frontmatter::{self, SectionFront};
use crate::model::language::{split_language, Lang};

use super::invalid_slug;
use super::markdown::{self, MarkdownOptions, TranslatedLinks};

/// Front-matter fields a translation gives itself; every other field is a fact, read from the
/// original, and a translation that repeats one must repeat it unchanged.
pub const TEXT_FIELDS: [&str; 6] = ["title", "summary", "slug", "updated", "draft", "figures"];

/// A translation file, before its front matter is read.
struct Pending {
    file: String,
    text: Arc<str>,
    lang: Lang,
    /// The original's file: `content/droits/handicap.md`.
    original: String,
}

pub(super) fn load(
    files: Vec<(String, Arc<str>)>,
    content: &Content,
    config: &Config,
    options: &MarkdownOptions,
    table_labels: &[String],
    keep_sources: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Translated> {
    let mut translated: Vec<Translated> = config
        .langs()
        .skip(1)
        .map(|lang| Translated {
            lang,
            sections: vec![None; content.sections.len()],
            pages: Vec::new(),
        })
        .collect();
    let pending = recognise(files, config, diagnostics);
    if pending.is_empty() {
        return translated;
    }
    let page_by_file: HashMap<&str, usize> = content
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.file.as_str(), i))
        .collect();
    let section_by_file: HashMap<&str, usize> = content
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.file.as_str(), i))
        .collect();

    // First the front matter of every translation, to know each one's URL: a link inside a
    // translation goes to the translation of its target when there is one.
    let mut fronts: Vec<(Pending, Front)> = Vec::new();
    for p in pending {
        let front = if let Some(&s) = section_by_file.get(p.original.as_str()) {
            section_front(&p, s, content)
        } else if let Some(&i) = page_by_file.get(p.original.as_str()) {
            page_front(&p, i, content)
        } else {
            Err(vec![no_original(&p)])
        };
        match front {
            Ok(f) => fronts.push((p, f)),
            Err(ds) => diagnostics.items.extend(ds),
        }
    }
    let mut urls: Vec<HashMap<String, String>> = vec![HashMap::new(); config.languages.len()];
    let mut taken: HashMap<String, String> = HashMap::new();
    for (p, f) in &fronts {
        let original_url = match f {
            Front::Section { index, .. } => content.sections[*index].url.clone(),
            Front::Page { index, .. } => content.pages[*index].url.clone(),
        };
        let url = f.url(content, config, p.lang);
        if let Some(other) = taken.insert(url.clone(), p.file.clone()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-url",
                    &p.file,
                    format!("this translation has the address {url}, like `{other}`"),
                )
                .help("give one of them another `slug:`"),
            );
        }
        urls[p.lang.index()].insert(original_url, url);
    }
    let originals: HashSet<&str> = content
        .pages
        .iter()
        .map(|p| p.url.as_str())
        .chain(content.sections.iter().map(|s| s.url.as_str()))
        .collect();
    let default = config.lang(Lang::DEFAULT);
    let links: Vec<TranslatedLinks> = config
        .langs()
        .map(|lang| TranslatedLinks {
            prefix: config.lang_prefix(lang),
            translated: std::mem::take(&mut urls[lang.index()]),
            originals: originals.iter().map(|u| u.to_string()).collect(),
            original_code: default.code.to_string(),
            original_name: default.name.clone(),
        })
        .collect();

    // Then the bodies, in parallel.
    let converted: Vec<Result<(Lang, Converted), Diagnostic>> = fronts
        .into_par_iter()
        .map(|(p, front)| {
            let file = p.file.clone();
            catch_panic(&file, || {
                let options = MarkdownOptions {
                    links: Some(&links[p.lang.index()]),
                    table_label: table_labels
                        .get(p.lang.index())
                        .map_or(options.table_label, String::as_str),
                    ..*options
                };
                convert(p, front, content, config, &options)
            })
        })
        .collect();
    for c in converted {
        match c {
            Ok((lang, Converted::Section(index, section))) => {
                diagnostics
                    .items
                    .extend(section.markdown.diagnostics.iter().cloned());
                translated[lang.index() - 1].sections[index] = Some(*section);
            }
            Ok((lang, Converted::Page(mut page))) => {
                diagnostics
                    .items
                    .extend(page.markdown.diagnostics.iter().cloned());
                // As for the originals (see `load`).
                if !keep_sources {
                    page.drop_body_source();
                }
                translated[lang.index() - 1].pages.push(*page);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    for t in &mut translated {
        t.pages.sort_by(|a, b| a.file.cmp(&b.file));
    }
    translated
}

/// Keeps the files whose suffix is one of the site's other languages; a suffix that is the
/// default language or a language the site does not have is an error.
fn recognise(
    files: Vec<(String, Arc<str>)>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Vec<Pending> {
    let mut pending = Vec::new();
    for (file, text) in files {
        let name = file.rsplit('/').next().unwrap_or(&file);
        let (stem, Some(code)) = split_language(name) else {
            continue;
        };
        let folder = file[..file.len() - name.len()].to_string();
        let original = format!("{folder}{stem}.md");
        match config.lang_of(code) {
            Some(lang) if !lang.is_default() => pending.push(Pending {
                file,
                text,
                lang,
                original,
            }),
            Some(_) => diagnostics.push(
                Diagnostic::error(
                    "translation-language",
                    &file,
                    format!("`{code}` is the site's default language: its pages have no language in their file name"),
                )
                .help(format!("rename this file `{stem}.md`")),
            ),
            None => {
                let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                diagnostics.push(
                    Diagnostic::error(
                        "translation-language",
                        &file,
                        format!("this file is a translation into `{code}`, a language the site does not have"),
                    )
                    .help(format!(
                        "add `{{ code: {code}, name: … }}` to `languages:` in balise.yaml (it has: {}), or rename the file",
                        codes.join(", ")
                    )),
                )
            }
        }
    }
    pending
}

fn no_original(p: &Pending) -> Diagnostic {
    Diagnostic::error(
        "translation-without-original",
        &p.file,
        format!(
            "this translation has no original: `{}` does not exist",
            p.original
        ),
    )
    .help(format!(
        "write the original `{}` first, or rename this file after the page it translates",
        p.original
    ))
}

/// What a translation's front matter gave, merged with its original's facts.
enum Front {
    Section {
        index: usize,
        front: SectionFront,
        body_offset: usize,
    },
    Page {
        index: usize,
        slug: String,
        // Boxed: a page's front matter is far larger than a section's.
        meta: Box<crate::model::frontmatter::Common>,
        data: Box<crate::model::frontmatter::KindData>,
        yaml: std::ops::Range<usize>,
        body_offset: usize,
    },
}

impl Front {
    fn url(&self, content: &Content, config: &Config, lang: Lang) -> String {
        let prefix = config.lang_prefix(lang);
        match self {
            Front::Section { index, .. } => format!("{prefix}{}", content.sections[*index].url),
            Front::Page { index, slug, .. } => {
                let page = &content.pages[*index];
                format!("{prefix}{}{slug}/", content.sections[page.section].url)
            }
        }
    }
}

enum Converted {
    Section(usize, Box<Section>),
    Page(Box<Page>),
}

fn parse_mapping(file: &str, text: &str, yaml: &str, offset: usize) -> Result<Mapping, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml_ng::from_str::<Mapping>(yaml)
        .map_err(|e| frontmatter::yaml_error(file, text, offset, &e, &TEXT_FIELDS))
}

/// The translation's fields over the original's: text fields replace, facts must agree.
fn merge(
    p: &Pending,
    yaml_offset: usize,
    yaml: &str,
    original: &Mapping,
    mine: Mapping,
    allowed: &[&str],
) -> Result<(Mapping, Option<String>), Vec<Diagnostic>> {
    let mut merged = original.clone();
    let mut errors = Vec::new();
    let mut slug = None;
    let range = yaml_offset..yaml_offset + yaml.len();
    for (key, value) in mine {
        let Some(name) = key.as_str().map(str::to_string) else {
            continue;
        };
        let span = frontmatter::locate(&p.text, range.clone(), &name, None);
        if name == "slug" {
            match value.as_str() {
                Some(s) if is_valid_slug(s) => slug = Some(s.to_string()),
                Some(s) => errors.push(invalid_slug(&p.file, s, "translation's").at(&p.text, span)),
                None => errors.push(
                    Diagnostic::error(
                        "invalid-slug",
                        &p.file,
                        "`slug` must be a word such as `disability`",
                    )
                    .at(&p.text, span)
                    .help("write lowercase letters without accents, digits and hyphens"),
                ),
            }
            continue;
        }
        if TEXT_FIELDS.contains(&name.as_str()) {
            merged.insert(Value::String(name), value);
            continue;
        }
        if !allowed.contains(&name.as_str()) {
            let help = match did_you_mean(&name, TEXT_FIELDS.iter().copied()) {
                Some(s) => format!(
                    "did you mean `{s}`? A translation gives its texts: {}",
                    TEXT_FIELDS.join(", ")
                ),
                None => format!(
                    "a translation gives its texts: {}; the rest comes from the original",
                    TEXT_FIELDS.join(", ")
                ),
            };
            errors.push(
                Diagnostic::error("unknown-field", &p.file, format!("unknown field `{name}`"))
                    .at(&p.text, span)
                    .help(help),
            );
            continue;
        }
        if original.get(name.as_str()) != Some(&value) {
            errors.push(
                Diagnostic::error(
                    "translation-contradicts",
                    &p.file,
                    format!("`{name}` differs from the original `{}`", p.original),
                )
                .at(&p.text, span)
                .help(format!(
                    "a translation takes its facts from the original: remove `{name}:` here, or change it in `{}`",
                    p.original
                )),
            );
        }
    }
    if errors.is_empty() {
        Ok((merged, slug))
    } else {
        Err(errors)
    }
}

fn section_front(p: &Pending, index: usize, content: &Content) -> Result<Front, Vec<Diagnostic>> {
    let section = &content.sections[index];
    let split = frontmatter::split(&p.file, &p.text).map_err(|d| vec![d])?;
    let mine =
        parse_mapping(&p.file, &p.text, split.yaml, split.yaml_offset).map_err(|d| vec![d])?;
    // A section's one fact is its kind; its texts are all its other fields.
    let mut original = Mapping::new();
    original.insert(
        Value::String("kind".into()),
        Value::String(section.kind.name().into()),
    );
    let (merged, slug) = merge(
        p,
        split.yaml_offset,
        split.yaml,
        &original,
        mine,
        &frontmatter::SECTION_FIELDS,
    )?;
    if slug.is_some() {
        let at = split.yaml_offset + split.yaml.find("slug").unwrap_or(0);
        return Err(vec![Diagnostic::error(
            "translation-slug",
            &p.file,
            "a section keeps its folder's name in every language",
        )
        .at(&p.text, at..at + 4)
        .help("remove `slug:` from this `_index` file")]);
    }
    let front: SectionFront = serde_value(merged).map_err(|e| {
        vec![Diagnostic::error("front-matter", &p.file, e).help("write at least `title:`")]
    })?;
    Ok(Front::Section {
        index,
        front,
        body_offset: split.body_offset,
    })
}

fn page_front(p: &Pending, index: usize, content: &Content) -> Result<Front, Vec<Diagnostic>> {
    let page = &content.pages[index];
    let split = frontmatter::split(&p.file, &p.text).map_err(|d| vec![d])?;
    let mine =
        parse_mapping(&p.file, &p.text, split.yaml, split.yaml_offset).map_err(|d| vec![d])?;
    let original: Mapping =
        serde_yaml_ng::from_str(&page.source[page.yaml.clone()]).unwrap_or_default();
    let fields = page.kind().spec().fields;
    let (merged, slug) = merge(p, split.yaml_offset, split.yaml, &original, mine, fields)?;
    let yaml = serde_yaml_ng::to_string(&merged)
        .map_err(|e| vec![Diagnostic::error("front-matter", &p.file, e.to_string())])?;
    let (meta, data) = frontmatter::parse_page(page.kind(), &yaml).map_err(|(e, fields)| {
        // The merged block is not the file: point at the translation's front matter as a whole.
        let mut d = frontmatter::yaml_error(&p.file, &yaml, 0, &e, fields);
        d.span = None;
        let line = crate::diagnostics::line_column(&p.text, split.yaml_offset).0;
        vec![d.at_line(line, 1)]
    })?;
    Ok(Front::Page {
        index,
        slug: slug.unwrap_or_else(|| page.slug.clone()),
        meta: Box::new(meta),
        data: Box::new(data),
        yaml: split.yaml_offset..split.yaml_offset + split.yaml.len(),
        body_offset: split.body_offset,
    })
}

fn serde_value<T: serde::de::DeserializeOwned>(mapping: Mapping) -> Result<T, String> {
    serde_yaml_ng::from_value(Value::Mapping(mapping)).map_err(|e| e.to_string())
}

fn convert(
    p: Pending,
    front: Front,
    content: &Content,
    config: &Config,
    options: &MarkdownOptions,
) -> (Lang, Converted) {
    let url = front.url(content, config, p.lang);
    let lang = p.lang;
    match front {
        Front::Section {
            index,
            front,
            body_offset,
        } => {
            let original = &content.sections[index];
            let markdown = markdown::render(&p.file, &p.text, body_offset, options);
            let section = Section {
                file: p.file,
                path: original.path.clone(),
                url,
                title: front.title,
                summary: front.summary,
                kind: original.kind,
                updated: front.updated,
                markdown,
                parent: original.parent,
                lang,
            };
            (lang, Converted::Section(index, Box::new(section)))
        }
        Front::Page {
            index,
            slug,
            meta,
            data,
            yaml,
            body_offset,
        } => {
            let original = &content.pages[index];
            let markdown = markdown::render(&p.file, &p.text, body_offset, options);
            let page = Page {
                file: p.file,
                source: p.text,
                yaml,
                section: original.section,
                slug,
                url,
                lang,
                key: original.file.clone(),
                meta: *meta,
                data: *data,
                markdown,
            };
            (lang, Converted::Page(Box::new(page)))
        }
    }
}
