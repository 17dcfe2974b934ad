//! The theme's words in each language: Project Fluent catalogues (`i18n/<code>.ftl`), read
//! once, checked for missing messages, and offered to templates as `t(key="…")`.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::config::Config;
use crate::model::language::Lang;
use crate::text::escape_markup;

use super::theme::{Theme, MESSAGES_DIR};

/// The language whose catalogue lists every message a theme uses: the others are checked
/// against it.
pub const REFERENCE: &str = "fr";

/// One Fluent bundle per language of the site, in the order of `languages:`.
pub struct Messages {
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Messages({} languages)", self.bundles.len())
    }
}

impl Messages {
    /// Reads the catalogues of the theme for every language of the site. A syntax error, or a
    /// message of the reference catalogue that a language lacks, is an error naming the
    /// language, the key and the file to complete.
    pub fn load(theme: &Theme, config: &Config, diagnostics: &mut Diagnostics) -> Messages {
        let mut keys: HashMap<&str, BTreeSet<String>> = HashMap::new();
        let mut resources: HashMap<&str, Vec<FluentResource>> = HashMap::new();
        for (code, shown, text) in &theme.messages {
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        let (line, column) = crate::diagnostics::line_column(text, e.pos.start);
                        diagnostics.push(
                            Diagnostic::error("messages", shown, format!("this catalogue cannot be read: {}", e.kind))
                                .at_line(line, column)
                                .help("write each message as `key = text` (Project Fluent syntax, https://projectfluent.org/fluent/guide/)"),
                        );
                    }
                    r
                }
            };
            let entry = keys.entry(code.as_str()).or_default();
            for entry_ in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry_ {
                    entry.insert(m.id.name.to_string());
                }
            }
            resources.entry(code.as_str()).or_default().push(resource);
        }
        let reference = keys.get(REFERENCE).cloned().unwrap_or_default();
        let mut bundles = Vec::new();
        for language in &config.languages {
            let code = language.code.as_str();
            let id: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks around values: the pages are HTML, whose `dir` and
            // `<bdi>` already isolate text where it matters.
            bundle.set_use_isolating(false);
            let have = keys.get(code).cloned().unwrap_or_default();
            for r in resources.remove(code).unwrap_or_default() {
                bundle.add_resource_overriding(r);
            }
            let missing: Vec<&String> = reference.difference(&have).collect();
            if !missing.is_empty() {
                let file = format!("{MESSAGES_DIR}/{code}.ftl");
                let shown: Vec<&str> = missing.iter().take(60).map(|k| k.as_str()).collect();
                diagnostics.push(
                    Diagnostic::error(
                        "missing-message",
                        &file,
                        format!(
                            "the language `{code}` has no text for {} message(s) of the theme: {}{}",
                            missing.len(),
                            shown.join(", "),
                            if missing.len() > shown.len() { ", …" } else { "" }
                        ),
                    )
                    .help(format!(
                        "write them in `{file}` at the site root, one line each (`{} = …`); the French catalogue of the theme lists them all",
                        shown[0]
                    )),
                );
            }
            bundles.push(bundle);
        }
        Messages { bundles }
    }

    /// The text of `key` in `lang`, with `args`; `None` when the catalogue lacks it.
    pub fn get(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.bundles.get(lang.index())?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        Some(match text {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        })
    }

    /// The text of `key`, or the key itself when missing (which `load` has already reported).
    pub fn text(&self, lang: Lang, key: &str) -> String {
        self.get(lang, key, None).unwrap_or_else(|| key.to_string())
    }

    /// A date written out in `lang`: "17 mai 2027", "1er mai 2027", "17 May 2027".
    pub fn date(&self, lang: Lang, date: NaiveDate) -> String {
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(date.day()));
        args.set("month", self.text(lang, &format!("month-{}", date.month())));
        args.set("year", FluentValue::from(date.year().to_string()));
        self.get(lang, "date-long", Some(&args))
            .unwrap_or_else(|| date.format("%Y-%m-%d").to_string())
    }
}

/// The Tera function `t` of the templates of one language: `{{ t(key="skip-link") }}`, other
/// arguments being the message's variables (`{{ t(key="results", count=3) }}`).
pub struct Translate {
    messages: Arc<Messages>,
    lang: Lang,
}

