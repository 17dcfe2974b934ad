//! `balise export --format opensearch`: the guide's search in OpenSearch.
//!
//! - without `--push`: the search documents as a bulk NDJSON file plus the index definition
//!   (settings and mapping, [`settings`]), to load by hand;
//! - with `--push URL`: [`push`] loads them into a cluster behind an alias, swapped atomically;
//! - [`backend`]: `balise search-api --backend opensearch` answers `/api/search` from it;
//! - [`client`]: the small blocking HTTP client both use (credentials from the environment).
//!
//! Several guides share one alias: each document carries its guide's `site`, and each guide
//! lives in its own concrete index (`<alias>-<site>--<time>`), so a guide is replaced without
//! touching the others and keeps its own synonyms and term statistics.

pub mod backend;
pub mod client;
pub mod push;
pub mod settings;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};

use crate::index::{SearchDoc, SearchDocuments};
use crate::model::site::Site;
pub const DOCUMENTS_FILE: &str = "documents.ndjson";
pub const MAPPING_FILE: &str = "mapping.json";

/// Where the two files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPaths {
    pub documents: PathBuf,
    pub mapping: PathBuf,
}

impl ExportPaths {
    /// `out.ndjson` → `out.ndjson` + `out.mapping.json`; anything else is a folder that receives
    /// `documents.ndjson` and `mapping.json`.
    pub fn for_output(output: &Path) -> ExportPaths {
        if output.extension().is_some_and(|e| e == "ndjson") {
            let stem = output
                .file_stem()
                .map_or_else(|| "documents".into(), |s| s.to_string_lossy().into_owned());
            ExportPaths {
                documents: output.to_path_buf(),
                mapping: output.with_file_name(format!("{stem}.{MAPPING_FILE}")),
            }
        } else {
            ExportPaths {
                documents: output.join(DOCUMENTS_FILE),
                mapping: output.join(MAPPING_FILE),
            }
        }
    }
}

/// One document of the OpenSearch index: the search document of `src/index/` plus what a
/// shared index needs (which guide, its language, the page's absolute address and date).
#[derive(Debug, Serialize)]
pub struct OpenSearchDoc<'a> {
    pub site: &'a str,
    pub lang: &'a str,
    pub permalink: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(flatten)]
    pub doc: &'a SearchDoc,
}

/// The documents of a guide, in the order of the site's pages.
pub fn documents<'a>(
    site: &'a Site,
    docs: &'a SearchDocuments,
    site_id: &'a str,
) -> Vec<OpenSearchDoc<'a>> {
    let base = site.config.origin_and_path();
    let updated: std::collections::HashMap<&str, String> = site
        .pages
        .iter()
        .filter_map(|p| Some((p.url.as_str(), p.meta.updated?.to_string())))
        .collect();
    docs.docs
        .iter()
        .map(|doc| {
            let updated = updated.get(doc.url.as_str()).cloned();
            OpenSearchDoc {
                site: site_id,
                lang: &doc.lang,
                permalink: format!("{base}{}", doc.url),
                updated,
                doc,
            }
        })
        .collect()
}

/// The identifier of a guide in a shared index, from its address: `https://ville.fr/guide/` is
/// `ville-fr-guide`. Lowercase ASCII letters and digits joined by single hyphens, so that it is
/// valid in an index name and never contains `--` (which separates it from the time).
pub fn site_id(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    slug_of(after_scheme)
}

