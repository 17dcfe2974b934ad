//! Limits on what a content file may ask of the build, checked before the Markdown parser and
//! the HTML minifier see the text: both are fast on any real page, but the minifier parses
//! nested elements recursively, and 5,000 nested `>` crashed the process with a stack overflow
//! (which no `catch_unwind` can turn into an error). Past a limit, the file gets an error that
//! names it and its line; the rest of the site is still checked. See README, "Reliability".

/// Largest content file read, in bytes. A long rights page is about 30 kB, and a 20 MB file
/// must still build (`tests/it/check.rs`); past 32 MiB it is not a page but a mistake (a pasted
/// archive, a log), held several times in memory (source, HTML, search text).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Deepest nesting of the Markdown of a page: block quotes and lists inside each other, and
/// inline elements (emphasis, links) inside each other. Real pages stay under 10.
pub const MAX_NESTING: usize = 100;

/// Deepest element nesting of a whole rendered HTML page, checked before it is minified: the
/// content's limit plus the theme's own levels, with room to spare.
pub const MAX_PAGE_NESTING: usize = 400;

/// Longest line of a content file, in bytes: longer is not prose (a pasted data URL or a
/// minified file), and it makes every diagnostic unreadable.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// The first line whose container prefix (`>` quote markers and list markers at its start, and
/// its indentation, which also nests lists) is deeper than `max`: `(line number from 1, byte
/// offset of the line, depth)`. Linear in the text; runs before the Markdown parser.
pub fn deep_line(text: &str, max: usize) -> Option<(usize, usize, usize)> {
    let mut offset = 0;
    for (number, line) in text.split('\n').enumerate() {
        let depth = container_depth(line.as_bytes());
        if depth > max {
            return Some((number + 1, offset, depth));
        }
        offset += line.len() + 1;
    }
    None
}

/// How many containers a line opens or continues, counted from its start: each `>`, each list
/// marker (`-`, `+`, `*`, `1.`, `1)` followed by a space), and every two columns of indentation
/// (a nested list item is indented by at least two columns per level).
fn container_depth(line: &[u8]) -> usize {
    let mut depth = 0;
    let mut columns = 0;
    let mut i = 0;
    while i < line.len() {
        // Length of a container marker at `i` (without the one space that follows it).
        let marker = match line[i] {
            b' ' => {
                columns += 1;
                0
            }
            b'\t' => {
                columns += 4;
                0
            }
            b'>' => 1,
            b'-' | b'+' | b'*' if line.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t') => 1,
            b'0'..=b'9' => {
                let digits = line[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let after = line.get(i + digits);
                let next = line.get(i + digits + 1);
                if digits <= 9
                    && matches!(after, Some(b'.' | b')'))
                    && next.is_none_or(|c| *c == b' ' || *c == b'\t')
                {
                    digits + 1
                } else {
                    break;
                }
            }
            _ => break,
        };
        if marker == 0 {
            i += 1;
            continue;
        }
        depth += 1;
        i += marker;
        // The space after a marker belongs to it, not to the indentation.
        if line.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    depth + columns / 2
}

/// How the depth count treats an element, by its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counted {
    /// Counted: its start tag opens a level, its end tag closes one.
    Yes,
    /// Never has content, or HTML lets authors leave out its end tag: not counted, so a page
    /// that omits them is not mistaken for a deep one.
    No,
    /// Its content is text up to its end tag (a `<` inside a script is not a tag).
    RawText,
}

fn counted(name: &[u8]) -> Counted {
    // The longest name below has 8 letters; a longer one is counted.
    let mut lower = [0u8; 8];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return Counted::Yes;
    };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    match &*lower {
        // Optional end tags.
        b"p" | b"li" | b"dt" | b"dd" | b"tr" | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot"
        | b"option" | b"optgroup" | b"colgroup" | b"caption" | b"rt" | b"rp" | b"html"
        // Void elements.
        | b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"param" => Counted::No,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" => Counted::RawText,
        _ => Counted::Yes,
    }
}

