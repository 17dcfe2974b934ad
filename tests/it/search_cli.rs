//! End-to-end search tests on the bundled guide: the CLI's JSON, citizens' queries, agreement of
//! the static search with the tantivy index, the bytes a first query transfers, and the API.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use balise::index::static_index::static_search;
use balise::index::{SearchRequest, SearchResponse};

const BIN: &str = env!("CARGO_BIN_EXE_balise");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled guide built once into a temporary folder: (site, index).
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        // Leaked on purpose: the folder must outlive every test of this binary.
        let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
        let site = dir.path().join("public");
        let index = dir.path().join("search-index");
        let out = Command::new(BIN)
            .args(["build", "--today", "2026-11-23", "--root"])
            .arg(root())
            .arg("--output")
            .arg(&site)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (site, index)
    })
}

fn cli(args: &[&str]) -> SearchResponse {
    let out = Command::new(BIN)
        .arg("search")
        .arg("--index")
        .arg(&built().1)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn static_query(
    query: &str,
    limit: usize,
    read_bytes: &mut Vec<(String, usize)>,
) -> SearchResponse {
    let site = &built().0;
    let mut read = |path: &str| -> Option<Vec<u8>> {
        let bytes = std::fs::read(site.join(path)).ok()?;
        read_bytes.push((path.to_string(), bytes.len()));
        Some(bytes)
    };
    let request = SearchRequest {
        q: query.to_string(),
        limit: Some(limit),
        ..Default::default()
    };
    static_search(&mut read, &request).unwrap()
}

#[test]
fn cli_prints_the_json_shape() {
    let r = cli(&["--limit", "3", "défenseur des droits"]);
    assert!(r.total >= 3);
    assert_eq!(r.results.len(), 3);
    assert_eq!(r.results[0].url, "/contacts/defenseur-des-droits/");
    assert_eq!(r.results[0].kind, "contact");
    assert!(r.results[0].score > r.results[1].score);
    // The raw JSON has exactly the documented keys.
    let out = Command::new(BIN)
        .args(["search", "--json", "--limit", "1", "--index"])
        .arg(&built().1)
        .arg("grossesse")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = v["results"][0].as_object().unwrap();
    let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["criteria", "domains", "kind", "score", "summary", "title", "url"]
    );
    assert_eq!(hit["url"], "/droits/grossesse/");
    assert_eq!(hit["criteria"][0], "grossesse");
}

#[test]
fn cli_filters_by_kind_criterion_and_domain() {
    let r = cli(&["--kind", "contact", "discrimination"]);
    assert!(r.total > 0 && r.results.iter().all(|h| h.kind == "contact"));
    let r = cli(&["--criteria", "handicap", "discrimination"]);
    assert!(
        r.total > 0
            && r.results
                .iter()
                .all(|h| h.criteria.iter().any(|c| c == "handicap"))
    );
    let r = cli(&["--domains", "logement", "refus"]);
    assert!(
        r.total > 0
            && r.results
                .iter()
                .all(|h| h.domains.iter().any(|c| c == "logement"))
    );
    let all = cli(&["homophobie"]);
    let upcoming = cli(&["--upcoming", "--today", "2026-11-23", "homophobie"]);
    assert!(upcoming.total < all.total);
    assert!(upcoming.results.iter().all(|h| h.kind == "event"));
}

#[test]
fn cli_survives_nonsense() {
    for q in ["AND (", "\"", "*:*", "\u{7}\u{1b}[2J", &"mot ".repeat(2500)] {
        let r = cli(&[q]);
        assert!(r.results.len() <= 10, "{q:?}");
    }
    assert_eq!(cli(&["zzzzqqq"]).total, 0);
}

