//! Stage 1, load: walk `content/`, read each file, split and parse its front matter into the
//! typed struct of its section's kind, and convert its Markdown.
//!
//! Markdown is converted here rather than at render time because validation needs every page's
//! headings and links to check internal links and anchors.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{catch_panic, did_you_mean, Diagnostic, Diagnostics, OnDisk};
use crate::model::config::Config;
use crate::model::content::{
    is_valid_slug, Asset, Content, Page, Section, CONTENT_DIR, INDEX_FILE, STATIC_DIR,
};
use crate::model::files::SiteBounds;
use crate::model::frontmatter::{self, Kind, SectionFront};
use crate::model::language::{split_language, Lang};
use crate::model::limits::MAX_FILE_BYTES;
use crate::text::relative;

pub mod markdown;
mod translations;

use markdown::{Markdown, MarkdownOptions};

/// Loads `content/`. `table_labels` names the scrolling region of a table in each language
/// (from the theme's messages).
///
/// Unless `keep_sources` (for `serve`, which validates again after an edit), each page keeps
/// only the front matter of its text once its body is converted: no later stage of a build reads
/// the body (its links carry their line and column), and the bodies of a large site would stay
/// in memory beside its HTML and plain text. A report quoting a page reads the file again.
pub fn load(
    root: &Path,
    bounds: &SiteBounds,
    config: &Config,
    table_labels: &[String],
    keep_sources: bool,
    diagnostics: &mut Diagnostics,
) -> Content {
    let content_dir = root.join(CONTENT_DIR);
    let mut markdown_files = Vec::new();
    let mut content = Content::default();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                "no-content",
                CONTENT_DIR,
                "there is no `content/` folder at the site root",
            )
            .help("create `content/_index.md` for the home page, then one folder per section"),
        );
        return content;
    }
    // Links are followed only inside the site (`model::files`): a link to `/etc/shadow` or to
    // a parent folder is a diagnostic, never an input.
    for file in bounds.walk(CONTENT_DIR, diagnostics) {
        if is_ignored(&file.path) {
            continue;
        }
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        if name.ends_with(".md") {
            markdown_files.push((content_dir.join(&file.path), file.source));
        } else {
            content.assets.push(Asset {
                output: file.path,
                source: file.source,
            });
        }
    }
    collect_static(bounds, &mut content.assets, diagnostics);

    // Read and parse every file in parallel; sections first so pages know their kind.
    let base_path = config.base_path();
    let default_label = table_labels.first().map_or("Tableau", String::as_str);
    let options = MarkdownOptions {
        allow_html: config.allow_html,
        base_path: &base_path,
        links: None,
        table_label: default_label,
    };
    let mut timings = crate::timings::StageTimings::from_env();
    // Pages are read where they are converted, one at a time on each thread, so that the
    // Markdown of a large site is never in memory all at once (188 MB for 10,000 pages of 3,000
    // words): what is sorted by its name first, and the other files (sections, translations,
    // answer texts, a few per section) read before.
    let answers_folder = format!("{CONTENT_DIR}/{}/", crate::model::orientation::PATH);
    let (page_files, other_files): (Vec<_>, Vec<_>) = markdown_files
        .into_iter()
        .map(|(shown, source)| (relative(root, &shown), source))
        .partition(|(file, _)| {
            !file.starts_with(&answers_folder)
                && !file.ends_with(&format!("/{INDEX_FILE}"))
                && split_language(file.rsplit('/').next().unwrap_or(file))
                    .1
                    .is_none()
        });
    let read: Vec<_> = other_files
        .par_iter()
        .map(|(file, source)| read_source(file, source))
        .collect();
    let mut sources = Vec::new();
    for r in read {
        match r {
            Ok((file, text, on_disk)) => {
                keep_for_diagnostics(diagnostics, &file, &text, on_disk, keep_sources);
                sources.push((file, text));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    timings.lap("  read the sections and translations");

    let (answer_files, sources): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|(file, _)| file.starts_with(&answers_folder));
    for (file, text) in answer_files {
        match load_answer_text(&file, &text, &answers_folder, &options) {
            Ok(answer) => content.answer_texts.push(answer),
            Err(d) => diagnostics.push(d),
        }
    }
    // Translations (`handicap.en.md`) are read after the originals, whose facts they take.
    let (translation_files, index_files): (Vec<_>, Vec<_>) =
        sources.into_iter().partition(|(file, _)| {
            split_language(file.rsplit('/').next().unwrap_or(file))
                .1
                .is_some()
        });
    load_sections(index_files, &options, &mut content, diagnostics);

    let section_by_path: BTreeMap<String, usize> = content
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.path.clone(), i))
        .collect();
    let mut missing_index: BTreeMap<String, String> = BTreeMap::new();
    // Each page with what the diagnostics keep of its file (its text, or where it is on disk).
    type Read = Option<(String, Arc<str>, OnDisk)>;
    let parsed: Vec<(Read, Result<Page, Vec<Diagnostic>>)> = page_files
        .into_par_iter()
        .map(|(file, source)| {
            let (file, text, on_disk) = match read_source(&file, &source) {
                Ok(read) => read,
                Err(d) => return (None, Err(vec![d])),
            };
            let kept = keep_sources.then(|| text.clone());
            let read = Some((file.clone(), kept.unwrap_or_default(), on_disk));
            let folder = folder_of(&file);
            let Some(&section) = section_by_path.get(&folder) else {
                let missing = Diagnostic::error(
                    "missing-section-index",
                    format!("{CONTENT_DIR}/{folder}/{INDEX_FILE}"),
                    "",
                );
                return (read, Err(vec![missing]));
            };
            let shown = file.clone();
            let page = catch_panic(&shown, || {
                let mut page =
                    load_page(file, text, section, &content.sections[section], &options)?;
                if !keep_sources {
                    page.drop_body_source();
                }
                Ok(page)
            })
            .unwrap_or_else(|d| Err(vec![d]));
            (read, page)
        })
        .collect();
    timings.lap("  front matter and Markdown of the pages");
    // Pages are large values: grown one by one, the list was copied again at each doubling,
    // into new memory (half a second of a 100,000-page build, most of it the kernel zeroing
    // pages for the copies).
    content.pages.reserve_exact(parsed.len());
    for (read, p) in parsed {
        if let Some((file, text, on_disk)) = read {
            keep_for_diagnostics(diagnostics, &file, &text, on_disk, keep_sources);
        }
        match p {
            Ok(page) => {
                diagnostics
                    .items
                    .extend(page.markdown.diagnostics.iter().cloned());
                content.pages.push(page);
            }
            Err(ds) => {
                for d in ds {
                    if d.code == "missing-section-index" {
                        missing_index.insert(d.file.clone(), String::new());
                    } else {
                        diagnostics.push(d);
                    }
                }
            }
        }
    }
    for file in missing_index.into_keys() {
        let folder = file
            .trim_end_matches(INDEX_FILE)
            .trim_end_matches('/')
            .to_string();
        diagnostics.push(
            Diagnostic::error("missing-section-index", folder.clone(), format!("the folder `{folder}` has pages but no `{INDEX_FILE}`"))
                .help(format!("create `{file}` with `title:` and `kind:` (right, contact, convention, event or page)")),
        );
    }
    content.pages.sort_by(|a, b| a.file.cmp(&b.file));
    content.translated = translations::load(
        translation_files,
        &content,
        config,
        &options,
        table_labels,
        keep_sources,
        diagnostics,
    );
    content
}

