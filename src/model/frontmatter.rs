//! Front matter: splitting it from the Markdown body, its typed fields per kind of page, and
//! turning YAML errors into diagnostics that point into the file (not into the block).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::model::dates::{Date, EventTime};
pub use crate::model::kinds::Kind;

/// A content file cut in two: the YAML between the `---` lines and the Markdown after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", file, "this file is empty")
            .help("write a front matter block (`---`, `title: ...`, `---`) and the page text, or delete the file"));
    }
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error("front-matter-missing", file, "the file does not start with a front matter block")
            .at(text, 0..first_line_end.saturating_sub(1))
            .help("start the file with a line `---`, then fields such as `title: Mon titre`, then a closing line `---`"));
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_line_end..offset],
                yaml_offset: first_line_end,
                body: &text[end..],
                body_offset: end,
            });
        }
        offset = end;
    }
    Err(Diagnostic::error(
        "front-matter-unclosed",
        file,
        "the front matter block is never closed",
    )
    .at(text, 0..3)
    .help("add a line `---` after the last field, before the page text"))
}

/// Converts a serde YAML error into a diagnostic at the right place in the whole file.
/// `fields` lists the fields allowed at the top level, for did-you-mean hints.
pub fn yaml_error(
    file: &str,
    text: &str,
    yaml_offset: usize,
    error: &serde_yaml_ng::Error,
    fields: &[&str],
) -> Diagnostic {
    let full = error.to_string();
    // The location is shown by the report itself: keep the message short.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let mut start = error
        .location()
        .map_or(yaml_offset, |l| yaml_offset + l.index());
    let (code, help, mut span_len) = classify(&message, fields);
    // A value's own check carries its help after `HELP_MARK` (`classify` took it).
    let message = match message.split_once(HELP_MARK) {
        Some((m, _)) => m.to_string(),
        None => message,
    };
    // Errors raised while converting a value (dates, times, names) carry the position of the
    // enclosing mapping: point at the value itself, quoted in the message.
    if code == "invalid-date" || code == "invalid-value" {
        if let Some(value) = message.split('`').nth(1) {
            let block_end = text[yaml_offset..]
                .find("\n---")
                .map_or(text.len(), |i| yaml_offset + i + 1);
            if let Some(i) = text[start.min(block_end)..block_end].find(value) {
                start += i;
                span_len = Some(value.len());
            }
        }
    }
    let end = start + span_len.unwrap_or_else(|| token_len(&text[start.min(text.len())..]));
    Diagnostic::error(code, file, message)
        .at(text, start..end)
        .help_opt(help)
}

fn token_len(rest: &str) -> usize {
    rest.find(['\n', ',', ']', '}'])
        .unwrap_or(rest.len())
        .max(1)
}

/// Separates the message of a value's own check (a time zone, an editor) from its help, so that
/// the help is shown as such.
pub const HELP_MARK: &str = "; help: ";

fn classify(message: &str, fields: &[&str]) -> (&'static str, Option<String>, Option<usize>) {
    // Errors inside nested values start with their path (`status: `, `hours[0].open: `).
    let message = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => rest,
        _ => message,
    };
    if let Some((_, help)) = message.split_once(HELP_MARK) {
        return ("invalid-value", Some(help.to_string()), None);
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") {
        let field = quoted.first().copied().unwrap_or_default();
        let expected: Vec<&str> = if quoted.len() > 1 {
            quoted[1..].to_vec()
        } else {
            fields.to_vec()
        };
        let help = match did_you_mean(field, expected.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? Fields allowed here: {}",
                expected.join(", ")
            ),
            None => format!("remove it; fields allowed here: {}", expected.join(", ")),
        };
        return ("unknown-field", Some(help), Some(field.len().max(1)));
    }
    if message.starts_with("unknown variant") {
        let value = quoted.first().copied().unwrap_or_default();
        let expected: Vec<&str> = quoted.iter().skip(1).copied().collect();
        let help = match did_you_mean(value, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Write one of: {}", expected.join(", ")),
            None => format!("write one of: {}", expected.join(", ")),
        };
        return ("wrong-type", Some(help), None);
    }
    if message.starts_with("missing field") {
        let field = quoted.first().copied().unwrap_or_default();
        return (
            "missing-field",
            Some(format!("add a line `{field}: ...` to the front matter")),
            Some(3),
        );
    }
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        return ("invalid-date", None, None);
    }
    if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        let help = if message.contains("expected a sequence") {
            Some("write a list, for example `[handicap, age]` or one `- item` per line".to_string())
        } else if message.contains("expected u32")
            || message.contains("expected u8")
            || message.contains("integer")
        {
            Some("write a whole number, for example `36`".to_string())
        } else if message.contains("expected a boolean") {
            Some("write `true` or `false`".to_string())
        } else if message.contains("expected a string") {
            Some(
                "write text, in quotes if it contains `:` or starts with a special character"
                    .to_string(),
            )
        } else {
            None
        };
        return ("wrong-type", help, None);
    }
    let help = if message.contains("end of stream") || message.contains("quoted scalar") {
        Some(
            "a quote (\" or ') is opened and never closed: close it at the end of the value"
                .to_string(),
        )
    } else if message.contains("mapping values are not allowed") {
        Some(
            "a value containing `: ` must be quoted, for example `title: \"Agir : les étapes\"`"
                .to_string(),
        )
    } else if message.contains("tab") {
        Some("indent with spaces, not tabs".to_string())
    } else {
        Some(
            "check the indentation and quotes of this line; each field is written `name: value`"
                .to_string(),
        )
    };
    ("yaml-syntax", help, None)
}

