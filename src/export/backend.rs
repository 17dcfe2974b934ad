//! `balise search-api --backend opensearch URL`: the `/api/search` of `src/index/api.rs`, with
//! the same parameters and JSON, answered by an OpenSearch cluster where guides were pushed
//! (`super::push`). `site=` keeps one guide of a shared index.
//!
//! The query mirrors the tantivy one (`src/index/engine.rs`): the sum over the query's words of
//! BM25 on title (×3), summary (×1.5) and body, here a `multi_match` of type `most_fields`
//! through the search analyzer (French analysis and the guide's synonyms, `super::settings`).
//! Facets are `term` filters that do not change scores.

use serde_json::{json, Value};

use super::client::Client;
use super::settings::text_fields;
use crate::index::analysis::MIN_FUZZY_CHARS;
use crate::index::engine::{round_score, DEFAULT_LIMIT, MAX_LIMIT};
use crate::index::{SearchHit, SearchRequest, SearchResponse};

/// Answers searches from the alias (or index) `index` of a cluster.
pub struct OpenSearchBackend {
    client: Client,
    index: String,
}

impl OpenSearchBackend {
    pub fn new(client: Client, index: &str) -> OpenSearchBackend {
        OpenSearchBackend {
            client,
            index: index.to_string(),
        }
    }

    /// Checks that the cluster answers and the index exists (before serving).
    pub fn check(&self) -> Result<(), String> {
        let answer = self
            .client
            .send("GET", &format!("{}/_count", self.index), None)?;
        if answer.ok() {
            Ok(())
        } else {
            Err(format!(
                "cannot search `{}` on {}: {}",
                self.index,
                self.client.base(),
                answer.reason()
            ))
        }
    }

    /// The search request body for `request`; with `fuzzy`, words one edit away match too.
    pub fn query(request: &SearchRequest, fuzzy: bool) -> Value {
        let limit = request.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let mut filters = Vec::new();
        let facets = [
            ("kind", &request.kind),
            ("criteria", &request.criteria),
            ("domains", &request.domains),
            ("site", &request.site),
            ("lang", &request.lang),
        ];
        for (field, value) in facets {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                filters.push(json!({ "term": { field: value } }));
            }
        }
        if let Some(day) = request.upcoming {
            // Like tantivy: the last day (end, else start) is today or later.
            let day = day.to_string();
            filters.push(json!({ "bool": {
                "should": [
                    { "range": { "end": { "gte": day } } },
                    { "bool": {
                        "must_not": { "exists": { "field": "end" } },
                        "filter": { "range": { "start": { "gte": day } } },
                    } },
                ],
                "minimum_should_match": 1,
            } }));
        }
        let mut text = json!({
            "query": request.q,
            "type": "most_fields",
            "fields": text_fields(),
            "operator": "or",
            // Synonyms of several words add their words, as tantivy's planner does, rather
            // than a phrase.
            "auto_generate_synonyms_phrase_query": false,
        });
        if fuzzy {
            // One edit on stems of five letters or more, as balise does on words of five
            // letters or more (`MIN_FUZZY_CHARS`); the first letter must be right.
            text["fuzziness"] = json!(format!("AUTO:{MIN_FUZZY_CHARS},1000"));
            text["prefix_length"] = json!(1);
        }
        json!({
            "size": limit,
            "track_total_hits": true,
            "_source": ["url", "title", "kind", "summary", "criteria", "domains", "site", "permalink"],
            "query": { "bool": { "must": { "multi_match": text }, "filter": filters } },
        })
    }
}

impl OpenSearchBackend {
    fn run(&self, request: &SearchRequest, fuzzy: bool) -> Result<SearchResponse, String> {
        const UNAVAILABLE: &str = "the search cluster cannot be reached";
        let answer = self
            .client
            .send_json(
                "POST",
                &format!("{}/_search", self.index),
                &Self::query(request, fuzzy),
            )
            .map_err(|_| UNAVAILABLE.to_string())?;
        if !answer.ok() {
            return Err(UNAVAILABLE.to_string());
        }
        // A shard that failed would silently hide pages: better an error than a partial list.
        if answer.body["_shards"]["failed"].as_u64().unwrap_or(0) > 0
            || answer.body["timed_out"] == true
        {
            return Err("the search cluster answered in part".to_string());
        }
        Ok(response(&answer.body))
    }
}