/// A file of `content/` that is never read: hidden (`.age.md.swp`) or an editor's backup
/// (`age.md~`). `path` is `/`-separated.
pub fn is_ignored(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with('.') || name.ends_with('~')
}

/// Reads and parses one page file again, as [`load`] does, for `serve`'s incremental rebuild:
/// `path` is the file on disk, `section_index` and `section` those the page belongs to.
pub fn reload_page(
    root: &Path,
    path: &Path,
    section_index: usize,
    section: &Section,
    config: &Config,
    table_label: &str,
) -> Result<Page, Vec<Diagnostic>> {
    let (file, text, _) = read_source(&relative(root, path), path).map_err(|d| vec![d])?;
    let base_path = config.base_path();
    let options = MarkdownOptions {
        allow_html: config.allow_html,
        base_path: &base_path,
        links: None,
        table_label,
    };
    let shown = file.clone();
    catch_panic(&shown, || {
        load_page(file, text, section_index, section, &options)
    })
    .unwrap_or_else(|d| Err(vec![d]))
}

fn collect_static(bounds: &SiteBounds, assets: &mut Vec<Asset>, diagnostics: &mut Diagnostics) {
    for file in bounds.walk(STATIC_DIR, diagnostics) {
        assets.push(Asset {
            output: file.path,
            source: file.source,
        });
    }
}

