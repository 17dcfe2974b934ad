//! The publishing workflow, through the real binary: `init`, `new`, `build` with Decap CMS,
//! `export --format opensearch` and `serve`.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn balise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balise"))
        .args(args)
        .output()
        .expect("the balise binary runs")
}

fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn init_site(dir: &Path) {
    assert_ok(&balise(&["init", dir.to_str().unwrap()]));
}

fn build(root: &Path) -> Output {
    balise(&["build", "--root", root.to_str().unwrap(), "--today", TODAY])
}

#[test]
fn init_gives_a_site_that_builds_with_one_page_of_each_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    init_site(&site);
    let output = build(&site);
    assert_ok(&output);
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(summary.contains("Built 5 pages"), "{summary}");
    for page in [
        "droits/exemple-de-droit",
        "contacts/exemple-de-contact",
        "conventions/exemple-de-convention",
        "agenda/exemple-d-evenement",
        "pages/exemple-de-page",
    ] {
        assert!(
            site.join("public").join(page).join("index.html").is_file(),
            "{page}"
        );
    }
    // A second init into the same folder must not overwrite anything.
    assert!(!balise(&["init", site.to_str().unwrap()]).status.success());
}

#[test]
fn each_new_file_builds_once_its_title_is_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    init_site(&site);
    let root = site.to_str().unwrap();
    for kind in ["right", "contact", "convention", "event", "page"] {
        let slug = format!("nouveau-{kind}");
        let output = balise(&["new", kind, &slug, "--root", root]);
        assert_ok(&output);
        let file = ["droits", "contacts", "conventions", "agenda", "pages"]
            .iter()
            .map(|s| site.join("content").join(s).join(format!("{slug}.md")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("no file for {kind}"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("\ntitle:\n"),
            "{kind}: the title is left to fill"
        );
        let filled = text.replacen("\ntitle:\n", &format!("\ntitle: \"Essai {kind}\"\n"), 1);
        std::fs::write(&file, filled).unwrap();
        let output = build(&site);
        assert_ok(&output);
        let page = std::fs::read_to_string(
            file.parent()
                .unwrap()
                .strip_prefix(site.join("content"))
                .map(|s| site.join("public").join(s).join(&slug).join("index.html"))
                .unwrap(),
        )
        .unwrap();
        assert!(page.contains(&format!("Essai {kind}")), "{kind}");
    }
    // An existing file and an invalid slug are refused, with a message.
    let again = balise(&["new", "right", "nouveau-right", "--root", root]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = balise(&["new", "right", "Mon Droit", "--root", root]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("mon-droit"));
}

#[test]
fn decap_config_parses_and_names_every_field_of_the_content_model() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    init_site(&site);
    let config_path = site.join("balise.yaml");
    let original = std::fs::read_to_string(&config_path).unwrap();
    std::fs::write(&config_path, original.replace("# cms: decap", "cms: decap")).unwrap();
    let output = build(&site);
    assert_ok(&output);
    // Decap's script is not vendored in this site: the build says how to.
    assert!(String::from_utf8_lossy(&output.stderr).contains("decap-cms.js"));

    let index = std::fs::read_to_string(site.join("public/admin/index.html")).unwrap();
    assert!(index.contains(r#"<script src="./decap-cms.js"></script>"#));
    assert!(
        !index.contains("http://") && !index.contains("https://"),
        "no CDN"
    );

    let yaml = std::fs::read_to_string(site.join("public/admin/config.yml")).unwrap();
    let config: Value = serde_yaml_ng::from_str(&yaml).unwrap();
    let collections = config["collections"].as_array().unwrap();
    for (folder, kind) in [
        ("content/droits", balise::Kind::Right),
        ("content/contacts", balise::Kind::Contact),
        ("content/conventions", balise::Kind::Convention),
        ("content/agenda", balise::Kind::Event),
        ("content/pages", balise::Kind::Page),
    ] {
        let c = collections
            .iter()
            .find(|c| c["folder"] == folder)
            .unwrap_or_else(|| panic!("no collection for {folder}"));
        assert_eq!(c["format"], "frontmatter");
        assert_eq!(c["extension"], "md");
        let names: Vec<&str> = c["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        for field in kind.spec().fields {
            assert!(names.contains(field), "{folder} lacks {field}");
        }
        assert!(names.contains(&"body"));
    }
    let events = collections
        .iter()
        .find(|c| c["folder"] == "content/agenda")
        .unwrap();
    let organisers = events["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "organisers")
        .unwrap();
    assert_eq!(organisers["widget"], "relation");
    assert_eq!(organisers["collection"], "contacts");

    // An unknown editor is a configuration error.
    std::fs::write(
        &config_path,
        original.replace("# cms: decap", "cms: wordpress"),
    )
    .unwrap();
    let output = build(&site);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown editor"));
}

#[test]
fn opensearch_export_writes_bulk_lines_and_a_french_mapping() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("export");
    let output = balise(&[
        "export",
        "--format",
        "opensearch",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_ok(&output);
    let ndjson = std::fs::read_to_string(out.join("documents.ndjson")).unwrap();
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(lines.len() >= 2 && lines.len() % 2 == 0);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_id"], pair[1]["url"]);
    }
    assert!(lines.iter().any(|d| d["url"] == "/droits/handicap/"));
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("mapping.json")).unwrap()).unwrap();
    let analyzer = &mapping["settings"]["analysis"]["analyzer"]["balise_french"];
    // Words split as balise splits them (letters and digits), then the French filters.
    assert_eq!(analyzer["tokenizer"], "balise_words");
    assert!(analyzer["filter"]
        .as_array()
        .unwrap()
        .contains(&Value::from("balise_stemmer")));
    assert_eq!(
        mapping["mappings"]["properties"]["criteria"]["type"],
        "keyword"
    );
    assert_eq!(
        mapping["mappings"]["properties"]["body"]["analyzer"],
        "balise_french"
    );
}

/// A `balise serve` child, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    // Bind port 0, read the port the system chose, and release it for the server.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn serve(root: &Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_balise"))
        .args(["serve", "--root", root.to_str().unwrap(), "--today", TODAY])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

fn get(port: u16, path: &str) -> (u16, String) {
    crate::common::raw_get(&format!("127.0.0.1:{port}"), path)
}

#[test]
fn serve_answers_pages_and_the_search_api_and_refuses_traversal() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    init_site(&site);
    let server = serve(&site);

    let (status, page) = get(server.port, "/droits/exemple-de-droit/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Exemple : discrimination liée à l&#x27;âge")
            || page.contains("Exemple : discrimination liée à l'âge")
    );
    assert!(page.contains(r#"<script src="/__balise/reload.js" defer></script>"#));
    let lower = page.to_ascii_lowercase();
    assert!(lower.contains("content-security-policy: default-src 'self'; script-src 'self'"));
    assert!(lower.contains("x-content-type-options: nosniff"));
    assert!(lower.contains("referrer-policy: no-referrer"));
    // Built in memory: serve writes nothing into the site.
    assert!(!site.join("public").exists());

    let (status, script) = get(server.port, "/__balise/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    for attack in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/droits/..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc%5cpasswd",
    ] {
        let (status, body) = get(server.port, attack);
        assert!(status == 400 || status == 404, "{attack}: {status}");
        assert!(!body.contains("root:"), "{attack} leaked a system file");
    }

    let (status, missing) = get(server.port, "/nulle-part/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page introuvable"));

    let (status, answer) = get(server.port, "/api/search?q=exemple");
    assert_eq!(status, 200, "{answer}");
    let json = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let json: Value = serde_json::from_str(json.trim()).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert!(json["total"].as_u64().unwrap() >= 1);
    assert_eq!(get(server.port, "/healthz").0, 200);
}
