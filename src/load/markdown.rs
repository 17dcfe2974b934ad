//! Markdown to HTML, in one pass that also collects what later stages need: heading ids (for
//! anchors and the table of contents), links (to check them), plain text (for search), and the
//! content rules (image alternatives, link texts, heading levels, raw HTML).

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostics::{Diagnostic, LineIndex};
pub use crate::model::content::{Heading, LinkRef, Markdown};
use crate::model::limits::{deep_line, html_depth, MAX_LINE_BYTES, MAX_NESTING};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

#[derive(Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Raw HTML is kept (then sanitized) instead of escaped.
    pub allow_html: bool,
    /// Prefix for root-relative links, `/` or `/guide/`.
    pub base_path: &'a str,
    /// For a translation: where its links to the site's pages go.
    pub links: Option<&'a TranslatedLinks>,
    /// Name of a table's scrolling region for screen readers, in the text's language.
    pub table_label: &'a str,
}

/// How the links of a translation are written: a link to a page that exists in the
/// translation's language goes there; a link to a page that exists only in the default
/// language goes to it, marked with that language (RGAA 8.7); a link to a page every language
/// has (search, site map, orientation, term pages) takes the language's prefix.
#[derive(Debug, Clone, Default)]
pub struct TranslatedLinks {
    /// "/en".
    pub prefix: String,
    /// Original URL → URL of its translation in this language.
    pub translated: std::collections::HashMap<String, String>,
    /// URLs of the original pages and sections.
    pub originals: HashSet<String>,
    pub original_code: String,
    pub original_name: String,
}

impl TranslatedLinks {
    /// The destination of a root-relative link, and whether it leads to a page in the default
    /// language.
    fn resolve(&self, dest: &str) -> (String, bool) {
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => dest.split_at(i),
            None => (dest, ""),
        };
        if let Some(url) = self.translated.get(path) {
            (format!("{url}{fragment}"), false)
        } else if self.originals.contains(path) {
            (dest.to_string(), true)
        } else if path.ends_with('/') {
            (format!("{}{dest}", self.prefix), false)
        } else {
            (dest.to_string(), false)
        }
    }
}

/// Link texts that say nothing about where the link goes (RGAA 6.1).
const VAGUE_LINK_TEXTS: [&str; 8] = [
    "ici",
    "cliquez ici",
    "cliquer ici",
    "click here",
    "here",
    "lien",
    "en savoir plus",
    "lire la suite",
];

/// Wide tables scroll inside this box at 320 px instead of the page (WCAG 1.4.10): keyboard users
/// reach it with Tab (`tabindex`) and screen readers announce it (`role`, `aria-label`).
/// The class alone goes through the sanitizer; the other attributes are added after it.
const TABLE_SCROLL_MARK: &str = r#"<div class="table-scroll">"#;
fn table_scroll_open(label: &str) -> String {
    format!(
        r#"<div class="table-scroll" role="region" aria-label="{}" tabindex="0">"#,
        crate::text::escape_markup(label)
    )
}

/// Written as the alternative text of a purely decorative image: `![""](ornement.svg)`.
pub const DECORATIVE_ALT: &str = "\"\"";

