//! `balise.yaml`, the site configuration.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::dates::Date;
use crate::model::frontmatter::{yaml_error, HELP_MARK};
use crate::model::language::{Lang, Language};

pub const CONFIG_FILE: &str = "balise.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    /// The default language's code; with `languages:`, the code of its first entry.
    #[serde(default = "default_language")]
    pub language: String,
    /// The site's languages, the default first (at the root), the others under `/<code>/`.
    /// Absent from `balise.yaml`: one language, `language`.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// Time zone of the events' local times, an IANA name (`Europe/Paris`).
    #[serde(default = "default_timezone")]
    pub timezone: Timezone,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub taxonomies: ExtraTerms,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub accessibility: Accessibility,
    #[serde(default)]
    pub legal: Legal,
    /// Lets Markdown carry raw HTML, which is then sanitized; refused by default.
    #[serde(default)]
    pub allow_html: bool,
    /// `decap` writes an editing interface for Decap CMS under `/admin/`.
    #[serde(default)]
    pub cms: Option<Cms>,
    /// The orientation path `/trouver/`.
    #[serde(default)]
    pub orientation: OrientationConfig,
}

/// `orientation:` in `balise.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrientationConfig {
    /// Territories whose contacts serve the whole country (shown last on every answer, and not
    /// offered as a place where one lives), e.g. `[france]`.
    #[serde(default)]
    pub national: Vec<String>,
    /// Root-relative URLs of the guide's pages on what to do now (steps, evidence, deadlines);
    /// by default every page of kind `page` that is not an easy-to-read version.
    #[serde(default)]
    pub steps: Vec<String>,
}

fn default_language() -> String {
    "fr".into()
}
fn default_timezone() -> Timezone {
    Timezone(chrono_tz::Europe::Paris)
}

/// An IANA time zone, parsed once when `balise.yaml` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timezone(pub chrono_tz::Tz);

impl Timezone {
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl<'de> Deserialize<'de> for Timezone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse::<chrono_tz::Tz>().map(Timezone).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown time zone `{name}`{HELP_MARK}write an IANA time zone name such as `Europe/Paris`"
            ))
        })
    }
}

impl Serialize for Timezone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The editing interfaces `cms:` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cms {
    /// Decap CMS, git-based: `/admin/` (see `render::cms`).
    Decap,
}

impl Cms {
    pub const ALL: [Cms; 1] = [Cms::Decap];

    pub fn name(self) -> &'static str {
        match self {
            Cms::Decap => "decap",
        }
    }
}

impl<'de> Deserialize<'de> for Cms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Cms::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Cms::ALL.iter().map(|c| c.name()).collect();
                serde::de::Error::custom(format!(
                    "unknown editor `cms: {name}`{HELP_MARK}write one of: {} (or remove the line)",
                    known.join(", ")
                ))
            })
    }
}

impl Serialize for Cms {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub label: String,
    pub path: String,
    /// The label in the site's other languages, by language code: `{ en: "Your rights" }`.
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}

impl MenuItem {
    /// The label in the language `code`, or the default language's.
    pub fn label_in(&self, code: &str) -> &str {
        self.translations.get(code).unwrap_or(&self.label)
    }
}

/// Terms a site adds to the built-in criteria and domains; territories are all site-defined.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraTerms {
    #[serde(default)]
    pub criteria: Vec<TermDef>,
    #[serde(default)]
    pub domains: Vec<TermDef>,
    #[serde(default)]
    pub territories: Vec<TermDef>,
    /// Everyday labels and words for any term, built-in or added, by slug: the question
    /// replaces the built-in one, the words are added to the built-in ones.
    #[serde(default)]
    pub everyday: BTreeMap<String, Everyday>,
    /// Names of terms in the site's other languages: language code → slug → name
    /// (`translations: { ar: { handicap: "الإعاقة" } }`); French and English names of the
    /// built-in criteria and domains are built in.
    #[serde(default)]
    pub translations: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    pub slug: String,
    pub name: String,
    #[serde(flatten)]
    pub everyday: Everyday,
}

