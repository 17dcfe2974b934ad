//! Long texts kept compressed in memory between `load`, which converts each body once, and the
//! stages that read it once each: `render` (the HTML) and `index` (the plain text).
//!
//! Why: a site holds every converted body from `load` to the end of the build. A corpus of
//! 10,000 pages of 3,000 words held 195 MiB of HTML and 166 MiB of plain text, the largest part
//! of its peak memory. LZ4 (the block format tantivy already links for its document store) keeps
//! such a text in about a third of its size and gives it back in microseconds. Short texts stay
//! as they are: compressing them would save little and cost a copy on every read.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Texts from this size on are compressed: a page of about 600 words stays as it is, a page of
/// 1,500 words or more is compressed.
pub const PACK_FROM: usize = 8 * 1024;

/// A text, compressed when long. Cloning shares it (the page and its search document hold the
/// same plain text).
#[derive(Clone)]
pub struct PackedText(Repr);

#[derive(Clone)]
enum Repr {
    Plain(Arc<str>),
    /// LZ4 block of a UTF-8 text of `len` bytes.
    Lz4 {
        block: Arc<[u8]>,
        len: usize,
    },
}

impl PackedText {
    pub fn new(text: String) -> Self {
        if text.len() < PACK_FROM {
            return PackedText(Repr::Plain(text.into()));
        }
        PackedText(Repr::Lz4 {
            block: lz4_flex::compress(text.as_bytes()).into(),
            len: text.len(),
        })
    }

    /// The text: borrowed when short, decompressed into a new string when long.
    pub fn unpack(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Plain(text) => Cow::Borrowed(text),
            Repr::Lz4 { block, len } => {
                // The block was made by `new` from a text of `len` bytes, in this process: it
                // decompresses whole, into valid UTF-8.
                let bytes = lz4_flex::decompress(block, *len)
                    .expect("a block made by PackedText::new decompresses");
                debug_assert_eq!(bytes.len(), *len);
                Cow::Owned(String::from_utf8(bytes).expect("compressed from a str"))
            }
        }
    }

    /// The text when it is held as it is (short).
    pub fn as_plain(&self) -> Option<&str> {
        match &self.0 {
            Repr::Plain(text) => Some(text),
            Repr::Lz4 { .. } => None,
        }
    }

    /// Length of the text, in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Plain(text) => text.len(),
            Repr::Lz4 { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A 64-bit XXH3 of the text as held, without unpacking it: the compressed block of a
    /// long text stands for the text (the same text always compresses to the same block, and
    /// the block gives back only its text). The same text gives the same digest in any process.
    pub fn digest(&self) -> u64 {
        match &self.0 {
            Repr::Plain(text) => xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            // Another seed than plain texts': a block and a text of the same bytes differ.
            Repr::Lz4 { block, .. } => xxhash_rust::xxh3::xxh3_64_with_seed(block, 1),
        }
    }

    /// Bytes held in memory (the compressed size for a long text).
    pub fn held(&self) -> usize {
        match &self.0 {
            Repr::Plain(text) => text.len(),
            Repr::Lz4 { block, .. } => block.len(),
        }
    }
}

impl Default for PackedText {
    fn default() -> Self {
        PackedText(Repr::Plain(Arc::from("")))
    }
}

impl From<String> for PackedText {
    fn from(text: String) -> Self {
        PackedText::new(text)
    }
}

impl From<&str> for PackedText {
    fn from(text: &str) -> Self {
        PackedText::new(text.to_string())
    }
}

/// Serialised as its text (a template's `page.content`).
impl serde::Serialize for PackedText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.unpack())
    }
}

/// Shows the text, as a `String` would, so that a failing test prints it.
impl fmt::Debug for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.unpack(), f)
    }
}

impl PartialEq for PackedText {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.unpack() == other.unpack()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_kept_as_they_are() {
        let text = PackedText::new("Le Défenseur des droits".to_string());
        assert_eq!(text.held(), text.len());
        assert!(matches!(
            text.unpack(),
            Cow::Borrowed("Le Défenseur des droits")
        ));
    }

    #[test]
    fn long_texts_are_held_compressed_and_given_back_whole() {
        // A varied text, with accents and characters of several bytes, over the threshold.
        let text: String = (0..3000)
            .map(|i| {
                format!(
                    "{}é{}ق ",
                    ["droit", "emploi", "logement", "santé"][i % 4],
                    i % 97
                )
            })
            .collect();
        assert!(text.len() >= PACK_FROM);
        let packed = PackedText::new(text.clone());
        assert!(
            packed.held() < text.len() / 2,
            "held {} of {}",
            packed.held(),
            text.len()
        );
        assert_eq!(packed.len(), text.len());
        assert_eq!(packed.unpack(), text);
        assert_eq!(packed.clone().unpack(), text);
    }

    #[test]
    fn the_threshold_is_where_compression_starts() {
        let below = "a".repeat(PACK_FROM - 1);
        let at = "a".repeat(PACK_FROM);
        assert_eq!(PackedText::new(below.clone()).held(), below.len());
        assert!(PackedText::new(at.clone()).held() < at.len());
        assert_eq!(PackedText::new(at.clone()).unpack(), at);
    }

    #[test]
    fn digests_tell_texts_apart_and_serialise_as_text() {
        let long = |word: &str| format!("{word} ").repeat(PACK_FROM);
        let short = PackedText::new("Le Défenseur des droits".to_string());
        let same_short = PackedText::new("Le Défenseur des droits".to_string());
        let other_short = PackedText::new("Le Défenseur des droit".to_string());
        assert_eq!(short.digest(), same_short.digest());
        assert_ne!(short.digest(), other_short.digest());
        let (a, b) = (
            PackedText::new(long("droit")),
            PackedText::new(long("emploi")),
        );
        assert!(a.as_plain().is_none(), "long texts are compressed");
        assert_eq!(a.digest(), PackedText::new(long("droit")).digest());
        assert_ne!(a.digest(), b.digest());
        assert_eq!(
            serde_json::to_value(&short).unwrap(),
            "Le Défenseur des droits"
        );
        assert_eq!(serde_json::to_value(&a).unwrap(), long("droit").as_str());
    }
}