trait HelpOpt {
    fn help_opt(self, help: Option<String>) -> Self;
}

impl HelpOpt for Diagnostic {
    fn help_opt(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }
}

/// Finds where `needle` is written in the front matter, to point a later diagnostic at it.
/// Looks for `key:` first, then for the value after it.
pub fn locate(text: &str, yaml: Range<usize>, key: &str, needle: Option<&str>) -> Range<usize> {
    let block = &text[yaml.clone()];
    let key_at = block
        .match_indices(key)
        .find(|(i, _)| {
            let before_ok =
                *i == 0 || matches!(block.as_bytes()[i - 1], b'\n' | b' ' | b'{' | b',' | b'-');
            // Not in a comment: `balise new` writes `# Exemple : title: "…"` above the field.
            let line_start = block[..*i].rfind('\n').map_or(0, |n| n + 1);
            let commented = block[line_start..*i].contains('#');
            before_ok && !commented && block[i + key.len()..].starts_with(':')
        })
        .map(|(i, _)| i);
    let Some(key_at) = key_at else {
        return yaml.start..yaml.start;
    };
    if let Some(needle) = needle.filter(|n| !n.is_empty()) {
        if let Some(i) = block[key_at..].find(needle) {
            let s = yaml.start + key_at + i;
            return s..s + needle.len();
        }
    }
    yaml.start + key_at..yaml.start + key_at + key.len()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub updated: Option<Date>,
}

pub const SECTION_FIELDS: [&str; 4] = ["title", "kind", "summary", "updated"];

/// Fields every kind of page shares.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Common {
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub criteria: Vec<String>,
    pub domains: Vec<String>,
    pub territories: Vec<String>,
    pub easy_read: Option<String>,
    pub figures: Vec<Figure>,
}

/// A small data series drawn as a bar chart, with its numbers in a table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub title: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    pub data: Vec<DataPoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataPoint {
    pub label: String,
    pub value: f64,
}