/// How citizens name a term: a question-style label ("à cause de mon nom de famille") and the
/// words they type for it ("nom arabe", "nom a consonance").
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Everyday {
    /// The term's name in the language of the list (built-in lists other than French).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Everyday word → the guide's words it should also find.
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Conformance {
    #[default]
    Non,
    Partiellement,
    Totalement,
}

impl Conformance {
    pub fn label(self) -> &'static str {
        match self {
            Conformance::Non => "non conforme",
            Conformance::Partiellement => "partiellement conforme",
            Conformance::Totalement => "totalement conforme",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    #[serde(default)]
    pub status: Conformance,
    /// Share of RGAA criteria met, in percent, from the last audit.
    #[serde(default)]
    pub rate: Option<f64>,
    #[serde(default)]
    pub audit_date: Option<Date>,
    #[serde(default)]
    pub non_conformities: Vec<String>,
    #[serde(default)]
    pub derogations: Vec<String>,
    /// Contents outside the legal duty (RGAA declaration model: "contenus non soumis à
    /// l'obligation d'accessibilité"), such as archived documents.
    #[serde(default)]
    pub exempt: Vec<String>,
    #[serde(default)]
    pub contact: AccessibilityContact,
    #[serde(default)]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityContact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub director: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
}

impl Config {
    /// Path part of `base_url`, always ending in `/` (`/` or `/guide/`): links are written
    /// from it so the site works both at a domain's root and in a sub-folder.
    pub fn base_path(&self) -> String {
        format!("{}/", self.base_prefix())
    }

    /// [`Config::base_path`] without its last `/` (empty at a domain's root): what a site URL
    /// (`/droits/`) is written after. Borrowed, since every link of every page needs it.
    pub fn base_prefix(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        path.trim_end_matches('/')
    }

    /// The language of index `lang` (see [`Lang`]).
    pub fn lang(&self, lang: Lang) -> &Language {
        &self.languages[lang.index()]
    }

    /// The index of the language `code`, if the site has it.
    pub fn lang_of(&self, code: &str) -> Option<Lang> {
        self.languages
            .iter()
            .position(|l| l.code.as_str() == code)
            .map(|i| Lang(i as u8))
    }

    /// Every language of the site, the default first.
    pub fn langs(&self) -> impl Iterator<Item = Lang> {
        (0..self.languages.len()).map(|i| Lang(i as u8))
    }

    /// Root-relative prefix of a language's pages: "" for the default, "/en" for English.
    pub fn lang_prefix(&self, lang: Lang) -> String {
        if lang.is_default() {
            String::new()
        } else {
            format!("/{}", self.languages[lang.index()].code)
        }
    }

    /// `base_url` without its trailing slash, to prefix a root-relative URL.
    pub fn origin_and_path(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error("config", CONFIG_FILE, format!("cannot read {CONFIG_FILE}: {e}"))
                        .help("create balise.yaml at the site root with at least `title:` and `base_url:`"),
                );
                return None;
            }
        };
        let text: Arc<str> = Arc::from(text);
        diagnostics.add_source(CONFIG_FILE, text.clone());
        let mut config: Config = match serde_yaml_ng::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                diagnostics.push(yaml_error(CONFIG_FILE, &text, 0, &e, &CONFIG_FIELDS));
                return None;
            }
        };
        let mut ok = true;
        if config.languages.is_empty() {
            config.languages = vec![Language::only(&config.language)];
        } else {
            let first = config.languages[0].code.to_string();
            // `language:` written beside `languages:` must name the same default language.
            if let Some(at) = text
                .find("\nlanguage:")
                .map(|i| i + 1)
                .or(text.starts_with("language:").then_some(0))
            {
                if config.language != first {
                    diagnostics.push(
                        Diagnostic::error(
                            "config",
                            CONFIG_FILE,
                            format!(
                                "`language: {}` is not the first of `languages` (`{first}`), which is the default language",
                                config.language
                            ),
                        )
                        .at(&text, at..at + 8)
                        .help("remove `language:`: with `languages:`, the first entry is the default language"),
                    );
                    ok = false;
                }
            }
            config.language = first;
            let mut seen = std::collections::HashSet::new();
            for l in &config.languages {
                if !seen.insert(l.code.as_str()) {
                    let at = text.find("languages").unwrap_or(0);
                    diagnostics.push(
                        Diagnostic::error(
                            "config",
                            CONFIG_FILE,
                            format!("the language `{}` is listed twice in `languages`", l.code),
                        )
                        .at(&text, at..at + 9)
                        .help("keep one entry per language"),
                    );
                    ok = false;
                }
            }
        }
        if let Err(why) = check_base_url(&config.base_url) {
            let at = text.find("base_url").unwrap_or(0);
            diagnostics.push(
                Diagnostic::error("config", CONFIG_FILE, format!("`base_url` {why}"))
                    .at(&text, at..at + 8)
                    .help("write for example `base_url: \"https://guide.example.org\"`"),
            );
            ok = false;
        }
        ok.then_some(config)
    }
}

