//! The languages of a site (`languages:` in `balise.yaml`): the first is the default, at the
//! site root; each other one lives under `/<code>/`, with its translated pages beside the
//! originals (`handicap.en.md` beside `handicap.md`).

use serde::{Deserialize, Serialize};

use crate::model::frontmatter::HELP_MARK;

/// Index of a language in the site's list: `Lang(0)` is the default language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lang(pub u8);

impl Lang {
    pub const DEFAULT: Lang = Lang(0);

    pub fn is_default(self) -> bool {
        self == Lang::DEFAULT
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Writing direction of a language, for `<html dir>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One entry of `languages:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 primary tag, lowercase: `fr`, `en`, `ar`; also the URL prefix and the suffix of
    /// translated files.
    pub code: LanguageCode,
    /// The language's own name, shown in the language switcher: "English", "العربية".
    pub name: String,
    #[serde(default)]
    pub dir: Direction,
}

impl Language {
    /// The language a site has when `languages:` is absent: `language:` (French by default).
    pub fn only(code: &str) -> Language {
        Language {
            code: LanguageCode(code.to_string()),
            name: autonym(code).unwrap_or(code).to_string(),
            dir: if matches!(code, "ar" | "he" | "fa" | "ur") {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
        }
    }
}

/// A language code, checked when `balise.yaml` is read: two or three lowercase letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LanguageCode(pub String);

impl LanguageCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Two or three lowercase ASCII letters: an ISO 639 code, usable as a file suffix and a folder.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        if is_language_code(&code) {
            Ok(LanguageCode(code))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{code}` is not a language code{HELP_MARK}write the two-letter ISO 639-1 code in lowercase, such as `fr`, `en` or `ar`"
            )))
        }
    }
}

/// The names of a few languages in themselves, for a site that names only its code.
fn autonym(code: &str) -> Option<&'static str> {
    Some(match code {
        "fr" => "Français",
        "en" => "English",
        "ar" => "العربية",
        "es" => "Español",
        "de" => "Deutsch",
        "it" => "Italiano",
        "pt" => "Português",
        "tr" => "Türkçe",
        _ => return None,
    })
}

/// Splits a content file name into its stem and language: `handicap.en.md` → (`handicap`,
/// Some(`en`)), `handicap.md` → (`handicap`, None). A suffix that is not a language code stays
/// in the stem (and is then refused as a slug).
pub fn split_language(file_name: &str) -> (&str, Option<&str>) {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    match stem.rsplit_once('.') {
        Some((base, code)) if is_language_code(code) => (base, Some(code)),
        _ => (stem, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_file_names_split_into_stem_and_language() {
        assert_eq!(split_language("handicap.en.md"), ("handicap", Some("en")));
        assert_eq!(split_language("_index.ar.md"), ("_index", Some("ar")));
        assert_eq!(split_language("handicap.md"), ("handicap", None));
        assert_eq!(split_language("article-225.1.md"), ("article-225.1", None));
        assert_eq!(split_language("a.EN.md"), ("a.EN", None));
    }

    #[test]
    fn language_codes_are_two_or_three_lowercase_letters() {
        for ok in ["fr", "en", "ar", "fil"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["", "f", "EN", "en-GB", "engl", "e1"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_code_in_the_config_says_what_to_write() {
        let e = serde_yaml_ng::from_str::<Language>("{code: EN, name: English}").unwrap_err();
        assert!(e.to_string().contains("is not a language code"), "{e}");
    }
}