/// `content/trouver/logement/patronyme.md`: front matter like a page's (a title is not needed),
/// then the text of the answer.
fn load_answer_text(
    file: &str,
    text: &str,
    folder: &str,
    options: &MarkdownOptions,
) -> Result<crate::model::content::AnswerText, Diagnostic> {
    let help = "name it content/trouver/<domaine>/<critere>.md with the slugs of a domain and a criterion, or ne-sais-pas";
    let parts: Vec<&str> = file
        .trim_start_matches(folder)
        .trim_end_matches(".md")
        .split('/')
        .collect();
    let [domain, criterion] = parts[..] else {
        return Err(Diagnostic::error(
            "answer-text-path",
            file,
            "an answer text must sit at content/trouver/<domaine>/<critere>.md",
        )
        .help(help));
    };
    let split = frontmatter::split(file, text)?;
    Ok(crate::model::content::AnswerText {
        file: file.to_string(),
        domain: domain.to_string(),
        criterion: criterion.to_string(),
        markdown: markdown::render(file, text, split.body_offset, options),
    })
}

/// Folder of a content file under `content/`: "content/droits/age.md" → "droits".
fn folder_of(file: &str) -> String {
    let under = file
        .strip_prefix(&format!("{CONTENT_DIR}/"))
        .unwrap_or(file);
    under
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| dir.to_string())
}

/// Reads a Markdown file: `shown` is where it is in the site, `source` the real file (they differ
/// through a link). Returns its name in the site and its text, and where it is on disk as it was
/// then, to quote it again in a report.
/// Keeps, for the report, the text of a file (`serve`) or where it is (a build: it is read again
/// if a diagnostic quotes it).
fn keep_for_diagnostics(
    diagnostics: &mut Diagnostics,
    file: &str,
    text: &Arc<str>,
    on_disk: OnDisk,
    keep_sources: bool,
) {
    if keep_sources {
        diagnostics.add_source(file, text.clone());
    } else {
        diagnostics.add_source_on_disk(file, on_disk);
    }
}

/// Reads the file `file` (as shown in reports) from `source`.
fn read_source(file: &str, source: &Path) -> Result<(String, Arc<str>, OnDisk), Diagnostic> {
    let file = file.to_string();
    let meta = std::fs::metadata(source).ok();
    let on_disk = OnDisk {
        path: source.to_path_buf(),
        len: meta.as_ref().map_or(0, |m| m.len()),
        modified: meta.as_ref().and_then(|m| m.modified().ok()),
    };
    // Checked before reading: a huge file is refused without being held in memory.
    if let Some(meta) = &meta {
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                "too-large",
                file,
                format!(
                    "this file is {} bytes long; a content file may have at most {MAX_FILE_BYTES} bytes",
                    meta.len()
                ),
            )
            .help("split the text into several pages, or publish the document as a file in `static/` and link to it"));
        }
    }
    let bytes = std::fs::read(source).map_err(|e| {
        Diagnostic::error("io", file.clone(), format!("cannot read this file: {e}"))
            .help("check its permissions")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((file, Arc::from(text), on_disk)),
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..offset]);
            let (line, column) = crate::diagnostics::line_column(&valid, valid.len());
            Err(Diagnostic::error(
                "not-utf8",
                file,
                format!("byte 0x{:02X} at offset {offset} is not UTF-8 text", bytes[offset]),
            )
            .at_line(line, column)
            .help("save the file as UTF-8 (in most editors: “Save with encoding” → UTF-8); text pasted from Word or a PDF often brings such bytes"))
        }
    }
}

