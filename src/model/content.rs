//! What `content/` holds once loaded: sections, pages with their typed front matter, and
//! files copied as they are.

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::frontmatter::{Common, KindData};
use crate::model::kinds::Kind;
use crate::model::language::Lang;
use crate::model::packed::PackedText;

pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";
pub const INDEX_FILE: &str = "_index.md";

/// A section: a folder of `content/` with an `_index.md`. The home page is the section at "".
#[derive(Debug, Clone)]
pub struct Section {
    pub file: String,
    /// Folder path under `content/`, `/`-separated: "" (home), "droits", "guide/falc".
    pub path: String,
    /// Root-relative URL: "/", "/droits/".
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub kind: Kind,
    pub updated: Option<crate::model::dates::Date>,
    pub markdown: Markdown,
    pub parent: Option<usize>,
    /// The language of this version of the section: a translation (`_index.en.md`) has the
    /// same `path` as its original, and its `url` is under the language's prefix.
    pub lang: Lang,
}

/// A content page with its typed front matter and converted body.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: String,
    /// The file's text; in a build, only its front matter once loaded (see
    /// [`Page::drop_body_source`]).
    pub source: Arc<str>,
    /// Byte range of the front matter block in `source`, to point diagnostics at fields.
    pub yaml: Range<usize>,
    pub section: usize,
    pub slug: String,
    /// Root-relative URL: "/droits/handicap/" (a translation: "/en/droits/disability/").
    pub url: String,
    /// The language of this version; a translation reads its facts from its original.
    pub lang: Lang,
    /// The original's file, shared by the original and all its translations.
    pub key: String,
    pub meta: Common,
    pub data: KindData,
    pub markdown: Markdown,
}

impl Page {
    pub fn kind(&self) -> Kind {
        self.data.kind()
    }

    /// Keeps only the front matter of the page's text: the body is converted (`markdown`),
    /// its links carry their line and column, and no later stage of a build reads it again.
    pub fn drop_body_source(&mut self) {
        if self.source.len() > self.yaml.end {
            self.source = Arc::from(&self.source[..self.yaml.end]);
        }
    }
}

/// A file copied as it is: from `static/`, or a non-Markdown file next to the content.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path in the output, `/`-separated, without leading slash.
    pub output: String,
    pub source: PathBuf,
}

#[derive(Debug, Default)]
pub struct Content {
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Texts that replace the default text of answers of `/trouver/`.
    pub answer_texts: Vec<AnswerText>,
    /// The translated sections and pages of each language after the default, in the order of
    /// `languages:` (`translated[0]` is the second language).
    pub translated: Vec<Translated>,
}

/// The translations into one language: `_index.en.md` and `handicap.en.md` files.
#[derive(Debug, Default)]
pub struct Translated {
    pub lang: Lang,
    /// Indexed like the original sections; `None` where a section has no translation.
    pub sections: Vec<Option<Section>>,
    pub pages: Vec<Page>,
}

/// `content/trouver/<domaine>/<critere>.md`: an editor's own text for that answer of the
/// orientation path (`ne-sais-pas` for a "je ne sais pas" answer), shown for every territory.
#[derive(Debug, Clone)]
pub struct AnswerText {
    pub file: String,
    pub domain: String,
    pub criterion: String,
    pub markdown: Markdown,
}

/// Slugs are lowercase ASCII words joined by single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A page body converted by `load`: its HTML and what later stages need from it.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image target as written in the Markdown, and where.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    /// Byte span in the whole file.
    pub span: Range<usize>,
    /// 1-based line and column of the span's start: checking the link after the page's body
    /// was let go still points at it.
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub html: PackedText,
    /// Plain text, for the search index; shared with the search document, which so holds no
    /// copy of it.
    pub text: PackedText,
    pub headings: Vec<Heading>,
    /// Ids a link may target with `#…`: headings and footnotes.
    pub anchors: HashSet<String>,
    pub links: Vec<LinkRef>,
    pub diagnostics: Vec<Diagnostic>,
}