/// Checks a base URL, from `balise.yaml` or `--base-url`: it is written into every canonical
/// link, the sitemap, the feeds, the calendars and the open data, so it must be a plain
/// `http(s)://host[:port][/path/]` address. The error says what is wrong.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err("must be an absolute http(s) URL, starting with `https://`".into());
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '[' | ']'))
    {
        return Err(format!(
            "must name a host after `://` (letters, digits, `-` and `.`, and a port), not `{host}`"
        ));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^' | '?' | '#'
            )
    }) {
        return Err(format!(
            "must not contain `{}`: a base URL is a host and a path, without spaces, quotes, query or fragment",
            c.escape_default()
        ));
    }
    Ok(())
}

const CONFIG_FIELDS: [&str; 14] = [
    "title",
    "base_url",
    "language",
    "languages",
    "timezone",
    "description",
    "menu",
    "taxonomies",
    "search",
    "accessibility",
    "legal",
    "allow_html",
    "cms",
    "orientation",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        serde_yaml_ng::from_str(&format!("title: t\nbase_url: {base_url}\n")).unwrap()
    }

    #[test]
    fn base_path_handles_roots_and_sub_folders() {
        assert_eq!(config("https://a.org").base_path(), "/");
        assert_eq!(config("https://a.org/").base_path(), "/");
        assert_eq!(config("https://a.org/guide").base_path(), "/guide/");
        assert_eq!(config("https://a.org/guide/").base_path(), "/guide/");
    }

    fn load(yaml: &str) -> (Option<Config>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), yaml).unwrap();
        let mut d = Diagnostics::default();
        (Config::load(dir.path(), &mut d), d)
    }

    #[test]
    fn the_first_of_languages_is_the_default_and_language_may_not_contradict_it() {
        let (c, d) = load("title: t\nbase_url: https://a.org\nlanguages: [{code: en, name: English}, {code: fr, name: Français}]\n");
        let c = c.unwrap_or_else(|| panic!("{:?}", d.items));
        assert_eq!(c.language, "en");
        assert_eq!(c.lang_prefix(Lang(1)), "/fr");
        let (c, d) = load("title: t\nbase_url: https://a.org\nlanguage: fr\nlanguages: [{code: en, name: English}]\n");
        assert!(c.is_none());
        assert!(
            d.items[0].message.contains("not the first of `languages`"),
            "{:?}",
            d.items
        );
        let (c, d) = load("title: t\nbase_url: https://a.org\nlanguages: [{code: fr, name: a}, {code: fr, name: b}]\n");
        assert!(
            c.is_none() && d.items[0].message.contains("listed twice"),
            "{:?}",
            d.items
        );
        // Without `languages:`, the one language of `language:`.
        let (c, _) = load("title: t\nbase_url: https://a.org\nlanguage: de\n");
        let c = c.unwrap();
        assert_eq!(
            (c.languages.len(), c.languages[0].name.as_str()),
            (1, "Deutsch")
        );
    }

    #[test]
    fn defaults_are_french_and_paris() {
        let c = config("https://a.org");
        assert_eq!(c.language, "fr");
        assert_eq!(c.timezone.name(), "Europe/Paris");
        assert!(!c.allow_html);
    }
}