fn load_sections(
    files: Vec<(String, Arc<str>)>,
    options: &MarkdownOptions,
    content: &mut Content,
    diagnostics: &mut Diagnostics,
) {
    // Parents before children, so a sub-section inherits its parent's kind.
    let mut files = files;
    files.sort_by_key(|(file, _)| (file.matches('/').count(), file.clone()));
    let mut has_home = false;
    for (file, text) in files {
        let path = folder_of(&file);
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            if !is_valid_slug(segment) {
                diagnostics.push(invalid_slug(&file, segment, "folder"));
            }
        }
        let split = match frontmatter::split(&file, &text) {
            Ok(s) => s,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let yaml = if split.yaml.trim().is_empty() {
            "{}"
        } else {
            split.yaml
        };
        let front: SectionFront = match serde_yaml_ng::from_str(yaml) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(frontmatter::yaml_error(
                    &file,
                    &text,
                    split.yaml_offset,
                    &e,
                    &frontmatter::SECTION_FIELDS,
                ));
                continue;
            }
        };
        let parent_path = path
            .rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_string());
        let parent = (!path.is_empty())
            .then(|| content.sections.iter().position(|s| s.path == parent_path))
            .flatten();
        let inherited = parent.map_or(Kind::Page, |p| content.sections[p].kind);
        let kind = match front.kind.as_deref() {
            None => inherited,
            Some(k) => match Kind::parse(k) {
                Some(kind) => kind,
                None => {
                    let names = Kind::ALL.map(Kind::name);
                    let yaml_range = split.yaml_offset..split.yaml_offset + split.yaml.len();
                    let span = frontmatter::locate(&text, yaml_range, "kind", Some(k));
                    let help = match did_you_mean(k, names) {
                        Some(s) => {
                            format!("did you mean `{s}`? The kinds are: {}", names.join(", "))
                        }
                        None => format!("write one of: {}", names.join(", ")),
                    };
                    diagnostics.push(
                        Diagnostic::error("unknown-kind", &file, format!("unknown kind `{k}`"))
                            .at(&text, span)
                            .help(help),
                    );
                    continue;
                }
            },
        };
        has_home |= path.is_empty();
        let markdown = match catch_panic(&file, || {
            markdown::render(&file, &text, split.body_offset, options)
        }) {
            Ok(m) => m,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        diagnostics
            .items
            .extend(markdown.diagnostics.iter().cloned());
        content.sections.push(Section {
            url: if path.is_empty() {
                "/".into()
            } else {
                format!("/{path}/")
            },
            file,
            path,
            title: front.title,
            summary: front.summary,
            kind,
            updated: front.updated,
            markdown,
            parent,
            lang: Lang::DEFAULT,
        });
    }
    if !has_home {
        // A site without `content/_index.md` still gets a home page, titled after the site.
        content.sections.insert(
            0,
            Section {
                file: format!("{CONTENT_DIR}/{INDEX_FILE}"),
                path: String::new(),
                url: "/".into(),
                title: String::new(),
                summary: None,
                kind: Kind::Page,
                updated: None,
                markdown: Markdown::default(),
                parent: None,
                lang: Lang::DEFAULT,
            },
        );
        for s in content.sections.iter_mut().skip(1) {
            s.parent = s.parent.map(|p| p + 1);
        }
    }
    // Sub-sections whose parent folder has no `_index.md` hang from the home page.
    for s in content.sections.iter_mut().skip(1) {
        if s.parent.is_none() {
            s.parent = Some(0);
        }
    }
}

fn invalid_slug(file: &str, slug: &str, what: &str) -> Diagnostic {
    let suggestion = slug::slugify(slug);
    Diagnostic::error("invalid-slug", file, format!("the {what} name `{slug}` is not a valid slug: it becomes part of the address of the page"))
        .help(if suggestion.is_empty() {
            "use lowercase letters without accents, digits and hyphens, for example `mon-droit`".to_string()
        } else {
            format!("rename it `{suggestion}` (lowercase letters without accents, digits and hyphens)")
        })
}

