//! The guide's search on a real OpenSearch node (`tests/opensearch/`): the index definition is
//! accepted and analyzes text as tantivy does, `balise export --push` loads a guide behind an
//! alias, the results agree with tantivy on the citizen queries, two guides share one alias,
//! and a re-push while searches run loses nothing.
//!
//! The node's address comes from `OPENSEARCH_URL`. Without it these tests say how to run them
//! and pass, unless `BALISE_REQUIRE_OPENSEARCH=1` (CI, `.ci/opensearch.sh`): then they fail.

use std::collections::{BTreeSet, HashMap};

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use balise::export::backend::OpenSearchBackend;
use balise::export::client::Client;
use balise::index::engine::SearchBackend;
use balise::index::{SearchIndex, SearchRequest};
use serde_json::{json, Value};

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_balise");

/// The node's address, or `None` (after saying how to run these tests) when there is none.
fn node() -> Option<String> {
    match std::env::var("OPENSEARCH_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            let how = "start a node with `tests/opensearch/start.sh`, then run \
                 `OPENSEARCH_URL=$(cat target/opensearch/url) cargo test --test it opensearch` \
                 (or `bash .ci/opensearch.sh`)";
            if std::env::var("BALISE_REQUIRE_OPENSEARCH").is_ok_and(|v| v == "1") {
                panic!("BALISE_REQUIRE_OPENSEARCH=1 but OPENSEARCH_URL is not set: {how}");
            }
            eprintln!("OpenSearch tests skipped: {how}");
            None
        }
    }
}

fn client(url: &str) -> Client {
    Client::with_credentials(url, None).unwrap()
}

/// An alias of its own for each test, and its indexes deleted at the end.
struct Alias {
    name: String,
    client: Client,
}

impl Alias {
    fn new(url: &str, test: &str) -> Alias {
        let alias = Alias {
            name: format!("it-{test}-{}", std::process::id()),
            client: client(url),
        };
        alias.cleanup();
        alias
    }

    fn cleanup(&self) {
        let _ = self.client.send(
            "DELETE",
            &format!("{}-*?expand_wildcards=all", self.name),
            None,
        );
    }
}

impl Drop for Alias {
    fn drop(&mut self) {
        self.cleanup();
    }
}

/// The bundled guide, prepared once: its tantivy index and its documents.
fn bundled() -> &'static balise::Prepared {
    static PREPARED: OnceLock<balise::Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let mut options = balise::BuildOptions::new(common::repo());
        options.today = Some(balise::model::dates::parse_date(common::TODAY).unwrap());
        let (prepared, diagnostics) = balise::prepare(&options);
        assert!(
            !diagnostics.has_errors(),
            "{}",
            diagnostics.render_human(false)
        );
        prepared.unwrap()
    })
}

fn tantivy() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| bundled().index.search_index().unwrap())
}

/// `balise export --format opensearch --push URL --index ALIAS` on a site; (success, stdout,
/// stderr).
fn push_cli(url: &str, root: &Path, alias: &str, extra: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args([
            "export",
            "--format",
            "opensearch",
            "--today",
            common::TODAY,
            "--root",
        ])
        .arg(root)
        .args(["--push", url, "--index", alias])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn push_bundled(url: &str, alias: &str) {
    let (ok, stdout, stderr) = push_cli(url, &common::repo(), alias, &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("Pushed {} documents", bundled().index.docs.len())),
        "{stdout}"
    );
}

fn urls(hits: &[balise::index::SearchHit]) -> Vec<String> {
    hits.iter().map(|h| h.url.clone()).collect()
}

fn top(backend: &dyn SearchBackend, q: &str, limit: usize) -> Vec<String> {
    let request = SearchRequest {
        q: q.to_string(),
        limit: Some(limit),
        ..Default::default()
    };
    urls(&backend.search(&request).unwrap().results)
}