/// Lowercase ASCII letters and digits, runs of anything else turned into one hyphen.
pub fn slug_of(text: &str) -> String {
    let mut slug = String::new();
    for c in crate::index::analysis::fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Bulk API body: an action line then the document, for every page; the page URL is the id.
/// `index_name` `None` leaves the index to the request path (`POST /<index>/_bulk`).
pub fn bulk_ndjson(docs: &[OpenSearchDoc], index_name: Option<&str>) -> String {
    let mut out = String::new();
    for doc in docs {
        push_bulk_line(&mut out, doc, index_name);
    }
    out
}

/// Appends one document's two lines to a bulk body.
pub fn push_bulk_line(out: &mut String, doc: &OpenSearchDoc, index_name: Option<&str>) {
    let action = match index_name {
        Some(name) => json!({ "index": { "_index": name, "_id": doc.doc.url } }),
        None => json!({ "index": { "_id": doc.doc.url } }),
    };
    out.push_str(&action.to_string());
    out.push('\n');
    // Strings, lists of strings and options of strings only: serializing cannot fail.
    out.push_str(&serde_json::to_string(doc).expect("a search document is plain JSON"));
    out.push('\n');
}

/// The index definition of a guide (see [`settings`]).
pub fn mapping(site: &Site, docs: &SearchDocuments) -> io::Result<Value> {
    let vocabulary = docs.vocabulary().map_err(io::Error::other)?;
    Ok(settings::index_definition(
        &site.config.search.synonyms,
        &vocabulary.words,
    ))
}

/// Writes both files; returns their paths.
pub fn write_opensearch(
    site: &Site,
    docs: &SearchDocuments,
    site_id: &str,
    output: &Path,
    index_name: &str,
) -> io::Result<ExportPaths> {
    let paths = ExportPaths::for_output(output);
    for p in [&paths.documents, &paths.mapping] {
        if let Some(parent) = p.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
    }
    let documents = documents(site, docs, site_id);
    fs::write(&paths.documents, bulk_ndjson(&documents, Some(index_name)))?;
    let mapping = serde_json::to_string_pretty(&mapping(site, docs)?)
        .expect("the mapping is built from JSON values");
    fs::write(&paths.mapping, mapping + "\n")?;
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> crate::Prepared {
        let mut options = crate::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        options.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
        let (prepared, diagnostics) = crate::prepare(&options);
        assert!(
            !diagnostics.has_errors(),
            "{}",
            diagnostics.render_human(false)
        );
        prepared.unwrap()
    }

    #[test]
    fn every_document_has_an_action_line_with_its_url_as_id() {
        let prepared = bundled();
        let docs = documents(&prepared.site, &prepared.index, "guide");
        let text = bulk_ndjson(&docs, Some("balise"));
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), prepared.index.docs.len() * 2);
        for pair in lines.chunks(2) {
            assert_eq!(pair[0]["index"]["_index"], "balise");
            assert_eq!(pair[0]["index"]["_id"], pair[1]["url"]);
            assert_eq!(pair[1]["site"], "guide");
            assert_eq!(pair[1]["lang"], "fr");
            assert!(pair[1]["title"].as_str().is_some_and(|t| !t.is_empty()));
            let permalink = pair[1]["permalink"].as_str().unwrap();
            assert!(
                permalink.starts_with("https://")
                    && permalink.ends_with(pair[1]["url"].as_str().unwrap())
            );
        }
        assert!(lines
            .iter()
            .any(|d| d["kind"] == "event" && d["start"].is_string()));
        assert!(lines.iter().any(|d| d["updated"].is_string()));
    }

    #[test]
    fn the_mapping_declares_every_document_field_and_the_french_analyzer() {
        let prepared = bundled();
        let m = mapping(&prepared.site, &prepared.index).unwrap();
        let props = m["mappings"]["properties"].as_object().unwrap();
        for doc in documents(&prepared.site, &prepared.index, "guide") {
            let doc = serde_json::to_value(&doc).unwrap();
            for field in doc.as_object().unwrap().keys() {
                assert!(props.contains_key(field), "mapping lacks {field}");
            }
        }
        for facet in ["site", "kind", "criteria", "domains", "territories", "lang"] {
            assert_eq!(props[facet]["type"], "keyword");
        }
        for day in ["start", "end", "updated"] {
            assert_eq!(props[day]["type"], "date");
        }
        let filters = &m["settings"]["analysis"]["analyzer"][settings::SEARCH_ANALYZER]["filter"];
        assert_eq!(
            filters.as_array().unwrap().last().unwrap(),
            "balise_synonyms"
        );
        let rules = m["settings"]["analysis"]["filter"]["balise_synonyms"]["synonyms"]
            .as_array()
            .unwrap();
        assert!(rules.contains(&Value::from("proprio => proprio, propriétaire")));
        assert!(rules.contains(&Value::from(
            "couleur peau => couleur peau, origine, prétendue race"
        )));
    }

    #[test]
    fn site_ids_are_slugs_of_the_address() {
        assert_eq!(site_id("https://guide.example.org/"), "guide-example-org");
        assert_eq!(
            site_id("https://Ville.fr/Guide/Égalité/"),
            "ville-fr-guide-egalite"
        );
        assert_eq!(slug_of("a--b__c"), "a-b-c");
    }

    #[test]
    fn output_paths_follow_the_extension() {
        let p = ExportPaths::for_output(Path::new("out/search.ndjson"));
        assert_eq!(p.mapping, Path::new("out/search.mapping.json"));
        let p = ExportPaths::for_output(Path::new("out"));
        assert_eq!(p.documents, Path::new("out/documents.ndjson"));
    }
}