/// Id for a heading text: lowercase, accents removed, kebab-case (`Que faire ?` → `que-faire`).
pub fn heading_id(text: &str) -> String {
    let id = slug::slugify(text);
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

pub fn render(file: &str, source: &str, body_offset: usize, options: &MarkdownOptions) -> Markdown {
    let body = &source[body_offset..];
    let mut out = Markdown::default();
    // The plain text, shared once complete by the page and its search document.
    let mut plain = String::new();
    let mut events: Vec<Event> = Vec::new();
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;

    let at = |r: &Range<usize>| body_offset + r.start..body_offset + r.end;
    let lines = LineIndex::new(source);
    // Limits first: the parser and, later, the minifier never see a text past them.
    if let Some(d) = over_limits(file, source, body_offset, &lines) {
        out.diagnostics.push(d);
        return out;
    }
    let mut depth = 0usize;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut previous_level = 1u8; // the page title is the h1
                                  // The heading being read: where its start tag goes, its `{#id}`, its span and its text.
    let mut heading: Option<(usize, Option<String>, Range<usize>, String)> = None;
    let mut link_text: Option<(String, Range<usize>)> = None;
    // How each open link ends: its own closing HTML when it was written by hand.
    let mut link_ends: Vec<Option<String>> = Vec::new();
    let mut image: Option<(usize, Range<usize>, String)> = None;

    for (event, range) in Parser::new_ext(body, parser_options).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    out.diagnostics
                        .push(too_deep(file, depth).at_in(&lines, source, at(&range)));
                    return Markdown {
                        diagnostics: out.diagnostics,
                        ..Markdown::default()
                    };
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some((_, _, _, text)) = heading.as_mut() {
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
        }
        if let Some((text, _)) = link_text.as_mut() {
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
        }
        if let Some((_, _, alt)) = image.as_mut() {
            if let Event::Text(t) | Event::Code(t) = &event {
                alt.push_str(t);
                continue; // the alternative is written back when the image ends
            }
        }
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((
                    events.len(),
                    id.map(|i| i.to_string()),
                    range.clone(),
                    String::new(),
                ));
                events.push(Event::Text(CowStr::Borrowed(""))); // replaced at the end of the heading
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((index, custom_id, span, text)) = heading.take() {
                    let base = custom_id.unwrap_or_else(|| heading_id(&text));
                    let mut id = base.clone();
                    // The next suffix to try for this base: counting from 1 again for every
                    // heading made 75,000 headings of one text quadratic (found by fuzzing).
                    let n = next_suffix.entry(base.clone()).or_insert(1);
                    while !used_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        *n += 1;
                    }
                    let lvl = level as u8;
                    if lvl == 1 {
                        out.diagnostics.push(
                            Diagnostic::warning("heading-level", file, "a level-1 heading in the text: the page title is already the level-1 heading")
                                .at_in(&lines, source, at(&span))
                                .help("start the text's headings at `##`"),
                        );
                    } else if lvl > previous_level + 1 {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                "heading-level",
                                file,
                                format!("heading jumps from level {previous_level} to level {lvl}"),
                            )
                            .at_in(&lines, source, at(&span))
                            .help(format!(
                                "use {} for this heading, or add the missing level above it",
                                "#".repeat(previous_level as usize + 1)
                            )),
                        );
                    }
                    previous_level = lvl;
                    events[index] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: vec![],
                        attrs: vec![],
                    });
                    plain.push_str(&text);
                    plain.push('\n');
                    out.anchors.insert(id.clone());
                    out.headings.push(Heading {
                        level: lvl,
                        id,
                        text,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url.to_string();
                if let Some(scheme) = unsafe_scheme(&dest, true) {
                    out.diagnostics.push(
                        Diagnostic::error(
                            "unsafe-html",
                            file,
                            format!("a `{scheme}` link could run code or show a forged page in the reader's browser"),
                        )
                        .at_in(&lines, source, at(&range))
                        .help("link to a page or a web address (https://…) instead"),
                    );
                }
                out.links.push(link_ref(&dest, at(&range), &lines, source));
                link_text = Some((String::new(), range.clone()));
                let (dest, in_original) = match options.links {
                    Some(links) if dest.starts_with('/') && !dest.starts_with("//") => {
                        links.resolve(&dest)
                    }
                    _ => (dest, false),
                };
                let href = rewrite_root_relative(&dest, options.base_path);
                match options.links.filter(|_| in_original) {
                    // Written by hand to carry `hreflang`, and the language's name inside the
                    // link so that it is part of what a screen reader announces.
                    Some(links) => {
                        let mut tag = format!(
                            r#"<a href="{}" hreflang="{}""#,
                            crate::text::escape_markup(&href),
                            links.original_code
                        );
                        if !title.is_empty() {
                            tag.push_str(&format!(
                                r#" title="{}""#,
                                crate::text::escape_markup(&title)
                            ));
                        }
                        tag.push('>');
                        events.push(Event::InlineHtml(tag.into()));
                        link_ends.push(Some(format!(
                            r#" <span class="lang-note" lang="{}">({})</span></a>"#,
                            links.original_code,
                            crate::text::escape_markup(&links.original_name)
                        )));
                    }
                    None => {
                        link_ends.push(None);
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: href.into(),
                            title,
                            id,
                        }));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, span)) = link_text.take() {
                    let normalized = text.trim().trim_end_matches(['.', '!', ':']).to_lowercase();
                    if VAGUE_LINK_TEXTS.contains(&normalized.as_str()) {
                        out.diagnostics.push(
                            Diagnostic::warning("link-text", file, format!("the link text `{}` does not say where the link goes", text.trim()))
                                .at_in(&lines, source, at(&span))
                                .help("write the destination in the link, for example `[saisir le Défenseur des droits](/contacts/defenseur-des-droits/)`"),
                        );
                    }
                }
                match link_ends.pop().flatten() {
                    Some(end) => events.push(Event::InlineHtml(end.into())),
                    None => events.push(Event::End(TagEnd::Link)),
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url.to_string();
                if let Some(scheme) = unsafe_scheme(&dest, false) {
                    out.diagnostics.push(
                        Diagnostic::error(
                            "unsafe-html",
                            file,
                            format!("an image from a `{scheme}` address would run code in some browsers"),
                        )
                        .at_in(&lines, source, at(&range))
                        .help("put the image in `static/` and write its path, like `![Affiche](/images/affiche.png)`"),
                    );
                }
                out.links.push(link_ref(&dest, at(&range), &lines, source));
                image = Some((events.len(), range.clone(), String::new()));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: rewrite_root_relative(&dest, options.base_path).into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((_, span, alt)) = image.take() {
                    let alt = alt.trim();
                    if alt.is_empty() {
                        out.diagnostics.push(
                            Diagnostic::error("image-alt", file, "this image has no alternative text")
                                .at_in(&lines, source, at(&span))
                                .help("describe what the image shows between the brackets: `![Affiche de la semaine du 17 mai](affiche.png)`; for a purely decorative image write `![\"\"](image.png)`"),
                        );
                    } else if alt != DECORATIVE_ALT {
                        events.push(Event::Text(CowStr::from(alt.to_string())));
                    }
                }
                events.push(Event::End(TagEnd::Image));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                check_raw_html(
                    file,
                    source,
                    &lines,
                    at(&range),
                    &html,
                    options.allow_html,
                    &mut out.diagnostics,
                );
                if options.allow_html {
                    events.push(Event::Html(html));
                } else {
                    events.push(Event::Text(html));
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.anchors.insert(name.to_string());
                events.push(Event::Start(Tag::FootnoteDefinition(name)));
            }
            Event::Text(t) => {
                if heading.is_none() {
                    plain.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                if heading.is_none() {
                    plain.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                events.push(event);
            }
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html(CowStr::Borrowed(TABLE_SCROLL_MARK)));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::Borrowed("</div>")));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                plain.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }

    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if options.allow_html {
        html = sanitize(&html);
        // Raw HTML can nest elements that the Markdown events did not count.
        let (depth, _) = html_depth(html.as_bytes(), MAX_NESTING);
        if depth > MAX_NESTING {
            let line = lines.line_column(source, body_offset).0;
            out.diagnostics
                .push(too_deep(file, depth).at_line(line, 1).help(
                "the raw HTML of this page nests too many elements inside each other; simplify it",
            ));
            html.clear();
        }
    }
    if html.contains(TABLE_SCROLL_MARK) {
        html = html.replace(TABLE_SCROLL_MARK, &table_scroll_open(options.table_label));
    }
    // Both are kept until the page is rendered and indexed: compressed when long (`PackedText`),
    // and otherwise copied at their exact size (the strings grew by doubling).
    out.html = html.into();
    out.text = plain.into();
    out
}