/// The deepest element nesting of `html`, and the byte offset where it is first reached; stops
/// counting past `max`. A linear scan, not a parser: it only needs to be sure that the
/// minifier's recursion stays shallow, so elements with optional end tags are left out.
pub fn html_depth(html: &[u8], max: usize) -> (usize, usize) {
    let mut depth = 0usize;
    let mut deepest = (0, 0);
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &html[i..]) {
        let start = i + lt;
        i = start + 1;
        match html.get(i) {
            Some(b'!') | Some(b'?') => {
                let end = if html[i..].starts_with(b"!--") {
                    memchr::memmem::find(&html[i..], b"-->").map(|e| i + e + 3)
                } else {
                    memchr::memchr(b'>', &html[i..]).map(|e| i + e + 1)
                };
                i = end.unwrap_or(html.len());
            }
            Some(b'/') => {
                let name = tag_name(&html[i + 1..]);
                if !name.is_empty() && counted(name) != Counted::No {
                    depth = depth.saturating_sub(1);
                }
                i = tag_end(html, i);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&html[i..]);
                let end = tag_end(html, i);
                let self_closing = end >= 2 && html[end - 2] == b'/';
                i = end;
                match counted(name) {
                    Counted::RawText => {
                        i = end_tag(html, i, name).unwrap_or(html.len());
                        continue;
                    }
                    Counted::No => continue,
                    Counted::Yes if self_closing => continue,
                    Counted::Yes => {}
                }
                depth += 1;
                if depth > deepest.0 {
                    deepest = (depth, start);
                    if depth > max {
                        return deepest;
                    }
                }
            }
            _ => {}
        }
    }
    deepest
}

fn tag_name(bytes: &[u8]) -> &[u8] {
    let len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    &bytes[..len]
}

/// Offset just after the `>` that ends the tag starting at `from`, skipping quoted values.
fn tag_end(html: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(k) = memchr::memchr3(b'>', b'"', b'\'', &html[i..]) {
        let at = i + k;
        let quote = html[at];
        if quote == b'>' {
            return at + 1;
        }
        match memchr::memchr(quote, &html[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => break,
        }
    }
    html.len()
}

/// Offset of the first `</name` at or after `from`, in any case.
fn end_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&html[i..], b"</") {
        let at = i + k;
        let after = &html[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_depth_counts_quotes_lists_and_indentation() {
        assert_eq!(container_depth(b"Un paragraphe."), 0);
        assert_eq!(container_depth(b"> > - citation"), 3);
        assert_eq!(container_depth(b">>>>"), 4);
        assert_eq!(container_depth(b"1. 2) - * + x"), 5);
        assert_eq!(container_depth(b"    - x"), 3);
        assert_eq!(container_depth(&b"> ".repeat(20)), 20);
        assert_eq!(container_depth(b"-5 degres"), 0);
        assert_eq!(container_depth(b"**gras**"), 0);
        assert_eq!(container_depth(b"2024. Une annee"), 1);
    }

    #[test]
    fn deep_lines_are_found_with_their_line_number() {
        let text = format!("Titre\n\n{} profond\n", ">".repeat(10_000));
        assert_eq!(deep_line(&text, MAX_NESTING), Some((3, 7, 10_000)));
        let list: String = (0..300)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert_eq!(
            deep_line(&list, MAX_NESTING).map(|d| d.0),
            Some(MAX_NESTING + 1)
        );
        assert_eq!(deep_line("> a\n> > b\n", MAX_NESTING), None);
    }

    #[test]
    fn html_depth_counts_nested_elements_only() {
        let page = b"<!DOCTYPE html><html><head><meta charset=utf-8><title>a<b</title><script>if (a<b) {}</script></head><body><main><ul><li>1<li>2</ul><p>x<br><img src=a alt=\"<>\"></main></body></html>";
        assert_eq!(html_depth(page, 100).0, 3); // head or body, main, ul
        let deep = "<blockquote>".repeat(5000);
        let (depth, _) = html_depth(deep.as_bytes(), MAX_PAGE_NESTING);
        assert_eq!(depth, MAX_PAGE_NESTING + 1);
        let flat = "<div></div>".repeat(5000);
        assert_eq!(html_depth(flat.as_bytes(), MAX_PAGE_NESTING).0, 1);
        assert_eq!(html_depth(b"<!-- <div> --><div/>", 10).0, 0);
        // A `>` in a quoted value does not end the tag; a raw-text element ends at its end tag
        // in any case; names are compared in any case.
        assert_eq!(html_depth(b"<div a='x>y' b=\"q'\"><DIV>", 10).0, 2);
        assert_eq!(html_depth(b"<SCRIPT>a</b><div></ScRiPt><div>", 10).0, 1);
        assert_eq!(
            html_depth(b"<Textarea><div></textarea><BR><LI><span>", 10).0,
            1
        );
        // Past `max`, the scan stops at the first element too deep.
        let (depth, at) = html_depth(b"<div><span><em>x", 2);
        assert_eq!((depth, at), (3, 11));
    }
}
