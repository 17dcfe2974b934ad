//! Reliability and security, through the real binary (README, "Reliability"): nothing outside
//! the site is read or published through a symbolic link, no input crashes a build or `serve`,
//! the search API keeps its threads and memory bounded under load and closes idle connections,
//! `serve` follows a content folder that was removed and made again, command-line values are
//! checked, and timed yearly events keep their local time across summer time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::Offset;

use crate::common::{small_site, write_site, TODAY};

const BIN: &str = env!("CARGO_BIN_EXE_balise");

fn balise(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build(root: &Path) -> Output {
    balise(&["build", "--root", root.to_str().unwrap(), "--today", TODAY])
}

/// Every file under `dir`, as text (lossy), to look for a leaked value.
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    if !dir.exists() {
        return text;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    text
}

#[test]
fn links_out_of_the_site_are_refused_and_never_published() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("shadow"), "root:SECRET-FROM-OUTSIDE:19000").unwrap();
    let site = tmp.path().join("site");
    small_site(&site);
    symlink(outside.join("shadow"), site.join("static/leak.txt")).unwrap();
    symlink(&outside, site.join("static/docs/outside")).unwrap();
    symlink("/proc/self/environ", site.join("content/droits/environ.md")).unwrap();
    symlink("/proc/self/environ", site.join("static/env.txt")).unwrap();
    // A secret in the build's environment, as CI would have.
    let out = Command::new(BIN)
        .args(["build", "--root", site.to_str().unwrap(), "--today", TODAY])
        .env("BALISE_CI_TOKEN", "SECRET-FROM-ENV")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for file in [
        "static/leak.txt",
        "static/docs/outside",
        "content/droits/environ.md",
        "static/env.txt",
    ] {
        assert!(
            err.contains("error[symlink-outside]") && err.contains(file),
            "{file} not reported:\n{err}"
        );
    }
    assert!(err.contains("copy the file into the site"), "{err}");
    let published = all_text(&site.join("public"));
    assert!(!published.contains("SECRET"), "a secret was published");

    // `serve` refuses them too: the first build fails, and the paths answer no secret.
    let server = Serve::start(&site);
    for path in [
        "/leak.txt",
        "/env.txt",
        "/docs/outside/shadow",
        "/droits/environ/",
    ] {
        let (_, body) = get(server.port, path);
        assert!(!body.contains("SECRET"), "{path} leaked: {body}");
    }
}

#[test]
fn a_link_to_a_parent_folder_is_a_loop_and_links_inside_are_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    small_site(&site);
    std::fs::create_dir_all(site.join("partage")).unwrap();
    std::fs::write(site.join("partage/plan.pdf"), "%PDF plan").unwrap();
    // Links to the site root and to content/ from inside: loops. One to a folder of the site.
    symlink("..", site.join("static/racine")).unwrap();
    symlink(&site, site.join("content/droits/site")).unwrap();
    symlink(site.join("partage"), site.join("static/partage")).unwrap();
    let started = Instant::now();
    let out = build(&site);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = stderr(&out);
    assert_eq!(err.matches("warning[symlink-loop]").count(), 2, "{err}");
    assert_eq!(
        std::fs::read(site.join("public/partage/plan.pdf")).unwrap(),
        b"%PDF plan"
    );
    assert!(!site.join("public/racine").exists());
    // Built twice: the output does not grow.
    let files = |dir: &Path| walkdir::WalkDir::new(dir).into_iter().count();
    let first = files(&site.join("public"));
    assert!(build(&site).status.success());
    assert_eq!(files(&site.join("public")), first);
}

/// A page whose body nests `depth` levels of `unit`, on line 5.
fn deep_page(unit: &str, depth: usize) -> String {
    format!(
        "---\ntitle: Profond\n---\nIntro.\n{} fin\n",
        unit.repeat(depth)
    )
}