#[test]
fn opensearch_accepts_the_definition_and_analyzes_like_tantivy() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "analysis");
    let c = &alias.client;
    let index = format!("{}-probe", alias.name);
    let definition = balise::export::mapping(&bundled().site, &bundled().index).unwrap();
    let created = c.send_json("PUT", &index, &definition).unwrap();
    assert!(created.ok(), "{}", created.reason());
    // Text by text over the whole guide, OpenSearch's index analyzer must give the stems
    // tantivy indexes: as many (same splitting, elisions, inclusive writing, stop words), and
    // the same but for the rare words where Lucene's Snowball French and tantivy's
    // (rust-stemmers) differ.
    let analyze = |body: Value| -> Vec<String> {
        let answer = c
            .send_json("POST", &format!("{index}/_analyze"), &body)
            .unwrap();
        assert!(answer.ok(), "{}", answer.reason());
        answer.body["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["token"].as_str().unwrap().to_string())
            .collect()
    };
    let mut analyzer = balise::index::analysis::FrenchAnalyzer::default();
    let (mut words, mut stem_differences, mut count_differences) = (0, BTreeSet::new(), Vec::new());
    for doc in &bundled().index.docs {
        let body = doc.body.unpack();
        let texts: [&str; 3] = [&doc.title, &doc.summary, &body];
        for text in texts {
            let expected: Vec<String> =
                analyzer.analyze(text).into_iter().map(|w| w.stem).collect();
            let got = analyze(json!({ "analyzer": "balise_french", "text": text }));
            words += expected.len();
            if got.len() != expected.len() {
                count_differences.push(format!(
                    "{}: {} tokens, {} stems",
                    doc.url,
                    got.len(),
                    expected.len()
                ));
                continue;
            }
            for (a, b) in got.iter().zip(&expected) {
                if a != b {
                    stem_differences.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    eprintln!("index analysis: {words} words; stems that differ (OpenSearch, tantivy): {stem_differences:?}");
    assert!(words > 5_000);
    assert!(count_differences.is_empty(), "{count_differences:#?}");
    // Measured: 3 distinct words (`dijonnais`, `français`, `palais`) of 9,046.
    assert!(stem_differences.len() <= 5, "{stem_differences:?}");

    // Query side: every word of the guide, typed folded as the static search and the CLI see
    // it, must reach the stem tantivy's planner looks up (synonyms left out here).
    let vocabulary = &bundled().index.vocabulary().unwrap().words;
    let surfaces: Vec<&String> = vocabulary.keys().collect();
    let mut query_differences = Vec::new();
    for chunk in surfaces.chunks(1000) {
        let text = chunk
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let got = analyze(json!({
            "tokenizer": "balise_words",
            "char_filter": ["balise_inclusive", "balise_elision"],
            "filter": ["balise_length", "lowercase", "asciifolding", "balise_stop",
                       "balise_vocabulary", "balise_stemmer"],
            "text": text,
        }));
        assert_eq!(got.len(), chunk.len());
        for (surface, token) in chunk.iter().zip(got) {
            if vocabulary[*surface] != token {
                query_differences.push(format!("{surface}: {token} / {}", vocabulary[*surface]));
            }
        }
    }
    eprintln!(
        "query analysis: {} words of the vocabulary; different: {query_differences:?}",
        surfaces.len()
    );
    assert!(query_differences.len() <= 5, "{query_differences:?}");
    // What the issue names, as a query meets it: elisions, inclusive writing, accents,
    // plurals and stop words give the words of the plain query.
    for (written, plain) in [
        ("L’employeur d'Amélie", "employeur amelie"),
        ("les salarié·e·s licencié-e-s", "salarie licencie"),
        (
            "Discriminations à l'égard des propriétaires",
            "discrimination egard proprietaire",
        ),
    ] {
        let search =
            |text: &str| analyze(json!({ "analyzer": "balise_french_search", "text": text }));
        assert_eq!(search(written), search(plain), "{written} / {plain}");
    }
}

#[test]
fn push_loads_the_guide_behind_an_alias_and_replaces_it() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "push");
    let c = &alias.client;
    push_bundled(&url, &alias.name);
    let count = c
        .send("GET", &format!("{}/_count", alias.name), None)
        .unwrap();
    assert_eq!(count.body["count"], bundled().index.docs.len());
    let first: Vec<String> = indexes_of(c, &alias.name);
    assert_eq!(first.len(), 1, "{first:?}");
    // One node: auto_expand_replicas gives no replica, and the index is green.
    let health = c
        .send("GET", &format!("_cluster/health/{}", first[0]), None)
        .unwrap();
    assert_eq!(health.body["status"], "green");
    let settings = c
        .send("GET", &format!("{}/_settings", first[0]), None)
        .unwrap();
    assert_eq!(
        settings.body[&first[0]]["settings"]["index"]["auto_expand_replicas"],
        "0-1"
    );
    // A second push replaces the first index: still one index, not the same one.
    push_bundled(&url, &alias.name);
    let second = indexes_of(c, &alias.name);
    assert_eq!(second.len(), 1);
    assert_ne!(first, second);
    let gone = c.send("HEAD", &first[0], None).unwrap();
    assert_eq!(gone.status, 404, "the previous index is deleted");
    // A facet filter and a field of the shared index.
    let backend = OpenSearchBackend::new(client(&url), &alias.name);
    let r = backend
        .search(&SearchRequest {
            q: "discrimination".into(),
            kind: Some("contact".into()),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    assert!(r.total > 0 && r.results.iter().all(|h| h.kind == "contact"));
    assert!(r
        .results
        .iter()
        .all(|h| h.site.as_deref() == Some("guide-discriminations-example-org")));
}

/// The concrete indexes behind an alias.
fn indexes_of(c: &Client, alias: &str) -> Vec<String> {
    let answer = c.send("GET", &format!("_alias/{alias}"), None).unwrap();
    let mut names: Vec<String> = answer
        .body
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_refused_document_fails_the_push_and_keeps_the_previous_guide() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "refused");
    push_bundled(&url, &alias.name);
    let before = indexes_of(&alias.client, &alias.name);
    // The same guide with a definition that refuses its dates (`updated` is `YYYY-MM-DD`).
    let site = &bundled().site;
    let mut definition = balise::export::mapping(site, &bundled().index).unwrap();
    definition["mappings"]["properties"]["updated"] =
        json!({ "type": "date", "format": "dd/MM/yyyy" });
    let docs =
        balise::export::documents(site, &bundled().index, "guide-discriminations-example-org");
    let options = balise::export::push::PushOptions {
        alias: alias.name.clone(),
        site: "guide-discriminations-example-org".into(),
        definition,
    };
    let result = balise::export::push::push(&client(&url), &docs, &options);
    let Err(balise::export::push::PushError::Documents(errors)) = result else {
        panic!("the push should fail: {result:?}");
    };
    let dated = docs.iter().filter(|d| d.updated.is_some()).count();
    assert_eq!(errors.len(), dated);
    assert!(
        errors
            .iter()
            .all(|e| e.status == 400 && e.reason.contains("updated")),
        "{errors:?}"
    );
    // The alias still points at the previous, complete guide; the half-loaded index is gone.
    assert_eq!(indexes_of(&alias.client, &alias.name), before);
    let listed = alias
        .client
        .send(
            "GET",
            &format!("_cat/indices/{}-*?format=json&h=index", alias.name),
            None,
        )
        .unwrap();
    assert_eq!(
        listed.body.as_array().map(Vec::len),
        Some(1),
        "{}",
        listed.body
    );
}

/// Citizen queries: the 122 of `citizen_queries.tsv` and the 26 of `search_cli.rs`.
fn citizen_queries() -> Vec<(String, Vec<String>)> {
    let text =
        std::fs::read_to_string(common::repo().join("tests/it/citizen_queries.tsv")).unwrap();
    let mut queries: Vec<(String, Vec<String>)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (q, wanted) = l.split_once('\t').unwrap();
            (
                q.to_string(),
                wanted.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(queries.len(), 122);
    queries.extend(
        crate::search_cli::CITIZEN_QUERIES
            .iter()
            .map(|(q, wanted)| {
                (
                    q.to_string(),
                    wanted.iter().map(|w| w.to_string()).collect(),
                )
            }),
    );
    queries
}

/// overlap@5: the share of tantivy's top 5 that OpenSearch's top 5 also has (1 when both are
/// empty).
fn overlap(a: &[String], b: &[String]) -> f64 {
    let a: BTreeSet<&String> = a.iter().take(5).collect();
    let b: BTreeSet<&String> = b.iter().take(5).collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / a.len().max(b.len()) as f64
}

#[test]
fn opensearch_finds_what_tantivy_finds_on_the_citizen_queries() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "parity");
    push_bundled(&url, &alias.name);
    let opensearch = OpenSearchBackend::new(client(&url), &alias.name);
    let queries = citizen_queries();
    let (mut overlap_sum, mut hits_t, mut hits_o) = (0.0, 0, 0);
    let mut report = Vec::new();
    for (q, wanted) in &queries {
        let t = top(tantivy(), q, 5);
        let o = top(&opensearch, q, 5);
        let hit = |r: &[String]| r.iter().any(|u| wanted.contains(u));
        hits_t += usize::from(hit(&t));
        hits_o += usize::from(hit(&o));
        let ov = overlap(&t, &o);
        overlap_sum += ov;
        if ov < 0.6 || hit(&t) != hit(&o) {
            report.push(format!(
                "{q:?} overlap {ov:.1}, hit t={} o={}\n  t {t:?}\n  o {o:?}",
                hit(&t),
                hit(&o)
            ));
        }
    }
    let n = queries.len();
    let mean = overlap_sum / n as f64;
    eprintln!(
        "parity on {n} citizen queries: overlap@5 {mean:.3}; hit@5 tantivy {hits_t}/{n} ({:.3}), OpenSearch {hits_o}/{n} ({:.3})",
        hits_t as f64 / n as f64,
        hits_o as f64 / n as f64
    );
    eprintln!("{}", report.join("\n"));
    // Measured on this guide (README, "OpenSearch"): overlap@5 0.920, hit@5 133 against
    // tantivy's 131. The floor leaves 0.07 for pages whose scores tie or nearly tie and come
    // out in another order (Lucene and tantivy quantize field lengths differently), and stays
    // above the 0.8 the issue aims at; hit@5 must be at least tantivy's.
    assert!(mean >= 0.85, "overlap@5 {mean:.3}");
    assert!(
        hits_o >= hits_t,
        "hit@5 OpenSearch {hits_o} vs tantivy {hits_t}"
    );
}

#[test]
fn accents_elisions_and_plurals_behave_the_same_in_both() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "accents");
    push_bundled(&url, &alias.name);
    let opensearch = OpenSearchBackend::new(client(&url), &alias.name);
    // Accents, an elision with a typographic apostrophe, feminine plurals, and the same typed
    // without them: both engines must lead to the page a citizen needs, in the first three.
    for (q, page) in [
        (
            "l’employeur a licencié les salariées enceintes",
            "/droits/grossesse/",
        ),
        ("employeur licencie salariee enceinte", "/droits/grossesse/"),
        (
            "Les propriétaires refusent l'appartement aux étrangères",
            "/droits/logement/",
        ),
        (
            "proprietaire refuse appartement etrangere",
            "/droits/logement/",
        ),
    ] {
        let t = top(tantivy(), q, 5);
        let o = top(&opensearch, q, 5);
        eprintln!("{q:?}\n  tantivy    {t:?}\n  OpenSearch {o:?}");
        for r in [&t, &o] {
            assert!(r.iter().take(3).any(|u| u == page), "{q}: {t:?} / {o:?}");
        }
        assert!(overlap(&t, &o) >= 0.6, "{q}: {t:?} / {o:?}");
    }
}

