//! The document handed to tantivy's writer: like tantivy's own, except that a page's text is
//! shared with the page instead of copied.
//!
//! The writer queues up to 10,000 documents ahead of its indexing thread, and the French
//! analysis is slower than making documents: with copied texts, nearly every body of a
//! 10,000-page site sat twice in memory while the index was built (about 200 MiB on pages of
//! 3,000 words). Fields are given in the order they are added, as [`TantivyDocument`] does, so
//! the index is the same.
//!
//! A long body is held compressed ([`PackedText`]); it is decompressed by the indexing thread
//! when it reads the field, not when the document is queued, so that the queue holds no
//! decompressed copies either.
//!
//! [`TantivyDocument`]: tantivy::TantivyDocument

use std::sync::{Arc, OnceLock};

use tantivy::schema::document::{Document, ReferenceValue, ReferenceValueLeaf, Value};
use tantivy::schema::Field;

use crate::model::packed::PackedText;

/// A document of the index: its fields and their values, in the order they were added.
#[derive(Debug, Default)]
pub struct IndexedDoc {
    values: Vec<(Field, FieldValue)>,
}

/// What a field of an [`IndexedDoc`] holds.
#[derive(Debug)]
pub enum FieldValue {
    U64(u64),
    Text(String),
    /// A text shared with other documents (a block of keywords).
    Shared(Arc<str>),
    /// The page's body, shared with the page; decompressed on first read if long.
    Packed(PackedText, OnceLock<String>),
}

impl IndexedDoc {
    pub fn add_u64(&mut self, field: Field, value: u64) {
        self.values.push((field, FieldValue::U64(value)));
    }

    pub fn add_text(&mut self, field: Field, text: impl Into<String>) {
        self.values.push((field, FieldValue::Text(text.into())));
    }

    pub fn add_shared(&mut self, field: Field, text: Arc<str>) {
        self.values.push((field, FieldValue::Shared(text)));
    }

    pub fn add_packed(&mut self, field: Field, text: PackedText) {
        self.values
            .push((field, FieldValue::Packed(text, OnceLock::new())));
    }
}

impl<'a> Value<'a> for &'a FieldValue {
    // A field holds one value: no arrays, no objects.
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match self {
            FieldValue::U64(n) => ReferenceValueLeaf::U64(*n),
            FieldValue::Text(text) => ReferenceValueLeaf::Str(text),
            FieldValue::Shared(text) => ReferenceValueLeaf::Str(text),
            FieldValue::Packed(text, unpacked) => ReferenceValueLeaf::Str(match text.as_plain() {
                Some(plain) => plain,
                None => unpacked.get_or_init(|| text.unpack().into_owned()),
            }),
        })
    }
}

type Pair = (Field, FieldValue);

impl Document for IndexedDoc {
    type Value<'a> = &'a FieldValue;
    type FieldsValuesIter<'a> =
        std::iter::Map<std::slice::Iter<'a, Pair>, fn(&'a Pair) -> (Field, &'a FieldValue)>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.values.iter().map(|(field, value)| (*field, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED, STRING, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// The same fields give the same stored document and the same matches as tantivy's own.
    #[test]
    fn an_indexed_doc_indexes_and_stores_like_a_tantivy_document() {
        let mut schema = Schema::builder();
        let id = schema.add_u64_field("id", STORED);
        let url = schema.add_text_field("url", STRING | STORED);
        let body = schema.add_text_field("body", TEXT | STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads::<IndexedDoc>(1, 15_000_000)
            .unwrap();
        let mut doc = IndexedDoc::default();
        doc.add_u64(id, 7);
        doc.add_text(url, "/droits/age/");
        doc.add_shared(body, Arc::from("Le refus de logement est interdit"));
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(body, "logement"),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let hits = searcher
            .search(
                &query,
                &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
            )
            .unwrap();
        assert_eq!(hits.len(), 1, "the shared body is indexed");
        let stored: TantivyDocument = searcher.doc(hits[0].1).unwrap();
        let mut expected = TantivyDocument::default();
        expected.add_u64(id, 7);
        expected.add_text(url, "/droits/age/");
        expected.add_text(body, "Le refus de logement est interdit");
        assert_eq!(
            stored.to_json(&index.schema()),
            expected.to_json(&index.schema())
        );
    }
}