/// Declares the front matter struct of one kind: the common fields plus `$field`s, with
/// `deny_unknown_fields` (serde's `flatten` cannot be combined with it), and a `split` that
/// separates the common part from the kind's own.
macro_rules! kind_front_matter {
    ($front:ident => $variant:ident($own:ident) { $( $(#[$attr:meta])* $field:ident : $ty:ty ),* $(,)? }) => {
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $front {
            title: String,
            #[serde(default)] summary: Option<String>,
            #[serde(default)] updated: Option<Date>,
            #[serde(default)] draft: bool,
            #[serde(default)] criteria: Vec<String>,
            #[serde(default)] domains: Vec<String>,
            #[serde(default)] territories: Vec<String>,
            #[serde(default)] easy_read: Option<String>,
            #[serde(default)] figures: Vec<Figure>,
            $( $(#[$attr])* $field: $ty, )*
        }

        #[derive(Debug, Clone, Serialize)]
        pub struct $own {
            $( pub $field: $ty, )*
        }

        impl $front {
            pub const FIELDS: &'static [&'static str] = &[
                "title", "summary", "updated", "draft", "criteria", "domains", "territories",
                "easy_read", "figures", $( stringify!($field), )*
            ];

            pub fn split(self) -> (Common, $own) {
                (
                    Common {
                        title: self.title,
                        summary: self.summary,
                        updated: self.updated,
                        draft: self.draft,
                        criteria: self.criteria,
                        domains: self.domains,
                        territories: self.territories,
                        easy_read: self.easy_read,
                        figures: self.figures,
                    },
                    $own { $( $field: self.$field, )* },
                )
            }
        }

        impl KindFront for $front {
            fn into_parts(self) -> (Common, KindData) {
                let (common, own) = self.split();
                (common, KindData::$variant(own))
            }
        }
    };
}

kind_front_matter!(RightFront => Right(Right) {
    #[serde(default)] contacts: Vec<String>,
    #[serde(default)] references: Vec<Reference>,
});

kind_front_matter!(ContactFront => Contact(Contact) {
    #[serde(default)] address: Option<Address>,
    #[serde(default)] phone: Option<String>,
    #[serde(default)] email: Option<String>,
    #[serde(default)] website: Option<String>,
    #[serde(default)] hours: Vec<Hours>,
    #[serde(default)] status: ContactStatus,
    #[serde(default)] successor: Option<String>,
});

kind_front_matter!(ConventionFront => Convention(Convention) {
    parties: Vec<Party>,
    #[serde(default)] signed: Option<Date>,
    #[serde(default)] effective: Option<Date>,
    #[serde(default)] duration_months: Option<u32>,
    #[serde(default)] renewal: Renewal,
    #[serde(default)] renewal_months: Option<u32>,
    #[serde(default)] notice_months: Option<u32>,
    #[serde(default)] document: Option<String>,
});

kind_front_matter!(EventFront => Event(Event) {
    start: EventTime,
    #[serde(default)] end: Option<EventTime>,
    #[serde(default)] recurrence: Option<Recurrence>,
    #[serde(default)] location: Option<Location>,
    #[serde(default)] organisers: Vec<String>,
    #[serde(default)] url: Option<String>,
});

kind_front_matter!(PageFront => Page(Plain) {});

impl Event {
    /// The next day an event happens on or after `today` (its start, or for a yearly event the next
    /// anniversary), or `None` if it is over.
    pub fn next_occurrence(&self, today: NaiveDate) -> Option<NaiveDate> {
        let e = self;
        let start = e.start.date();
        let end = e.end.map_or(start, EventTime::date);
        if end >= today {
            return Some(start);
        }
        if e.recurrence == Some(Recurrence::Yearly) {
            use chrono::Datelike;
            let length = end - start;
            for year in today.year() - 1..=today.year() + 1 {
                let candidate = start
                    .with_year(year)
                    .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))?;
                if candidate >= start && candidate + length >= today {
                    return Some(candidate);
                }
            }
        }
        None
    }
}

impl Contact {
    /// The `tel:` link of the contact's phone number.
    pub fn phone_href(&self) -> Option<String> {
        self.phone.as_deref().map(phone_href)
    }
}

/// `tel:` URI for a French number as people write it: `03 80 74 51 51` → `tel:+33380745151`.
pub fn phone_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if let Some(rest) = digits.strip_prefix('0').filter(|r| r.len() == 9) {
        format!("tel:+33{rest}")
    } else {
        format!("tel:{digits}")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    pub city: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mo,
    Tu,
    We,
    Th,
    Fr,
    Sa,
    Su,
}

impl Weekday {
    pub fn name_fr(self) -> &'static str {
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ][self as usize]
    }

    /// schema.org day URL name.
    pub fn schema_org(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

/// Opening hours: `{days: [mo, tu], open: "09:00", close: "12:00"}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub days: Vec<Weekday>,
    pub open: ClockTime,
    pub close: ClockTime,
}

/// `HH:MM`, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub chrono::NaiveTime);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map(ClockTime)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "invalid time `{text}`: write hours as HH:MM in quotes, for example \"09:00\""
                ))
            })
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%H:%M"))
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactStatus {
    #[default]
    Active,
    Dissolved,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub signatory: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Renewal {
    #[default]
    None,
    Tacit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Recurrence {
    Yearly,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
}

/// The kind-specific part of a page.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum KindData {
    Right(Right),
    Contact(Contact),
    Convention(Convention),
    Event(Event),
    Page(Plain),
}

impl KindData {
    pub fn kind(&self) -> Kind {
        match self {
            KindData::Right(_) => Kind::Right,
            KindData::Contact(_) => Kind::Contact,
            KindData::Convention(_) => Kind::Convention,
            KindData::Event(_) => Kind::Event,
            KindData::Page(_) => Kind::Page,
        }
    }
}

/// Parses a page's front matter as `kind`; on error, also returns the fields that kind allows
/// (for did-you-mean hints).
pub fn parse_page(
    kind: Kind,
    yaml: &str,
) -> Result<(Common, KindData), (serde_yaml_ng::Error, &'static [&'static str])> {
    // An empty block is a document with no fields, which YAML reads as null.
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    let spec = kind.spec();
    (spec.parse)(yaml).map_err(|e| (e, spec.fields))
}