#[test]
fn ten_thousand_nested_quotes_or_list_items_are_an_error_not_a_crash() {
    for unit in [">", "> ", "- ", "1. ", "* "] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        small_site(site);
        write_site(
            site,
            &[("content/droits/profond.md", &deep_page(unit, 10_000))],
        );
        for command in ["check", "build"] {
            let out = balise(&[command, "--root", site.to_str().unwrap(), "--today", TODAY]);
            let err = stderr(&out);
            assert_eq!(
                out.status.signal(),
                None,
                "{command} crashed on {unit:?}: {err}"
            );
            assert_eq!(out.status.code(), Some(1), "{command} {unit:?}: {err}");
            assert!(
                err.contains("error[too-deep]") && err.contains("content/droits/profond.md:5"),
                "{command} {unit:?}: {err}"
            );
        }
    }
}

#[test]
fn files_and_lines_past_the_size_limits_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    small_site(site);
    let paragraph = "Un paragraphe ordinaire.\n\n";
    let huge = format!(
        "---\ntitle: Énorme\n---\n{}",
        paragraph.repeat(33 * 1024 * 1024 / paragraph.len())
    );
    let long_line = format!(
        "---\ntitle: Ligne\n---\nIntro.\n\n{}\n",
        "mot ".repeat(70_000)
    );
    write_site(
        site,
        &[
            ("content/droits/enorme.md", &huge),
            ("content/droits/ligne.md", &long_line),
        ],
    );
    let diagnostics = balise::check(&crate::common::options(site, tmp.path()));
    let found: Vec<(&str, &str, usize)> = diagnostics
        .items
        .iter()
        .filter(|d| d.code == "too-large")
        .map(|d| (d.code, d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("too-large", "content/droits/enorme.md", 0),
            ("too-large", "content/droits/ligne.md", 6)
        ],
        "{:?}",
        diagnostics.items
    );
}

#[test]
fn deep_raw_html_and_emphasis_are_errors_not_crashes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    small_site(site);
    let config = std::fs::read_to_string(site.join("balise.yaml")).unwrap();
    std::fs::write(
        site.join("balise.yaml"),
        format!("{config}allow_html: true\n"),
    )
    .unwrap();
    write_site(
        site,
        &[
            (
                "content/droits/html.md",
                &format!("---\ntitle: H\n---\n{}\n", "<div>".repeat(10_000)),
            ),
            (
                "content/droits/gras.md",
                &format!(
                    "---\ntitle: G\n---\n{}a{}\n",
                    "*".repeat(10_000),
                    "*".repeat(10_000)
                ),
            ),
        ],
    );
    let out = build(site);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("error[too-deep]").count(), 2, "{err}");
}

#[test]
fn serve_survives_a_deep_page_and_follows_a_content_folder_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    small_site(&site);
    let server = Serve::start(&site);
    server.wait_for("/droits/age/", "Que faire");

    // A page that used to overflow the stack: the server reports it and keeps serving.
    write_site(
        &site,
        &[("content/droits/profond.md", &deep_page(">", 10_000))],
    );
    let started = Instant::now();
    loop {
        let (_, errors) = get(server.port, "/__balise/errors");
        if errors.contains("too-deep") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no error shown: {errors}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(get(server.port, "/droits/age/").0, 200);
    std::fs::remove_file(site.join("content/droits/profond.md")).unwrap();
    server.wait_for("/__balise/errors", "\"errors\":null");

    // `git checkout` of another branch: content/ is removed, then written again.
    std::fs::remove_dir_all(site.join("content")).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    small_site(&site);
    server.wait_for("/droits/age/", "Que faire");
    // The new folder is watched: an edit inside it shows.
    std::thread::sleep(Duration::from_millis(300));
    let page = std::fs::read_to_string(site.join("content/droits/age.md")).unwrap();
    std::fs::write(
        site.join("content/droits/age.md"),
        page.replace("Que faire ?", "Que faire maintenant ?"),
    )
    .unwrap();
    server.wait_for("/droits/age/", "Que faire maintenant");
    let log = server.stop();
    assert!(log.contains("content/ was removed"), "{log}");
    assert!(log.contains("content/ is back"), "{log}");
}

