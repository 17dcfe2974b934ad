//! Helpers shared by the end-to-end tests: small sites written into temporary folders, and a
//! snapshot of an output tree to prove it is left byte-identical.
#![allow(dead_code)] // each test binary uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use balise::BuildOptions;

pub const TODAY: &str = "2026-11-23";

/// The repository root, where the bundled guide lives.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `files` (path → text) under `root`.
/// Copies a folder and everything under it.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Makes a copy of the bundled guide French only: its English pages removed and its
/// `languages:` block replaced by `language: fr`.
pub fn make_french_only(site: &Path) {
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().ends_with(".en.md") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let config = std::fs::read_to_string(site.join("balise.yaml")).unwrap();
    let mut french = String::new();
    let mut in_languages = false;
    for line in config.lines() {
        if line == "languages:" {
            in_languages = true;
            french.push_str("language: fr\n");
            continue;
        }
        if in_languages && line.starts_with("  ") {
            continue;
        }
        in_languages = false;
        french.push_str(line);
        french.push('\n');
    }
    assert!(!french.contains("languages:") && french.contains("language: fr\n"));
    std::fs::write(site.join("balise.yaml"), french).unwrap();
}

pub fn write_site(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// A minimal valid site: config, home, one right, one contact.
pub fn small_site(root: &Path) {
    write_site(
        root,
        &[
            ("balise.yaml", "title: Petit guide\nbase_url: https://guide.example.org\n"),
            ("content/_index.md", "---\ntitle: Accueil du petit guide\n---\nBienvenue.\n"),
            ("content/droits/_index.md", "---\ntitle: Vos droits\nkind: right\n---\n"),
            (
                "content/droits/age.md",
                "---\ntitle: Discrimination liée à l'âge\nsummary: L'âge ne peut pas justifier un refus.\ncriteria: [age]\ndomains: [emploi]\ncontacts: [maison-du-droit]\nupdated: 2026-10-01\n---\n## Que faire ?\n\nContactez [la maison du droit](/contacts/maison-du-droit/).\n",
            ),
            ("content/contacts/_index.md", "---\ntitle: Contacts\nkind: contact\n---\n"),
            (
                "content/contacts/maison-du-droit.md",
                "---\ntitle: Maison du droit\nphone: \"01 02 03 04 05\"\naddress:\n  street: 1 rue Exemple\n  postcode: \"99999\"\n  city: Exempleville\n---\nUne permanence gratuite.\n",
            ),
            ("static/docs/convention.pdf", "%PDF-1.4 test"),
        ],
    );
}

pub fn options(root: &Path, out: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.output = out.join("public");
    o.index = out.join("search-index");
    o.today = Some(balise::model::dates::parse_date(TODAY).unwrap());
    o
}

/// Names of the entries directly in `dir`, to spot leftover temporary folders.
pub fn entry_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Values of attribute `name` in `html`, quoted or not (the minifier drops needless quotes).
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split([' ', '>']).next().unwrap_or(""),
        };
        values.push(value.replace("&amp;", "&"));
    }
    values
}

/// The text between `<tag ...>` and `</tag>` for each occurrence.
pub fn elements(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with([' ', '>']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let end = body.find(&close).unwrap_or(body.len());
        out.push(body[..end].to_string());
        rest = &body[end..];
    }
    out
}

/// A `balise search-api` process on a free port of 127.0.0.1, stopped when dropped.
pub struct SearchApi {
    child: std::process::Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl SearchApi {
    /// Starts `balise search-api --bind 127.0.0.1:0 ARGS…` and reads the address it prints.
    pub fn start<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> SearchApi {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_balise"))
            .args(["search-api", "--bind", "127.0.0.1:0"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        SearchApi { child, addr }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for SearchApi {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.1 GET, so that the path reaches the server exactly as written (clients
/// normalize `..` away): (status, the whole answer). A refused connection gives status 0.
pub fn raw_get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(addr) else {
        return (0, String::new());
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}