/// A second, small guide with its own id.
fn second_site(dir: &Path) {
    common::small_site(dir);
}

#[test]
fn two_guides_share_one_alias_and_a_repush_loses_no_page() {
    let Some(url) = node() else { return };
    let alias = Alias::new(&url, "shared");
    let small = tempfile::tempdir().unwrap();
    second_site(small.path());
    push_bundled(&url, &alias.name);
    let (ok, stdout, stderr) =
        push_cli(&url, small.path(), &alias.name, &["--site", "petit-guide"]);
    assert!(ok, "{stdout}\n{stderr}");
    let backend = Arc::new(OpenSearchBackend::new(client(&url), &alias.name));
    let search = |site: Option<&str>| {
        backend
            .search(&SearchRequest {
                q: "âge droit".into(),
                site: site.map(str::to_string),
                limit: Some(100),
                ..Default::default()
            })
            .unwrap()
    };
    let both = search(None);
    let sites: BTreeSet<String> = both.results.iter().filter_map(|h| h.site.clone()).collect();
    assert_eq!(
        sites.into_iter().collect::<Vec<_>>(),
        ["guide-discriminations-example-org", "petit-guide"]
    );
    let small_only = search(Some("petit-guide"));
    assert!(
        small_only.total >= 2
            && small_only
                .results
                .iter()
                .all(|h| h.site.as_deref() == Some("petit-guide"))
    );
    let big_only = search(Some("guide-discriminations-example-org"));
    assert_eq!(big_only.total + small_only.total, both.total);
    let expected: BTreeSet<String> = small_only.results.iter().map(|h| h.url.clone()).collect();

    // The same through the HTTP API, with its CORS rules.
    api_answers_from_the_cluster(&url, &alias.name);

    // Re-push the small guide twice while a thread searches it without pause.
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (backend, stop, expected) = (backend.clone(), stop.clone(), expected.clone());
        std::thread::spawn(move || {
            let mut problems = Vec::new();
            let mut searches = 0;
            while !stop.load(Ordering::Relaxed) {
                let request = SearchRequest {
                    q: "âge droit".into(),
                    site: Some("petit-guide".into()),
                    limit: Some(100),
                    ..Default::default()
                };
                match backend.search(&request) {
                    Ok(r) => {
                        let got: BTreeSet<String> =
                            r.results.iter().map(|h| h.url.clone()).collect();
                        if got != expected || r.total != expected.len() {
                            problems.push(format!("total {} pages {got:?}", r.total));
                        }
                    }
                    Err(e) => problems.push(e),
                }
                searches += 1;
            }
            (searches, problems)
        })
    };
    for _ in 0..2 {
        let (ok, stdout, stderr) =
            push_cli(&url, small.path(), &alias.name, &["--site", "petit-guide"]);
        assert!(ok, "{stdout}\n{stderr}");
        assert!(stdout.contains("replacing"), "{stdout}");
    }
    stop.store(true, Ordering::Relaxed);
    let (searches, problems) = watcher.join().unwrap();
    eprintln!("{searches} searches during two re-pushes");
    assert!(
        searches >= 20,
        "only {searches} searches ran during the re-pushes"
    );
    assert!(problems.is_empty(), "{problems:#?}");
    // The big guide was not touched.
    assert_eq!(
        search(Some("guide-discriminations-example-org")).total,
        big_only.total
    );
}