/// Queries in everyday French and the page a citizen needs: (query, acceptable pages).
pub(crate) const CITIZEN_QUERIES: &[(&str, &[&str])] = &[
    ("enceinte licenciée", &["/droits/grossesse/"]),
    (
        "refus de location à cause de mon nom",
        &["/droits/patronyme/", "/droits/logement/"],
    ),
    ("defenseur des droits", &["/contacts/defenseur-des-droits/"]),
    (
        "handicapé refusé au restaurant",
        &["/droits/handicap/", "/droits/biens-et-services/"],
    ),
    ("viré à cause de mon âge", &["/droits/age/"]),
    (
        "proprio refuse noir",
        &[
            "/droits/logement/",
            "/droits/origine/",
            "/droits/pretendue-race/",
        ],
    ),
    (
        "discrimnation",
        &[
            "/guide/qu-est-ce-qu-une-discrimination/",
            "/guide/qu-est-ce-qu-une-discrimination-facile/",
        ],
    ),
    (
        "on m'a refusé un appartement parce que je suis arabe",
        &["/droits/logement/", "/droits/origine/"],
    ),
    (
        "licencié parce que je suis malade",
        &["/droits/etat-de-sante/"],
    ),
    (
        "harcelée au travail parce que je suis lesbienne",
        &["/droits/orientation-sexuelle/"],
    ),
    (
        "refusé à l'embauche à cause de mon voile",
        &["/droits/religion/"],
    ),
    (
        "pas embauché à cause de mon accent",
        &["/droits/langue/", "/droits/origine/"],
    ),
    (
        "discrimination à cause de mon quartier",
        &["/droits/lieu-de-residence/"],
    ),
    (
        "la banque refuse d'ouvrir un compte",
        &["/droits/domiciliation-bancaire/"],
    ),
    ("refusé en boîte de nuit", &["/droits/loisirs/"]),
    (
        "comment porter plainte",
        &["/guide/agir/", "/guide/agir-facile/"],
    ),
    (
        "qui peut m'aider",
        &[
            "/guide/qui-peut-m-aider/",
            "/guide/qui-peut-m-aider-facile/",
        ],
    ),
    ("délai pour agir", &["/guide/delais-et-sanctions/"]),
    (
        "syndicat sanctionné par mon patron",
        &["/droits/activites-syndicales/"],
    ),
    ("trans refusée à la mairie", &["/droits/identite-de-genre/"]),
    ("trop gros pour le poste", &["/droits/apparence-physique/"]),
    (
        "au rsa refusé par le médecin",
        &["/droits/vulnerabilite-economique/", "/droits/sante/"],
    ),
    ("lanceur d'alerte", &["/droits/lanceur-d-alerte/"]),
    ("discriminaton au logement", &["/droits/logement/"]),
    ("enfant refusé à la cantine école", &["/droits/education/"]),
    (
        "halde",
        &["/contacts/halde/", "/contacts/defenseur-des-droits/"],
    ),
];

fn hit_rate(search: &dyn Fn(&str) -> Vec<String>) -> (usize, Vec<String>) {
    let mut hits = 0;
    let mut misses = Vec::new();
    for (query, wanted) in CITIZEN_QUERIES {
        let urls = search(query);
        if urls.iter().take(5).any(|u| wanted.contains(&u.as_str())) {
            hits += 1;
        } else {
            misses.push(format!("{query:?} → {urls:?}"));
        }
    }
    (hits, misses)
}

#[test]
fn citizen_queries_find_the_right_page_in_the_top_5() {
    let (cli_hits, cli_misses) = hit_rate(&|q| {
        cli(&["--limit", "5", q])
            .results
            .into_iter()
            .map(|h| h.url)
            .collect()
    });
    let (static_hits, static_misses) = hit_rate(&|q| {
        static_query(q, 5, &mut Vec::new())
            .results
            .into_iter()
            .map(|h| h.url)
            .collect()
    });
    let n = CITIZEN_QUERIES.len();
    eprintln!(
        "citizen queries, right page in the top 5: CLI {cli_hits}/{n}, static {static_hits}/{n}"
    );
    eprintln!("CLI misses: {cli_misses:#?}\nstatic misses: {static_misses:#?}");
    // The issue asks for 85 %.
    assert!(cli_hits * 100 >= n * 85, "{cli_misses:#?}");
    assert!(static_hits * 100 >= n * 85, "{static_misses:#?}");
}