fn link_ref(dest: &str, span: Range<usize>, lines: &LineIndex, source: &str) -> LinkRef {
    let (line, column) = lines.line_column(source, span.start);
    LinkRef {
        dest: dest.to_string(),
        span,
        line,
        column,
    }
}

/// The scheme of a link or image address that runs code (`javascript:`, `vbscript:`) or, for
/// links, opens a page made of the address itself (`data:`); images may be `data:` (the pages'
/// policy allows `img-src data:`). Browsers ignore tabs and new lines inside a URL and spaces
/// before it, so `java\tscript:` is caught too.
fn unsafe_scheme(dest: &str, is_link: bool) -> Option<&'static str> {
    let normalized: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .filter(|s| is_link || *s != "data:")
        .find(|s| normalized.starts_with(s))
}

fn too_deep(file: &str, depth: usize) -> Diagnostic {
    Diagnostic::error(
        "too-deep",
        file,
        format!(
            "this text nests {} levels deep or more (quotes, lists or emphasis inside each other); at most {MAX_NESTING} are allowed",
            depth
        ),
    )
    .help("a page this deep is not readable: flatten the quotes and lists, or split the text")
}

/// The size limits of `model::limits`, checked on the whole file before any parser sees it.
fn over_limits(
    file: &str,
    source: &str,
    body_offset: usize,
    lines: &LineIndex,
) -> Option<Diagnostic> {
    let body = &source[body_offset..];
    if let Some((_, offset, depth)) = deep_line(body, MAX_NESTING) {
        let (line, _) = lines.line_column(source, body_offset + offset);
        return Some(too_deep(file, depth).at_line(line, 1));
    }
    let mut offset = 0;
    for line in source.split('\n') {
        if line.len() > MAX_LINE_BYTES {
            let (number, _) = lines.line_column(source, offset);
            return Some(
                Diagnostic::error(
                    "too-large",
                    file,
                    format!(
                        "this line is {} bytes long; at most {MAX_LINE_BYTES} are allowed",
                        line.len()
                    ),
                )
                .at_line(number, 1)
                .help("a line this long is not text written for readers (a pasted file or data?); break it into paragraphs or link to the file"),
            );
        }
        offset += line.len() + 1;
    }
    None
}

