//! Contact cards (vCard 4.0, RFC 6350): `<contact url>contact.vcf`, so a reader can save an
//! organisation in their phone's address book.
//!
//! Written by hand: the format is a few lines, and no well-kept crate writes vCard 4.0. The rules
//! that matter are here and tested: CRLF line ends, text escaping (`\`, `,`, `;`, new lines) and
//! lines folded at 75 octets without cutting a UTF-8 character.

use crate::model::content::Page;
use crate::model::frontmatter::{Contact, ContactStatus, KindData};
use crate::model::output::OutputFile;
use crate::model::site::Site;

/// One `contact.vcf` per contact page.
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.pages_of_kind(crate::Kind::Contact)
        .filter_map(|(_, page)| {
            let KindData::Contact(contact) = &page.data else {
                return None;
            };
            Some(OutputFile::new(
                format!("{}contact.vcf", page.url.trim_start_matches('/')),
                vcard(site, page, contact),
            ))
        })
        .collect()
}

/// The card of one contact.
pub fn vcard(site: &Site, page: &Page, contact: &Contact) -> String {
    let mut card = Card::default();
    card.line("BEGIN", "VCARD");
    card.line("VERSION", "4.0");
    card.line("KIND", "org");
    card.line("FN", &escape(&page.meta.title));
    card.line("ORG", &escape(&page.meta.title));
    if let Some(phone) = &contact.phone {
        card.line(
            "TEL;VALUE=uri;TYPE=work,voice",
            &crate::model::frontmatter::phone_href(phone),
        );
    }
    if let Some(email) = &contact.email {
        card.line("EMAIL;TYPE=work", &escape(email));
    }
    if let Some(a) = &contact.address {
        // ADR: post office box; extended address; street; locality; region; postal code; country.
        let parts = [
            "",
            "",
            a.street.as_deref().unwrap_or(""),
            &a.city,
            "",
            a.postcode.as_deref().unwrap_or(""),
            "",
        ];
        let value: Vec<String> = parts.iter().map(|p| escape(p)).collect();
        card.line("ADR;TYPE=work", &value.join(";"));
    }
    if let Some(website) = &contact.website {
        card.line("URL", website);
    }
    let mut note = page.meta.summary.clone().unwrap_or_default();
    if contact.status == ContactStatus::Dissolved {
        let successor = contact
            .successor
            .as_deref()
            .and_then(|s| site.contact(s))
            .map(|p| format!(" Ses missions sont reprises par : {}.", p.meta.title))
            .unwrap_or_default();
        note = format!("Cet organisme n'existe plus.{successor} {note}");
    }
    if !note.trim().is_empty() {
        card.line("NOTE", &escape(note.trim()));
    }
    card.line(
        "SOURCE",
        &site.permalink(&format!("{}contact.vcf", page.url)),
    );
    card.line("UID", &site.permalink(&page.url));
    if let Some(updated) = page.meta.updated {
        card.line("REV", &updated.0.format("%Y%m%dT000000Z").to_string());
    }
    card.line("END", "VCARD");
    card.text
}

#[derive(Default)]
struct Card {
    text: String,
}

impl Card {
    /// Appends `name:value` (value already escaped), folded, with CRLF.
    fn line(&mut self, name: &str, value: &str) {
        self.text.push_str(&fold(&format!("{name}:{value}")));
        self.text.push_str("\r\n");
    }
}

/// RFC 6350 §3.4: backslash, comma and semicolon are escaped; new lines are written `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 6350 §3.2: lines longer than 75 octets continue on the next line after a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        // The first line holds 75 octets; the next ones 74 after their leading space.
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_on_character_boundaries() {
        let line = format!("NOTE:{}", "é".repeat(100));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("FN:court"), "FN:court");
    }
}