impl Translate {
    pub fn new(messages: Arc<Messages>, lang: Lang) -> Self {
        Translate { messages, lang }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args.iter().filter(|(n, _)| n.as_str() != "key") {
            match value {
                tera::Value::Number(n) => {
                    fluent_args.set(name.clone(), FluentValue::from(n.as_f64().unwrap_or(0.0)))
                }
                // Values are escaped here and the message is not: a catalogue is part of the
                // theme, like a template, and may hold markup.
                tera::Value::String(s) => fluent_args.set(name.clone(), escape_markup(s)),
                other => fluent_args.set(name.clone(), escape_markup(&other.to_string())),
            }
        }
        self.messages
            .get(self.lang, key, Some(&fluent_args))
            .map(tera::Value::String)
            .ok_or_else(|| tera::Error::msg(format!("no message `{key}` in the catalogue")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(config_yaml: &str, extra: &[(&str, &str)]) -> (Messages, Diagnostics) {
        let mut d = Diagnostics::default();
        let mut theme = Theme::load(std::path::Path::new("/nonexistent"), &mut d);
        for (code, text) in extra {
            theme.messages.push((
                code.to_string(),
                format!("i18n/{code}.ftl"),
                text.to_string(),
            ));
        }
        let mut config: Config = serde_yaml_ng::from_str(config_yaml).unwrap();
        if config.languages.is_empty() {
            config.languages = vec![crate::model::language::Language::only(&config.language)];
        }
        let m = Messages::load(&theme, &config, &mut d);
        (m, d)
    }

    const THREE: &str = "title: t\nbase_url: https://a.org\nlanguages:\n  - {code: fr, name: Français}\n  - {code: en, name: English}\n  - {code: ar, name: العربية, dir: rtl}\n";

    #[test]
    fn french_and_english_are_built_in_and_complete() {
        let (m, d) = messages(
            "title: t\nbase_url: https://a.org\nlanguages: [{code: fr, name: Français}, {code: en, name: English}]\n",
            &[],
        );
        assert!(d.is_empty(), "{:?}", d.items);
        assert_eq!(
            m.date(Lang(0), NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()),
            "1er mai 2027"
        );
        assert_eq!(
            m.date(Lang(0), NaiveDate::from_ymd_opt(2027, 5, 17).unwrap()),
            "17 mai 2027"
        );
        assert_eq!(
            m.date(Lang(1), NaiveDate::from_ymd_opt(2027, 5, 17).unwrap()),
            "17 May 2027"
        );
    }

    #[test]
    fn a_language_without_its_catalogue_is_an_error_naming_it_and_a_key() {
        let (_, d) = messages(THREE, &[]);
        let e = d
            .items
            .iter()
            .find(|e| e.code == "missing-message")
            .expect("an error");
        assert_eq!(e.file, "i18n/ar.ftl");
        // The first missing keys, in alphabetical order, are named.
        assert!(
            e.message.contains("`ar`") && e.message.contains("a11y-automatic-checks"),
            "{}",
            e.message
        );
    }

    /// The keys of a catalogue of the default theme, as written at the start of its lines.
    fn keys_of(ftl: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(ftl.to_string()).expect("a readable catalogue");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_key_a_template_asks_for_is_in_french_and_english() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let read = |p: &str| std::fs::read_to_string(theme.join(p)).expect("the default theme");
        let fr = keys_of(&read("i18n/fr.ftl"));
        let en = keys_of(&read("i18n/en.ftl"));
        assert_eq!(
            fr.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "en.ftl must have exactly the keys of fr.ftl"
        );
        let mut asked = 0;
        for entry in std::fs::read_dir(theme.join("templates")).expect("templates") {
            let path = entry.expect("a template").path();
            let text = std::fs::read_to_string(&path).expect("a template");
            for (at, _) in text.match_indices("t(key=\"") {
                let rest = &text[at + "t(key=\"".len()..];
                let key = &rest[..rest.find('"').expect("a closing quote")];
                asked += 1;
                assert!(fr.contains(key), "{}: no `{key}` in fr.ftl", path.display());
            }
        }
        // The scan found the calls (a changed syntax would make this test pass on nothing).
        assert!(asked > 100, "only {asked} t(key=…) calls found");
    }

    #[test]
    fn a_site_catalogue_overrides_and_completes() {
        let (m, d) = messages(
            THREE,
            &[
                ("ar", "skip-link = انتقل إلى المحتوى\n"),
                ("fr", "skip-link = Aller au texte\n"),
            ],
        );
        assert_eq!(m.text(Lang(2), "skip-link"), "انتقل إلى المحتوى");
        assert_eq!(m.text(Lang(0), "skip-link"), "Aller au texte");
        // Still incomplete for Arabic.
        assert!(d.items.iter().any(|e| e.code == "missing-message"));
    }
}