impl crate::index::engine::SearchBackend for OpenSearchBackend {
    /// The words as typed first; only if nothing matches, words one edit away. balise gives
    /// typos a chance only for words the guide does not have; a cluster shared by many
    /// guides has no such list, and a fuzzy clause on every query would blur the ranking of
    /// well-spelled ones, so the typo search is the second try.
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, String> {
        let exact = self.run(request, false)?;
        if exact.total > 0 {
            return Ok(exact);
        }
        self.run(request, true)
    }
}

/// The API's JSON from a `_search` answer.
fn response(body: &Value) -> SearchResponse {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .map(str::to_string)
                .collect(),
            Value::String(s) => vec![s.clone()],
            _ => Vec::new(),
        }
    };
    let results = body["hits"]["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|hit| {
            let source = &hit["_source"];
            SearchHit {
                url: text(&source["url"]),
                title: text(&source["title"]),
                kind: text(&source["kind"]),
                summary: text(&source["summary"]),
                criteria: list(&source["criteria"]),
                domains: list(&source["domains"]),
                score: round_score(hit["_score"].as_f64().unwrap_or(0.0) as f32),
                site: source["site"].as_str().map(str::to_string),
                permalink: source["permalink"].as_str().map(str::to_string),
            }
        })
        .collect();
    SearchResponse {
        total: body["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize,
        results,
        // "Vous cherchez peut-être" needs one guide's terms and URLs; a national index mixes
        // guides, so the cluster's answer offers none (see README, "OpenSearch").
        suggestions: Vec::new(),
        fallback: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_do_not_score_and_upcoming_reads_end_then_start() {
        let q = OpenSearchBackend::query(
            &SearchRequest {
                q: "logement".into(),
                kind: Some("right".into()),
                site: Some("dijon".into()),
                criteria: Some(String::new()),
                upcoming: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
                limit: Some(500),
                ..Default::default()
            },
            false,
        );
        assert_eq!(q["size"], MAX_LIMIT);
        let filters = q["query"]["bool"]["filter"].as_array().unwrap();
        assert_eq!(filters.len(), 3, "{filters:?}");
        assert_eq!(filters[0]["term"]["kind"], "right");
        assert_eq!(filters[1]["term"]["site"], "dijon");
        assert_eq!(
            filters[2]["bool"]["should"][0]["range"]["end"]["gte"],
            "2026-11-23"
        );
        assert_eq!(
            q["query"]["bool"]["must"]["multi_match"]["fields"][0],
            "title^3"
        );
        assert!(q["query"]["bool"]["must"]["multi_match"]
            .get("fuzziness")
            .is_none());
        let fuzzy = OpenSearchBackend::query(&SearchRequest::default(), true);
        assert_eq!(
            fuzzy["query"]["bool"]["must"]["multi_match"]["fuzziness"],
            "AUTO:5,1000"
        );
    }

    #[test]
    fn answers_become_the_api_json() {
        let body = json!({
            "hits": { "total": { "value": 7 }, "hits": [
                { "_score": 4.56789, "_source": { "url": "/droits/age/", "title": "Âge",
                  "kind": "right", "summary": "", "criteria": ["age"], "domains": "emploi",
                  "site": "dijon", "permalink": "https://dijon.example/droits/age/" } }
            ] }
        });
        let r = response(&body);
        assert_eq!(r.total, 7);
        assert_eq!(r.results[0].score, 4.57);
        assert_eq!(r.results[0].domains, ["emploi"]);
        assert_eq!(r.results[0].site.as_deref(), Some("dijon"));
    }
}