fn rewrite_root_relative(dest: &str, base_path: &str) -> String {
    if dest.starts_with('/') && !dest.starts_with("//") {
        format!("{}{}", base_path.trim_end_matches('/'), dest)
    } else {
        dest.to_string()
    }
}

fn check_raw_html(
    file: &str,
    source: &str,
    lines: &LineIndex,
    span: Range<usize>,
    html: &str,
    allowed: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let lower = html.to_ascii_lowercase();
    let dangerous = ["<script", "<iframe", "javascript:", "<object", "<embed"]
        .into_iter()
        .find(|p| lower.contains(p))
        .map(|p| p.trim_start_matches('<').to_string())
        .or_else(|| event_handler_attribute(&lower).map(|a| format!("{a}=")));
    match (dangerous, allowed) {
        (Some(what), false) => diagnostics.push(
            Diagnostic::error("unsafe-html", file, format!("raw HTML with `{what}` is refused: it could run code or load another site in the reader's browser"))
                .at_in(lines, source, span)
                .help("remove it; write the content in Markdown, or link to the external resource with `[description](https://…)`"),
        ),
        (None, false) => diagnostics.push(
            Diagnostic::warning("raw-html", file, "raw HTML is shown as text: this site does not allow HTML in Markdown")
                .at_in(lines, source, span)
                .help("write it in Markdown (`**bold**`, `- list`, `[link](/page/)`), or set `allow_html: true` in balise.yaml to keep sanitized HTML"),
        ),
        _ => {}
    }
}