#[test]
fn static_search_and_tantivy_agree() {
    let queries = [
        "enceinte licenciée",
        "defenseur des droits",
        "logement",
        "discrimnation",
        "proprio refuse noir",
        "salarié·e·s",
        "l'employeur",
        "harcèlement au travail",
        "aide juridictionnelle avocat",
        "homophobie dijon",
        "handicap école",
        "convention",
    ];
    for q in queries {
        let from_cli = cli(&["--limit", "10", q]);
        let from_static = static_query(q, 10, &mut Vec::new());
        assert_eq!(from_cli.total, from_static.total, "{q}");
        // Same top 3; scores within rounding.
        let top = |r: &SearchResponse| -> Vec<String> {
            r.results.iter().take(3).map(|h| h.url.clone()).collect()
        };
        assert_eq!(top(&from_cli), top(&from_static), "{q}");
        for (a, b) in from_cli.results.iter().zip(&from_static.results) {
            if a.url == b.url {
                assert!((a.score - b.score).abs() < 0.05, "{q}: {a:?} {b:?}");
            }
        }
    }
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// What a first query downloads: search.js, the manifest, its term chunks and the document
/// chunks of the results (the page itself is not counted).
#[test]
fn a_first_query_transfers_little() {
    let site = &built().0;
    let script = std::fs::read(site.join("search/search.js")).unwrap();
    assert!(gzip_len(&script) <= 15_000, "search.js is too big");
    let mut worst = 0;
    let mut worst_query = "";
    for (q, _) in CITIZEN_QUERIES {
        let mut read = Vec::new();
        static_query(q, 10, &mut read);
        let total: usize = gzip_len(&script)
            + read
                .iter()
                .map(|(path, _)| gzip_len(&std::fs::read(site.join(path)).unwrap()))
                .sum::<usize>();
        if total > worst {
            worst = total;
            worst_query = q;
            if std::env::var_os("BALISE_DEBUG_SIZES").is_some() {
                for (path, _) in &read {
                    eprintln!(
                        "  {path}: {}",
                        gzip_len(&std::fs::read(site.join(path)).unwrap())
                    );
                }
            }
        }
    }
    eprintln!("largest first query on the bundled guide: {worst} bytes gzip ({worst_query:?})");
    // The budget for the first query on the bundled guide.
    assert!(worst <= 30_000, "{worst} bytes");
}

fn start_api(origins: &[&str]) -> crate::common::SearchApi {
    let mut args = vec!["--index".as_ref(), built().1.as_os_str()];
    for o in origins {
        args.extend(["--allow-origin".as_ref(), std::ffi::OsStr::new(*o)]);
    }
    crate::common::SearchApi::start(&args)
}

/// A raw HTTP/1.1 GET: (status, headers lowercased, body).
fn get(
    addr: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> (u16, HashMap<String, String>, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut req = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

fn json_body(body: &str) -> serde_json::Value {
    // Bodies may be chunked; the JSON is the part between the first `{` and the last `}`.
    let start = body.find('{').unwrap();
    let end = body.rfind('}').unwrap();
    serde_json::from_str(&body[start..=end]).unwrap()
}

#[test]
fn api_answers_like_the_cli_and_never_fails_on_bad_queries() {
    let api = start_api(&["https://ville.example"]);
    let (status, _, body) = get(&api.addr, "/healthz", &[]);
    assert_eq!((status, body.contains("ok")), (200, true));

    let (status, headers, body) = get(
        &api.addr,
        "/api/search?q=enceinte%20licenci%C3%A9e&limit=3",
        &[("Origin", "https://ville.example")],
    );
    assert_eq!(status, 200);
    assert_eq!(
        headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("https://ville.example")
    );
    let v = json_body(&body);
    let from_cli = cli(&["--limit", "3", "enceinte licenciée"]);
    assert_eq!(v["total"], from_cli.total);
    assert_eq!(v["results"][0]["url"], from_cli.results[0].url.as_str());

    // Other origins get no CORS header.
    let (_, headers, _) = get(
        &api.addr,
        "/api/search?q=logement",
        &[("Origin", "https://evil.example")],
    );
    assert!(!headers.contains_key("access-control-allow-origin"));

    let long = "a%20".repeat(3000);
    let bad = [
        "/api/search?q=AND%20(".to_string(),
        "/api/search?q=%00%07%1b".to_string(),
        format!("/api/search?q={long}"),
        "/api/search?q=logement&limit=abc".to_string(),
        "/api/search?q=logement&limit=100000".to_string(),
        "/api/search?q=%FF%FE".to_string(),
        "/api/search?upcoming=demain&q=x".to_string(),
        "/api/search".to_string(),
    ];
    for target in &bad {
        let (status, _, _) = get(&api.addr, target, &[]);
        assert!((200..500).contains(&status), "{target}: {status}");
    }
    let (status, _, _) = get(&api.addr, &bad[2], &[]);
    assert_eq!(status, 400);
}

#[test]
fn index_folder_holds_every_page() {
    let index = &built().1;
    assert!(index.join("meta.json").is_file());
    assert!(index.join("balise-search.json").is_file());
    let opened = balise::index::SearchIndex::open(Path::new(index)).unwrap();
    let all = opened
        .search(&SearchRequest {
            q: "discrimination".into(),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    // Every page of the guide that talks about discrimination, and pages of every kind.
    for kind in ["right", "contact", "convention", "event", "page"] {
        assert!(all.results.iter().any(|h| h.kind == kind), "{kind}");
    }
}

/// The everyday query set (`tests/it/citizen_queries.tsv`): whole sentences, SMS style, no
/// accents, the words of the street for the law's criteria. Returns (query, acceptable URLs).
fn everyday_queries() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("tests/it/citizen_queries.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (query, urls) = l.split_once('\t').expect("query<TAB>urls");
            (
                query.to_string(),
                urls.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// hit@5 (share of queries with an acceptable page in the top 5) and MRR@5 (mean of 1/rank of
/// the first acceptable page, 0 past rank 5), with the misses.
fn hit_and_mrr(
    queries: &[(String, Vec<String>)],
    search: &dyn Fn(&str) -> Vec<String>,
) -> (f64, f64, Vec<String>) {
    let mut hits = 0;
    let mut reciprocal = 0.0;
    let mut misses = Vec::new();
    for (query, wanted) in queries {
        let urls = search(query);
        match urls.iter().take(5).position(|u| wanted.contains(u)) {
            Some(rank) => {
                hits += 1;
                reciprocal += 1.0 / (rank + 1) as f64;
            }
            None => misses.push(format!("{query:?} → {:?}", &urls[..urls.len().min(5)])),
        }
    }
    let n = queries.len() as f64;
    (hits as f64 / n, reciprocal / n, misses)
}

#[test]
fn everyday_queries_find_the_right_page() {
    let queries = everyday_queries();
    assert!(
        queries.len() >= 80,
        "the issue asks for at least 80 queries"
    );
    let (cli_hit, cli_mrr, cli_misses) = hit_and_mrr(&queries, &|q| {
        cli(&["--limit", "5", q])
            .results
            .into_iter()
            .map(|h| h.url)
            .collect()
    });
    let (static_hit, static_mrr, static_misses) = hit_and_mrr(&queries, &|q| {
        static_query(q, 5, &mut Vec::new())
            .results
            .into_iter()
            .map(|h| h.url)
            .collect()
    });
    eprintln!(
        "{} everyday queries: CLI hit@5 {cli_hit:.3} MRR@5 {cli_mrr:.3}; static hit@5 {static_hit:.3} MRR@5 {static_mrr:.3}",
        queries.len()
    );
    eprintln!("CLI misses: {cli_misses:#?}");
    // Both searches rank the same way: same figures.
    assert_eq!(cli_misses, static_misses);
    assert!(cli_hit >= 0.85, "hit@5 {cli_hit:.3}: {cli_misses:#?}");
}

#[test]
fn a_query_in_everyday_words_offers_the_term_page() {
    for (query, term) in [
        (
            "je suis trans et on me refuse",
            "/criteres/identite-de-genre/",
        ),
        ("pauvre", "/criteres/vulnerabilite-economique/"),
        ("refuse pour l appart", "/domaines/logement/"),
    ] {
        let cli = cli(&[query]);
        assert!(
            cli.suggestions.iter().any(|s| s.url == term),
            "{query}: {:?}",
            cli.suggestions
        );
        let static_response = static_query(query, 5, &mut Vec::new());
        assert_eq!(static_response.suggestions, cli.suggestions, "{query}");
    }
}

#[test]
fn contacts_are_found_by_what_they_do_and_by_their_number() {
    let top = |q: &str| -> Vec<String> {
        cli(&["--limit", "5", "--kind", "contact", q])
            .results
            .into_iter()
            .map(|h| h.url)
            .collect()
    };
    // The Défenseur des droits handles every criterion: a query about one finds it.
    assert!(top("aide discrimination handicap")
        .contains(&"/contacts/defenseur-des-droits/".to_string()));
    for number in ["3928", "39 28"] {
        let urls: Vec<String> = cli(&["--limit", "3", number])
            .results
            .into_iter()
            .map(|h| h.url)
            .collect();
        assert_eq!(
            urls.first().map(String::as_str),
            Some("/contacts/defenseur-des-droits/"),
            "{number}: {urls:?}"
        );
    }
}