/// `balise search-api --backend opensearch`: same JSON, `site=`, facets and CORS.
fn api_answers_from_the_cluster(url: &str, alias: &str) {
    let api = common::SearchApi::start(&[
        "--backend",
        "opensearch",
        url,
        "--index",
        alias,
        "--allow-origin",
        "https://ville.example",
    ]);
    let addr = api.addr.clone();
    let get = |target: &str| ureq_get(&format!("http://{addr}{target}"));
    let (status, headers, body) = get("/api/search?q=%C3%A2ge&site=petit-guide&kind=right&limit=3");
    assert_eq!(status, 200);
    assert_eq!(
        headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("https://ville.example")
    );
    let hit = body["results"][0].as_object().unwrap();
    let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "criteria",
            "domains",
            "kind",
            "permalink",
            "score",
            "site",
            "summary",
            "title",
            "url"
        ]
    );
    assert_eq!(hit["url"], "/droits/age/");
    assert_eq!(hit["permalink"], "https://guide.example.org/droits/age/");
    let (status, _, _) = get(&format!("/api/search?q={}", "a%20".repeat(600)));
    assert_eq!(status, 400);
    drop(api);
}

/// A GET with an `Origin`, through the same client crate balise uses.
fn ureq_get(url: &str) -> (u16, HashMap<String, String>, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("origin", "https://ville.example")
        .call()
        .unwrap();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_lowercase(),
                v.to_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}