/// Parses front matter of type `F` and splits it into the common fields and `kind`'s own.
pub(crate) fn parse_as<F: serde::de::DeserializeOwned + KindFront>(
    yaml: &str,
) -> Result<(Common, KindData), serde_yaml_ng::Error> {
    serde_yaml_ng::from_str::<F>(yaml).map(KindFront::into_parts)
}

/// Front matter of one kind: its fields, and how it splits into common fields and its own.
pub(crate) trait KindFront {
    fn into_parts(self) -> (Common, KindData);
}

/// Parses a page's front matter and reports as many problems as it can in one run: after each
/// error, the top-level field at fault is blanked out (byte offsets kept, so later positions
/// stay right) and parsing starts again. The page is returned when what remains parses, so
/// that validation can report its other problems too.
pub fn parse_page_reporting_all(
    kind: Kind,
    file: &str,
    text: &str,
    split: &Split,
) -> (Option<(Common, KindData)>, Vec<Diagnostic>) {
    let mut yaml = split.yaml.to_string();
    let mut diagnostics = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    // Each round blanks one more field, so the number of rounds is bounded by the fields.
    for _ in 0..64 {
        let (error, fields) = match parse_page(kind, &yaml) {
            Ok(parsed) => return (Some(parsed), diagnostics),
            Err(e) => e,
        };
        let d = yaml_error(file, text, split.yaml_offset, &error, fields);
        let consequence = d.code == "missing-field"
            && blanked
                .iter()
                .any(|k| d.message.contains(&format!("`{k}`")));
        let code = d.code;
        let at = d
            .span
            .as_ref()
            .map_or(0, |s| s.start.saturating_sub(split.yaml_offset));
        if !consequence {
            diagnostics.push(d);
        }
        if code == "yaml-syntax" || code == "missing-field" {
            break;
        }
        match blank_field(&mut yaml, at) {
            Some(key) => blanked.push(key),
            None => break,
        }
    }
    (None, diagnostics)
}