/// An `on…=` attribute such as `onclick=` inside a tag.
fn event_handler_attribute(lower_html: &str) -> Option<String> {
    lower_html.match_indices("on").find_map(|(i, _)| {
        let before = lower_html[..i].chars().last()?;
        if !(before.is_whitespace() || before == '"' || before == '\'' || before == '/') {
            return None;
        }
        let rest = &lower_html[i..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let after = rest[name_len..].trim_start();
        (name_len > 2 && after.starts_with('=') && lower_html[..i].contains('<'))
            .then(|| rest[..name_len].to_string())
    })
}

fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Markdown {
        let source = format!("---\ntitle: t\n---\n{body}");
        render(
            "p.md",
            &source,
            16,
            &MarkdownOptions {
                links: None,
                table_label: "Tableau",
                allow_html: false,
                base_path: "/guide/",
            },
        )
    }

    #[test]
    fn heading_ids_are_ascii_kebab_case_and_unique() {
        let m = md("## Que faire ?\n\n## Que faire ?\n\n## Délais à connaître\n");
        let ids: Vec<_> = m.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["que-faire", "que-faire-1", "delais-a-connaitre"]);
        assert!(
            m.html
                .unpack()
                .contains(r#"<h2 id="que-faire">Que faire ?</h2>"#),
            "{}",
            m.html.unpack()
        );
    }

    #[test]
    fn many_headings_of_one_text_get_ids_in_linear_time() {
        // 75,000 empty headings took minutes when each one counted its suffix from 1 again.
        let m = md(&"# \n".repeat(75_000));
        assert_eq!(m.headings.len(), 75_000);
        assert_eq!(m.headings[74_999].id, "section-74999");
        let custom = md("## A {#a-1}\n\n## A\n\n## A\n");
        let ids: Vec<_> = custom.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2"]);
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let m = md("[Agir](/guide/agir/#porter-plainte) et [site](https://example.org)");
        assert!(
            m.html
                .unpack()
                .contains(r#"href="/guide/guide/agir/#porter-plainte""#),
            "{}",
            m.html.unpack()
        );
        assert!(m.html.unpack().contains(r#"href="https://example.org""#));
        assert_eq!(m.links[0].dest, "/guide/agir/#porter-plainte");
    }

    #[test]
    fn raw_html_is_escaped_and_scripts_are_errors() {
        let m = md("Texte <b>gras</b>\n\n<script>alert(1)</script>\n");
        assert!(!m.html.unpack().contains("<script"), "{}", m.html.unpack());
        assert!(m.html.unpack().contains("&lt;script&gt;"));
        let codes: Vec<_> = m.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            codes.contains(&"unsafe-html") && codes.contains(&"raw-html"),
            "{codes:?}"
        );
    }

    #[test]
    fn event_handlers_and_javascript_links_are_refused() {
        let m = md("<img src=x onerror=alert(1)>\n\n[lien piégé](javascript:alert(1))\n");
        assert_eq!(
            m.diagnostics
                .iter()
                .filter(|d| d.code == "unsafe-html")
                .count(),
            2,
            "{:?}",
            m.diagnostics
        );
    }

    #[test]
    fn data_and_vbscript_links_and_script_images_are_refused() {
        let m = md("[a](data:text/html;base64,PHNjcmlwdD4=) [b](VBScript:msgbox(1)) [c](<java\tscript:alert(1)>)\n\n![d](javascript:alert(1)) ![e](vbscript:x)\n\n![point](data:image/png;base64,iVBORw0KGgo=) [ok](https://example.org/data:x)\n");
        let refused: Vec<_> = m
            .diagnostics
            .iter()
            .filter(|d| d.code == "unsafe-html")
            .map(|d| d.message.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(
            refused,
            [
                "data:",
                "vbscript:",
                "javascript:",
                "javascript:",
                "vbscript:"
            ],
            "{:?}",
            m.diagnostics
        );
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_with_its_line() {
        for deep in [
            ">".repeat(10_000),
            "- ".repeat(10_000),
            "1. ".repeat(10_000),
            format!("{}a{}", "*".repeat(10_000), "*".repeat(10_000)),
        ] {
            let m = md(&format!("Intro.\n\n{deep} fin\n"));
            let d = m.diagnostics.iter().find(|d| d.code == "too-deep");
            let d = d.unwrap_or_else(|| panic!("{:?} for {}", m.diagnostics, &deep[..20]));
            assert_eq!(d.line, 6, "{}", &deep[..20]);
            assert!(m.html.is_empty());
        }
        let fine = md(&format!("{} citation\n", "> ".repeat(20)));
        assert!(fine.diagnostics.is_empty(), "{:?}", fine.diagnostics);
    }

    #[test]
    fn allowed_html_is_sanitized() {
        let source = "---\n---\n<p onclick=\"x()\">ok</p><script>alert(1)</script>\n";
        let m = render(
            "p.md",
            source,
            8,
            &MarkdownOptions {
                links: None,
                table_label: "Tableau",
                allow_html: true,
                base_path: "/",
            },
        );
        assert!(
            m.html.unpack().contains("ok")
                && !m.html.unpack().contains("onclick")
                && !m.html.unpack().contains("<script"),
            "{}",
            m.html.unpack()
        );
    }

    #[test]
    fn images_need_an_alternative_unless_marked_decorative() {
        let m = md("![](a.png)\n\n![\"\"](b.png)\n\n![Affiche](c.png)\n");
        assert_eq!(
            m.diagnostics
                .iter()
                .filter(|d| d.code == "image-alt")
                .count(),
            1
        );
        assert!(
            m.html.unpack().contains(r#"<img src="b.png" alt="" />"#),
            "{}",
            m.html.unpack()
        );
        assert!(m.html.unpack().contains(r#"alt="Affiche""#));
    }

    #[test]
    fn vague_link_texts_and_heading_jumps_are_warnings() {
        let m = md("## A\n\n#### B\n\nPour agir, [cliquez ici](/guide/agir/).\n");
        let codes: Vec<_> = m.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [("heading-level", 6), ("link-text", 8)]);
    }

    #[test]
    fn tables_scroll_inside_a_focusable_region() {
        let m = md("| A | B |\n| --- | --- |\n| 1 | 2 |\n");
        assert!(
            m.html.unpack().starts_with(&table_scroll_open("Tableau")),
            "{}",
            m.html.unpack()
        );
        assert!(
            m.html.unpack().trim_end().ends_with("</table>\n</div>"),
            "{}",
            m.html.unpack()
        );
    }

    #[test]
    fn plain_text_collects_headings_and_paragraphs() {
        let m = md("## Titre\n\nUn *paragraphe*.\n");
        let text = m.text.unpack();
        assert!(text.contains("Titre") && text.contains("Un paragraphe."));
    }
}
