//! The kinds of content page, declared in one table: adding a kind is one entry of [`KINDS`]
//! plus its front-matter struct (in `frontmatter.rs`) and its template.

use serde::{Deserialize, Serialize};

use crate::model::frontmatter::{
    parse_as, Common, ContactFront, ConventionFront, EventFront, KindData, PageFront, RightFront,
};

/// A kind of page. Its section's `_index.md` says which (`kind: right`); every page of the
/// section has that kind's front matter and template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Right,
    Contact,
    Convention,
    Event,
    Page,
}

/// Everything the stages need to know about a kind.
pub struct KindSpec {
    pub kind: Kind,
    /// Name in front matter, templates, search facets and URLs of data: `right`.
    pub name: &'static str,
    /// Label of a group of such pages, for readers: "Droits".
    pub label: &'static str,
    /// Label of one page, for editors (CMS): "Droit".
    pub singular: &'static str,
    /// Folder `balise new` creates when the site has no section of this kind.
    pub default_section: &'static str,
    /// Title of that new section.
    pub default_section_title: &'static str,
    /// Template of a page of this kind.
    pub template: &'static str,
    /// Template of a section of this kind (the home page always uses `home.html`).
    pub section_template: &'static str,
    /// Front-matter fields allowed, common ones first (for did-you-mean hints and the CMS).
    pub fields: &'static [&'static str],
    /// Commented front matter that `balise new` adds after the common fields.
    pub scaffold_fields: &'static str,
    /// Parses a front-matter block of this kind.
    pub parse: fn(&str) -> Result<(Common, KindData), serde_yaml_ng::Error>,
}

/// The table of kinds, in the order lists and build summaries show them.
pub const KINDS: [KindSpec; 5] = [
    KindSpec {
        kind: Kind::Right,
        name: "right",
        label: "Droits",
        singular: "Droit",
        default_section: "droits",
        default_section_title: "Vos droits",
        template: "right.html",
        section_template: "section.html",
        fields: RightFront::FIELDS,
        scaffold_fields: include_str!("scaffold/right.yaml"),
        parse: parse_as::<RightFront>,
    },
    KindSpec {
        kind: Kind::Contact,
        name: "contact",
        label: "Contacts",
        singular: "Contact",
        default_section: "contacts",
        default_section_title: "Qui peut m'aider ?",
        template: "contact.html",
        section_template: "section.html",
        fields: ContactFront::FIELDS,
        scaffold_fields: include_str!("scaffold/contact.yaml"),
        parse: parse_as::<ContactFront>,
    },
    KindSpec {
        kind: Kind::Convention,
        name: "convention",
        label: "Conventions",
        singular: "Convention",
        default_section: "conventions",
        default_section_title: "Conventions",
        template: "convention.html",
        section_template: "conventions.html",
        fields: ConventionFront::FIELDS,
        scaffold_fields: include_str!("scaffold/convention.yaml"),
        parse: parse_as::<ConventionFront>,
    },
    KindSpec {
        kind: Kind::Event,
        name: "event",
        label: "Événements",
        singular: "Événement",
        default_section: "agenda",
        default_section_title: "Agenda",
        template: "event.html",
        section_template: "agenda.html",
        fields: EventFront::FIELDS,
        scaffold_fields: include_str!("scaffold/event.yaml"),
        parse: parse_as::<EventFront>,
    },
    KindSpec {
        kind: Kind::Page,
        name: "page",
        label: "Pages",
        singular: "Page",
        default_section: "pages",
        default_section_title: "Pages",
        template: "page.html",
        section_template: "section.html",
        fields: PageFront::FIELDS,
        scaffold_fields: "",
        parse: parse_as::<PageFront>,
    },
];

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Right,
        Kind::Contact,
        Kind::Convention,
        Kind::Event,
        Kind::Page,
    ];

    pub fn spec(self) -> &'static KindSpec {
        // `KINDS` lists the kinds in declaration order (checked by a test below).
        &KINDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn parse(s: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.name == s).map(|k| k.kind)
    }

    pub fn label_fr(self) -> &'static str {
        self.spec().label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_kind_once_in_declaration_order() {
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[i].kind, kind);
            assert_eq!(kind as usize, i);
            assert_eq!(Kind::parse(kind.name()), Some(kind));
            assert_eq!(kind.spec().template, format!("{}.html", kind.name()));
        }
    }

    #[test]
    fn scaffold_fields_are_allowed_fields() {
        for spec in &KINDS {
            for line in spec.scaffold_fields.lines() {
                let Some((key, _)) = line.split_once(':') else {
                    continue;
                };
                let key = key.trim_start_matches("# ");
                if !line.starts_with(' ') && !key.contains(' ') && !key.is_empty() {
                    assert!(spec.fields.contains(&key), "{}: {key}", spec.name);
                }
            }
        }
    }
}
