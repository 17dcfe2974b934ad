//! `balise export --format opensearch`: the search documents as a bulk NDJSON file plus an index
//! definition (settings and mapping) with a French analyzer, so that a national deployment can
//! move its search to OpenSearch or Elasticsearch with the same fields and facets as the
//! built-in tantivy index (`src/index/`).
//!
//! Loading it:
//! ```text
//! curl -XPUT  localhost:9200/balise -H 'content-type: application/json' --data-binary @mapping.json
//! curl -XPOST localhost:9200/_bulk  -H 'content-type: application/x-ndjson' --data-binary @documents.ndjson
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::index::SearchDocuments;
use crate::model::config::Config;

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

/// Bulk API body: an action line then the document, for every page; the page URL is the id.
pub fn bulk_ndjson(docs: &SearchDocuments, index_name: &str) -> String {
    let mut out = String::new();
    for doc in &docs.docs {
        let action = json!({ "index": { "_index": index_name, "_id": doc.url } });
        out.push_str(&action.to_string());
        out.push('\n');
        // `SearchDoc` holds only strings and lists of strings: serializing cannot fail.
        out.push_str(&serde_json::to_string(doc).expect("a search document is plain JSON"));
        out.push('\n');
    }
    out
}

/// Index settings and mapping: the same fields as the tantivy schema. Text fields use a French
/// analyzer (elision, lowercase, ASCII folding, light French stemmer) at index time, and the
/// same chain plus the synonyms of `balise.yaml` at query time (graph synonyms are only allowed
/// in search analyzers).
pub fn mapping(config: &Config) -> Value {
    let synonyms: Vec<String> = config
        .search
        .synonyms
        .iter()
        .map(|(word, targets)| {
            // Explicit rule: the everyday word also finds itself and the guide's words.
            let mut all = vec![clean_rule_word(word)];
            all.extend(targets.iter().map(|t| clean_rule_word(t)));
            all.dedup();
            format!("{} => {}", clean_rule_word(word), all.join(", "))
        })
        .collect();
    let french_text = json!({
        "type": "text",
        "analyzer": "balise_french",
        "search_analyzer": "balise_french_search",
    });
    let keyword = json!({ "type": "keyword" });
    let day = json!({ "type": "date", "format": "yyyy-MM-dd" });
    json!({
        "settings": {
            "analysis": {
                "filter": {
                    "balise_elision": {
                        "type": "elision",
                        "articles_case": true,
                        "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c",
                                     "jusqu", "quoiqu", "lorsqu", "puisqu"],
                    },
                    "balise_stemmer": { "type": "stemmer", "language": "light_french" },
                    "balise_synonyms": {
                        "type": "synonym_graph",
                        "lenient": true,
                        "synonyms": synonyms,
                    },
                },
                "analyzer": {
                    "balise_french": {
                        "tokenizer": "standard",
                        "filter": ["balise_elision", "lowercase", "asciifolding", "balise_stemmer"],
                    },
                    "balise_french_search": {
                        "tokenizer": "standard",
                        "filter": ["balise_elision", "lowercase", "asciifolding",
                                   "balise_synonyms", "balise_stemmer"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "url": keyword,
                "title": french_text,
                "summary": french_text,
                "body": french_text,
                "keywords": french_text,
                "kind": keyword,
                "criteria": keyword,
                "domains": keyword,
                "territories": keyword,
                "start": day,
                "end": day,
            },
        },
    })
}

/// Synonym rules use `,` and `=>` as syntax: keep them out of the words.
fn clean_rule_word(word: &str) -> String {
    word.replace([',', '=', '>'], " ").trim().to_string()
}

/// Writes both files; returns their paths.
pub fn write_opensearch(
    docs: &SearchDocuments,
    config: &Config,
    output: &Path,
    index_name: &str,
) -> io::Result<ExportPaths> {
    let paths = ExportPaths::for_output(output);
    for p in [&paths.documents, &paths.mapping] {
        if let Some(parent) = p.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
    }
    fs::write(&paths.documents, bulk_ndjson(docs, index_name))?;
    let mapping = serde_json::to_string_pretty(&mapping(config))
        .expect("the mapping is built from JSON values");
    fs::write(&paths.mapping, mapping + "\n")?;
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (SearchDocuments, Config) {
        let mut options = crate::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        options.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
        let (prepared, diagnostics) = crate::prepare(&options);
        assert!(
            !diagnostics.has_errors(),
            "{}",
            diagnostics.render_human(false)
        );
        let prepared = prepared.unwrap();
        (prepared.index, prepared.site.config)
    }

    #[test]
    fn every_document_has_an_action_line_with_its_url_as_id() {
        let (docs, _) = bundled();
        let text = bulk_ndjson(&docs, "balise");
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), docs.docs.len() * 2);
        for pair in lines.chunks(2) {
            assert_eq!(pair[0]["index"]["_index"], "balise");
            assert_eq!(pair[0]["index"]["_id"], pair[1]["url"]);
            assert!(pair[1]["title"].as_str().is_some_and(|t| !t.is_empty()));
        }
        assert!(lines
            .iter()
            .any(|d| d["kind"] == "event" && d["start"].is_string()));
    }

    #[test]
    fn the_mapping_declares_every_document_field_and_the_french_analyzer() {
        let (docs, config) = bundled();
        let m = mapping(&config);
        let props = m["mappings"]["properties"].as_object().unwrap();
        let doc = serde_json::to_value(&docs.docs[0]).unwrap();
        for field in doc.as_object().unwrap().keys() {
            assert!(props.contains_key(field), "mapping lacks {field}");
        }
        for facet in ["kind", "criteria", "domains", "territories"] {
            assert_eq!(props[facet]["type"], "keyword");
        }
        let filters = &m["settings"]["analysis"]["analyzer"]["balise_french_search"]["filter"];
        for f in [
            "balise_elision",
            "lowercase",
            "asciifolding",
            "balise_synonyms",
            "balise_stemmer",
        ] {
            assert!(filters.as_array().unwrap().contains(&Value::from(f)), "{f}");
        }
        let rules = m["settings"]["analysis"]["filter"]["balise_synonyms"]["synonyms"]
            .as_array()
            .unwrap();
        assert!(rules.contains(&Value::from("proprio => proprio, propriétaire")));
    }

    #[test]
    fn output_paths_follow_the_extension() {
        let p = ExportPaths::for_output(Path::new("out/search.ndjson"));
        assert_eq!(p.mapping, Path::new("out/search.mapping.json"));
        let p = ExportPaths::for_output(Path::new("out"));
        assert_eq!(p.documents, Path::new("out/documents.ndjson"));
    }
}