/// Replaces the top-level field around byte `at` (its key line and indented continuation) by
/// spaces. Returns the key, or `None` when there is nothing left to blank there.
fn blank_field(yaml: &mut String, at: usize) -> Option<String> {
    let at = at.min(yaml.len());
    let mut start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    loop {
        let line_end = yaml[start..].find('\n').map_or(yaml.len(), |i| start + i);
        let line = &yaml[start..line_end];
        let top_level = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        if top_level || start == 0 {
            break;
        }
        start = yaml[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let first_end = yaml[start..].find('\n').map_or(yaml.len(), |i| start + i);
    let key = yaml[start..first_end].split(':').next()?.trim().to_string();
    if key.is_empty() {
        return None;
    }
    let mut end = first_end;
    while end < yaml.len() {
        let next_end = yaml[end + 1..]
            .find('\n')
            .map_or(yaml.len(), |i| end + 1 + i);
        let line = &yaml[end + 1..next_end];
        if line.starts_with([' ', '\t', '-', '#']) || line.trim().is_empty() {
            end = next_end;
        } else {
            break;
        }
    }
    let blank: String = yaml[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    // Replacing characters by as many spaces would shift offsets for multi-byte characters:
    // pad to the same byte length instead.
    let padded = format!("{blank:<width$}", width = end - start);
    yaml.replace_range(start..end, &padded[..end - start]);
    Some(key)
}

/// Every field a kind accepts, in order, for scaffolding and the CMS configuration.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_phone_numbers_become_international_tel_links() {
        assert_eq!(phone_href("03 80 74 51 51"), "tel:+33380745151");
        assert_eq!(phone_href("+33 9 69 39 00 00"), "tel:+33969390000");
        assert_eq!(phone_href("3928"), "tel:3928");
    }

    #[test]
    fn splits_front_matter_and_keeps_offsets() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(&text[s.body_offset..], "# Body\n");
    }

    #[test]
    fn missing_unclosed_and_empty_are_distinct_errors() {
        assert_eq!(
            split("a.md", "title: A\n").unwrap_err().code,
            "front-matter-missing"
        );
        assert_eq!(
            split("a.md", "---\ntitle: A\n").unwrap_err().code,
            "front-matter-unclosed"
        );
        assert_eq!(split("a.md", " \n").unwrap_err().code, "empty-file");
    }

    #[test]
    fn unknown_field_points_at_the_key_in_the_file_with_a_suggestion() {
        let text = "---\ntitle: A\nadress:\n  city: Dijon\n---\n";
        let s = split("c.md", text).unwrap();
        let (err, fields) = parse_page(Kind::Contact, s.yaml).unwrap_err();
        let d = yaml_error("c.md", text, s.yaml_offset, &err, fields);
        assert_eq!(d.code, "unknown-field");
        assert_eq!((d.line, d.column), (3, 1));
        assert!(d.help.unwrap().contains("did you mean `address`"));
    }

    #[test]
    fn bad_date_is_reported_on_its_line() {
        let text = "---\ntitle: A\nstart: 17/05/2027\n---\n";
        let s = split("e.md", text).unwrap();
        let (err, fields) = parse_page(Kind::Event, s.yaml).unwrap_err();
        let d = yaml_error("e.md", text, s.yaml_offset, &err, fields);
        assert_eq!(d.code, "invalid-date");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("2027-05-17"), "{}", d.message);
    }

    #[test]
    fn missing_title_is_a_missing_field() {
        let text = "---\nsummary: x\n---\n";
        let s = split("p.md", text).unwrap();
        let (err, fields) = parse_page(Kind::Page, s.yaml).unwrap_err();
        let d = yaml_error("p.md", text, s.yaml_offset, &err, fields);
        assert_eq!(d.code, "missing-field");
        assert!(d.message.contains("title"));
    }

    #[test]
    fn several_field_errors_of_one_file_are_all_reported() {
        let text =
            "---\ntitle: A\nupdated: 2027-02-30\nadress:\n  city: Dijon\nstatus: dissolu\n---\n";
        let s = split("c.md", text).unwrap();
        let (page, ds) = parse_page_reporting_all(Kind::Contact, "c.md", text, &s);
        let found: Vec<_> = ds.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            found,
            [("invalid-date", 3), ("unknown-field", 4), ("wrong-type", 6)],
            "{ds:#?}"
        );
        assert!(
            page.is_some(),
            "what remains still parses, for the later checks"
        );
    }

    #[test]
    fn a_required_field_with_a_bad_value_is_not_also_reported_missing() {
        let text = "---\ntitle: A\nstart: 2027-13-01\n---\n";
        let s = split("e.md", text).unwrap();
        let (page, ds) = parse_page_reporting_all(Kind::Event, "e.md", text, &s);
        assert_eq!(ds.len(), 1, "{ds:#?}");
        assert!(page.is_none());
    }

    #[test]
    fn locate_finds_values_after_their_key() {
        let text = "---\ntitle: handicap\ncriteria: [age, handycap]\n---\n";
        let s = split("p.md", text).unwrap();
        let r = locate(
            text,
            s.yaml_offset..s.yaml_offset + s.yaml.len(),
            "criteria",
            Some("handycap"),
        );
        assert_eq!(&text[r], "handycap");
    }

    #[test]
    fn locate_skips_keys_quoted_in_comments() {
        let text = "---\n# Exemple : title: \"Agir\"\ntitle:\n---\n";
        let s = split("p.md", text).unwrap();
        let r = locate(
            text,
            s.yaml_offset..s.yaml_offset + s.yaml.len(),
            "title",
            None,
        );
        assert_eq!(crate::diagnostics::line_column(text, r.start), (3, 1));
    }
}