pub(crate) fn load_page(
    file: String,
    text: Arc<str>,
    section_index: usize,
    section: &Section,
    options: &MarkdownOptions,
) -> Result<Page, Vec<Diagnostic>> {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(&file)
        .trim_end_matches(".md")
        .to_string();
    let mut errors = Vec::new();
    if !is_valid_slug(&stem) {
        errors.push(invalid_slug(&file, &stem, "file"));
    }
    let split = frontmatter::split(&file, &text).map_err(|d| {
        let mut e = errors.clone();
        e.push(d);
        e
    })?;
    let (parsed, front_errors) =
        frontmatter::parse_page_reporting_all(section.kind, &file, &text, &split);
    errors.extend(front_errors);
    let Some((meta, data)) = parsed else {
        return Err(errors);
    };
    let mut markdown = markdown::render(&file, &text, split.body_offset, options);
    // Front-matter errors travel with the page so that validation still checks the rest of it.
    markdown.diagnostics.extend(errors);
    Ok(Page {
        url: format!("{}{stem}/", section.url),
        lang: Lang::DEFAULT,
        key: file.clone(),
        yaml: split.yaml_offset..split.yaml_offset + split.yaml.len(),
        file,
        source: text,
        section: section_index,
        slug: stem,
        meta,
        data,
        markdown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_are_lowercase_ascii_kebab_case() {
        for ok in ["handicap", "age", "perte-d-autonomie", "article-225-1"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in [
            "",
            "Handicap",
            "âge",
            "deux mots",
            "..",
            "a--b",
            "-a",
            "a-",
            "a_b",
            "a.b",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    /// Loads and validates the site at `root` as a build does (`keep_sources` false) or as
    /// `serve` does.
    fn load_and_validate(
        root: &Path,
        keep_sources: bool,
        between: impl FnOnce(),
    ) -> (crate::model::site::Site, Diagnostics) {
        let config: Config =
            serde_yaml_ng::from_str("title: t\nbase_url: https://a.org\n").unwrap();
        let mut d = Diagnostics::default();
        let content = load(
            root,
            &SiteBounds::new(root, &[]),
            &config,
            &[],
            keep_sources,
            &mut d,
        );
        between();
        let options = crate::validate::ValidateOptions {
            root: root.to_path_buf(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            drafts: false,
        };
        let site = crate::validate::validate(config, content, options, &mut d);
        (site, d)
    }

    #[test]
    fn a_build_drops_bodies_once_loaded_and_still_quotes_the_lines_it_reports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let broken = "---\ntitle: Cassé\n---\n\nVoir [la page](/nulle-part/).\n";
        let fine = "---\ntitle: Bon\n---\n\nUn texte sans lien.\n";
        std::fs::create_dir_all(root.join("content")).unwrap();
        for (file, text) in [
            ("_index.md", "---\ntitle: Accueil\nkind: page\n---\n"),
            ("a.md", broken),
            ("b.md", fine),
        ] {
            std::fs::write(root.join("content").join(file), text).unwrap();
        }
        let (kept, kept_report) = load_and_validate(root, true, || ());
        let (site, d) = load_and_validate(root, false, || ());
        // `serve` keeps every text: it validates the site again after an edit.
        assert_eq!(&*kept.pages[1].source, fine);
        // A build keeps the front matter only, and the same page values.
        for (page, text) in site.pages.iter().zip([broken, fine]) {
            assert_eq!(&*page.source, &text[..page.yaml.end]);
        }
        assert_eq!(site.pages[0].markdown.html, kept.pages[0].markdown.html);
        // The broken link is reported at its line, quoted from the file read again.
        let e = d
            .items
            .iter()
            .find(|d| d.code == "broken-link")
            .expect("reported");
        assert_eq!((e.file.as_str(), e.line, e.column), ("content/a.md", 5, 6));
        let report = d.render_human(false);
        assert!(report.contains("Voir [la page](/nulle-part/)."), "{report}");
        assert_eq!(report, kept_report.render_human(false));

        // A file changed after it was read is not quoted (its lines may have moved): the
        // report still names its line and column.
        let (_, d) = load_and_validate(root, false, || {
            let edited = "---\ntitle: Cassé\n---\n\nAjouté.\n\nVoir [la page](/nulle-part/).\n";
            std::fs::write(root.join("content/a.md"), edited).unwrap();
        });
        let report = d.render_human(false);
        assert!(!report.contains("Voir [la page]"), "{report}");
        assert!(report.contains("in content/a.md:5:6"), "{report}");
    }

    #[test]
    fn folder_of_content_files() {
        assert_eq!(folder_of("content/droits/age.md"), "droits");
        assert_eq!(folder_of("content/a.md"), "");
        assert_eq!(folder_of("content/guide/falc/a.md"), "guide/falc");
    }

    proptest! {
        #[test]
        fn slugify_output_is_always_a_valid_slug(name in "\\PC{1,40}") {
            let s = slug::slugify(&name);
            prop_assert!(s.is_empty() || is_valid_slug(&s), "{s:?}");
        }

        #[test]
        fn valid_slugs_never_contain_separators_or_dots(slug in "[a-z0-9-]{1,30}") {
            if is_valid_slug(&slug) {
                prop_assert!(!slug.contains("..") && !slug.contains('/') && !slug.starts_with('-'));
            }
        }
    }
}