#[test]
fn base_url_from_the_command_line_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    small_site(site);
    for bad in [
        "javascript:alert(1)//",
        "https://x.example/\"><script>alert(1)</script>",
        "https:///path",
        "ftp://x.example/",
    ] {
        let out = balise(&["build", "--root", site.to_str().unwrap(), "--base-url", bad]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{bad}: {err}");
        assert!(err.contains("--base-url"), "{bad}: {err}");
        assert!(!site.join("public").exists());
    }
    let out = balise(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--base-url",
        "https://preview.example.org/guide/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn new_refuses_an_absolute_section_and_init_quotes_its_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("mon guide");
    let out = balise(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hint = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        hint.contains(&format!("--root '{}'", site.display())),
        "{hint}"
    );
    let out = balise(&[
        "new",
        "right",
        "essai",
        "--section",
        "/tmp/ailleurs",
        "--root",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("absolute path"), "{}", stderr(&out));
    assert!(!site.join("content/tmp").exists());
}

#[test]
fn a_new_page_without_its_title_points_at_the_title_line() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    assert!(balise(&["init", site.to_str().unwrap()]).status.success());
    let out = balise(&["new", "page", "essai", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = site.join("content/pages/essai.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let title_line = text.lines().position(|l| l == "title:").unwrap() + 1;
    let out = balise(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = report
        .lines()
        .find(|l| l.contains("content/pages/essai.md") && l.contains("title"))
        .unwrap_or_else(|| panic!("no title error: {report}"));
    let d: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(d["line"], title_line, "{line}");
    assert!(!text.lines().nth(title_line - 1).unwrap().starts_with('#'));
}

/// Local time of a timed event in a calendar, turned into UTC with the offsets of the
/// calendar's own `VTIMEZONE` (its rules expanded by the `rrule` crate).
fn offset_from_vtimezone(
    zone: &ical::parser::ical::component::IcalTimeZone,
    local: chrono::NaiveDateTime,
) -> i32 {
    let value = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let seconds = |text: &str| {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let h: i32 = text[1..3].parse().unwrap();
        let m: i32 = text[3..5].parse().unwrap();
        sign * (h * 3600 + m * 60)
    };
    // The latest onset before `local` gives the offset in force.
    let mut best: Option<(chrono::NaiveDateTime, i32)> = None;
    for t in &zone.transitions {
        let start = value(&t.properties, "DTSTART");
        let to = seconds(&value(&t.properties, "TZOFFSETTO"));
        let onsets: Vec<chrono::NaiveDateTime> =
            match t.properties.iter().find(|p| p.name == "RRULE") {
                Some(rule) => {
                    let set: rrule::RRuleSet = format!(
                        "DTSTART;TZID=UTC:{start}\nRRULE:{}",
                        rule.value.as_deref().unwrap()
                    )
                    .parse()
                    .unwrap();
                    set.all(100).dates.iter().map(|d| d.naive_local()).collect()
                }
                None => {
                    vec![chrono::NaiveDateTime::parse_from_str(&start, "%Y%m%dT%H%M%S").unwrap()]
                }
            };
        for onset in onsets.into_iter().filter(|o| *o <= local) {
            if best.is_none_or(|(b, _)| onset > b) {
                best = Some((onset, to));
            }
        }
    }
    best.expect("an observance in force").1
}

#[test]
fn a_yearly_evening_event_stays_at_18_00_across_summer_time() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    small_site(site);
    write_site(
        site,
        &[
            ("content/agenda/_index.md", "---\ntitle: Agenda\nkind: event\n---\n"),
            (
                "content/agenda/veillee.md",
                // 28 March: before the change to summer time in 2026 (29 March), after it in
                // 2027 (28 March, 02:00) and 2028 (26 March).
                "---\ntitle: Veillée\nstart: 2026-03-28T18:00\nend: 2026-03-28T20:00\nrecurrence: yearly\n---\nTexte.\n",
            ),
        ],
    );
    let out = build(site);
    assert!(out.status.success(), "{}", stderr(&out));
    for path in ["public/agenda/veillee/event.ics", "public/agenda.ics"] {
        let file = std::fs::File::open(site.join(path)).unwrap();
        let calendar = ical::IcalParser::new(BufReader::new(file))
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(calendar.timezones.len(), 1, "{path}");
        let zone = &calendar.timezones[0];
        let event = &calendar.events[0];
        let start = event
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .unwrap();
        let tzid = start
            .params
            .as_ref()
            .unwrap()
            .iter()
            .find(|(k, _)| k == "TZID");
        assert_eq!(
            tzid.map(|(_, v)| v.join("")),
            Some("Europe/Paris".to_string())
        );
        let rule = event.properties.iter().find(|p| p.name == "RRULE").unwrap();
        let set: rrule::RRuleSet = format!(
            "DTSTART;TZID=Europe/Paris:{}\nRRULE:{}",
            start.value.as_deref().unwrap(),
            rule.value.as_deref().unwrap()
        )
        .parse()
        .unwrap();
        let occurrences = set.all(3).dates;
        let mut offsets = Vec::new();
        for occurrence in &occurrences {
            let local = occurrence.naive_local();
            assert_eq!(local.time().to_string(), "18:00:00", "{path}");
            // The calendar's VTIMEZONE and the time-zone database agree on the offset.
            let offset = offset_from_vtimezone(zone, local);
            assert_eq!(
                offset,
                occurrence.offset().fix().local_minus_utc(),
                "{local}"
            );
            offsets.push(offset / 3600);
        }
        assert_eq!(offsets, [1, 2, 2], "{path}");
    }
}

// --- serve -------------------------------------------------------------------------------

struct Serve {
    child: Child,
    port: u16,
    log: Arc<std::sync::Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(BIN)
            .args(["serve", "--root", root.to_str().unwrap(), "--today", TODAY])
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Serve { child, port, log }
    }

    fn wait_for(&self, path: &str, text: &str) {
        let started = Instant::now();
        loop {
            let (_, body) = get(self.port, path);
            if body.contains(text) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{path} never showed {text:?}; log:\n{}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        let log = self.log.lock().unwrap().clone();
        log
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    crate::common::raw_get(&format!("127.0.0.1:{port}"), path)
}

// --- search API ---------------------------------------------------------------------------

/// The bundled guide's search index, built once for these tests.
fn guide_index() -> &'static PathBuf {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        // Leaked on purpose: the folder must outlive every test of this binary.
        let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
        let options = crate::common::options(&crate::common::repo(), dir.path());
        balise::build(&options).unwrap();
        options.index
    })
}

fn start_api(extra: &[&str]) -> crate::common::SearchApi {
    let mut args = vec!["--index".as_ref(), guide_index().as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    crate::common::SearchApi::start(&args)
}

/// `(VmRSS in kB, threads)` of a process, from `/proc`.
fn rss_and_threads(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("Threads:"))
}

/// One keep-alive request on `stream`: `(status, headers and body)`.
fn keep_alive_get(stream: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<(u16, String)> {
    write!(stream.get_mut(), "GET {path} HTTP/1.1\r\nHost: api\r\n\r\n")?;
    let mut head = String::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, head + &String::from_utf8_lossy(&body)))
}

/// `connections` clients each sending searches on one kept-alive connection for `duration`;
/// returns the answers by status and the peak `(RSS kB, threads)` of the server meanwhile.
fn load(
    api: &crate::common::SearchApi,
    connections: usize,
    duration: Duration,
) -> (Vec<(u16, usize)>, (u64, u64)) {
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let shed = Arc::new(AtomicUsize::new(0));
    let other = Arc::new(AtomicUsize::new(0));
    let queries = [
        "discrimination%20emploi",
        "logement",
        "enceinte%20licenci%C3%A9e",
        "handicap%20%C3%A9cole",
    ];
    let clients: Vec<_> = (0..connections)
        .map(|i| {
            let (addr, stop) = (api.addr.clone(), stop.clone());
            let (ok, shed, other) = (ok.clone(), shed.clone(), other.clone());
            std::thread::spawn(move || {
                let Ok(stream) = TcpStream::connect(&addr) else {
                    return;
                };
                let mut stream = BufReader::new(stream);
                let mut n = i;
                while !stop.load(Ordering::Relaxed) {
                    let path = format!("/api/search?q={}", queries[n % queries.len()]);
                    n += 1;
                    match keep_alive_get(&mut stream, &path) {
                        Ok((200, _)) => ok.fetch_add(1, Ordering::Relaxed),
                        Ok((503, text)) => {
                            assert!(
                                text.to_ascii_lowercase().contains("retry-after: 1"),
                                "{text}"
                            );
                            shed.fetch_add(1, Ordering::Relaxed)
                        }
                        Ok(_) => other.fetch_add(1, Ordering::Relaxed),
                        Err(_) => break,
                    };
                }
            })
        })
        .collect();
    let pid = api.pid();
    let started = Instant::now();
    let mut peak = (0, 0);
    while started.elapsed() < duration {
        let (rss, threads) = rss_and_threads(pid);
        peak = (peak.0.max(rss), peak.1.max(threads));
        std::thread::sleep(Duration::from_millis(100));
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let counts = vec![
        (200, ok.load(Ordering::Relaxed)),
        (503, shed.load(Ordering::Relaxed)),
        (0, other.load(Ordering::Relaxed)),
    ];
    (counts, peak)
}

#[test]
fn the_search_api_keeps_threads_and_memory_bounded_under_200_connections() {
    let api = start_api(&[]);
    let (idle_rss, idle_threads) = rss_and_threads(api.pid());
    let (counts, (rss, threads)) = load(&api, 200, Duration::from_secs(8));
    eprintln!(
        "search-api: idle {idle_rss} kB / {idle_threads} threads; under 200 connections peak {rss} kB / {threads} threads; answers {counts:?}"
    );
    assert!(counts[0].1 > 1000, "{counts:?}");
    assert_eq!(counts[2].1, 0, "only 200 and 503: {counts:?}");
    // The runtime's workers (at most 4) and searches (one per core), plus a few threads of
    // tokio and tantivy: nowhere near one thread per connection.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    assert!(threads <= 16 + 2 * cores, "{threads} threads");
    assert!(rss < 150 * 1024, "{rss} kB");
    std::thread::sleep(Duration::from_secs(1));
    let (after, _) = rss_and_threads(api.pid());
    assert!(after < 150 * 1024, "{after} kB after the load");
}

#[test]
fn the_search_api_sheds_load_past_its_queue_with_retry_after() {
    let api = start_api(&["--max-searches", "1", "--queue", "0"]);
    let (counts, _) = load(&api, 32, Duration::from_secs(3));
    assert!(counts[0].1 > 0 && counts[1].1 > 0, "{counts:?}");
    assert_eq!(counts[2].1, 0, "{counts:?}");
}

#[test]
fn the_search_api_closes_silent_and_slow_connections() {
    let api = start_api(&["--header-timeout", "1"]);
    let closed_within = |greeting: &[u8]| {
        let mut s = TcpStream::connect(&api.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(6))).unwrap();
        s.write_all(greeting).unwrap();
        let started = Instant::now();
        let mut buf = [0; 256];
        // The server closes (0 bytes, or a reset), or answers 408 then closes.
        loop {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => continue,
            }
        }
        started.elapsed()
    };
    // Connects and says nothing; sends half a request; stays idle after a kept-alive answer.
    assert!(closed_within(b"") < Duration::from_secs(4));
    assert!(closed_within(b"GET /healthz HTTP/1.1\r\nHost: a\r\n") < Duration::from_secs(4));
    let mut s = BufReader::new(TcpStream::connect(&api.addr).unwrap());
    assert_eq!(keep_alive_get(&mut s, "/healthz").unwrap().0, 200);
    s.get_ref()
        .set_read_timeout(Some(Duration::from_secs(6)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "idle connection kept open"
    );
}
