//! What a build writes: the families of generated files (one list, in output order), the URLs
//! they take from content, the pages the build generates, and the security policy of the site.

use crate::model::config::Config;
use crate::model::kinds::Kind;

/// A file of the built site: its path under the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// Where a build's files go as they are made: kept in memory (`prepare`, for `serve`), or
/// compared with the output folder and staged as they come (`build`, see `write`), so that the
/// rendered pages of a large site never sit in memory all at once.
///
/// Files are put from several threads at once; within one family their order is not kept. A
/// path put twice keeps the bytes put last (families are put in the order of [`Output::ALL`]).
pub trait OutputSink: Sync {
    fn put(&self, file: OutputFile);

    fn put_all(&self, files: Vec<OutputFile>) {
        for file in files {
            self.put(file);
        }
    }
}

/// Drops every file: `check` renders the whole site for its diagnostics and writes nothing, and
/// holding a large site's files would only cost memory.
#[derive(Debug, Default)]
pub struct DiscardSink;

impl OutputSink for DiscardSink {
    fn put(&self, _file: OutputFile) {}
}

/// The files of a build, kept in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl OutputSink for MemorySink {
    fn put(&self, file: OutputFile) {
        self.files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(file);
    }
}

impl MemorySink {
    /// The files sorted by path, so that a build in memory gives them in one order; of a path
    /// put twice, only the last is kept.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self
            .files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Stable: the copies of one path stay in the order they were put.
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut kept: Vec<OutputFile> = Vec::with_capacity(files.len());
        for file in files {
            match kept.last_mut() {
                Some(last) if last.path == file.path => *last = file,
                _ => kept.push(file),
            }
        }
        kept
    }
}

/// A family of generated files. `prepare` produces them in the order of [`Output::ALL`];
/// `validate` refuses content that would take one of their URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Sections, pages and taxonomy pages, through the theme's templates.
    Pages,
    /// Pages that have no content file: search, site map, accessibility, legal notices, 404.
    GeneratedPages,
    /// The orientation path under `/trouver/`: one question a page, then the answers.
    Orientation,
    /// `/sitemap.xml` and `/robots.txt`.
    Sitemap,
    /// `event.ics` beside each event and `/agenda.ics`.
    Calendars,
    /// `contact.vcf` beside each contact.
    ContactCards,
    /// `/conventions.json`, `/conventions.csv`, `/contacts.json`.
    OpenData,
    /// `/atom.xml`.
    Feed,
    /// The theme's static files (styles, scripts, search).
    ThemeAssets,
    /// The site's `static/` files and files beside the content.
    SiteAssets,
    /// The editing interface under `/admin/` (only with `cms:` in `balise.yaml`).
    Cms,
    /// The static search index under `/search/`: last, since the index is built while the
    /// other files are made.
    Search,
}

impl Output {
    pub const ALL: [Output; 12] = [
        Output::Pages,
        Output::GeneratedPages,
        Output::Orientation,
        Output::Sitemap,
        Output::Calendars,
        Output::ContactCards,
        Output::OpenData,
        Output::Feed,
        Output::ThemeAssets,
        Output::SiteAssets,
        Output::Cms,
        Output::Search,
    ];

    /// Root-relative URLs this family always writes, that no content may take.
    pub fn reserved_urls(self, config: &Config) -> Vec<&'static str> {
        match self {
            Output::GeneratedPages => GENERATED_PAGES.iter().map(|p| p.url).collect(),
            Output::Orientation => vec!["/trouver/"],
            Output::Sitemap => vec!["/sitemap.xml", "/robots.txt"],
            Output::Calendars => vec!["/agenda.ics"],
            Output::OpenData => vec!["/conventions.json", "/conventions.csv", "/contacts.json"],
            Output::Feed => vec!["/atom.xml"],
            Output::Cms if config.cms.is_some() => vec!["/admin/"],
            _ => Vec::new(),
        }
    }

    /// The file this family writes beside each page of `kind`, in the page's folder.
    pub fn file_beside(self, kind: Kind) -> Option<&'static str> {
        match (self, kind) {
            (Output::Calendars, Kind::Event) => Some("event.ics"),
            (Output::ContactCards, Kind::Contact) => Some("contact.vcf"),
            _ => None,
        }
    }
}

/// A page the build generates without a content file.
pub struct GeneratedPage {
    /// Root-relative URL; the template is named after it (`/plan-du-site/` → `plan-du-site.html`).
    pub url: &'static str,
    pub title: &'static str,
}

impl GeneratedPage {
    /// The key of its title in the theme's messages: `title-plan-du-site`.
    pub fn title_key(&self) -> String {
        format!("title-{}", self.template().trim_end_matches(".html"))
    }

    pub fn template(&self) -> String {
        self.url
            .trim_matches('/')
            .trim_end_matches(".html")
            .to_string()
            + ".html"
    }
}

pub const GENERATED_PAGES: [GeneratedPage; 6] = [
    GeneratedPage {
        url: "/recherche/",
        title: "Rechercher",
    },
    GeneratedPage {
        url: "/plan-du-site/",
        title: "Plan du site",
    },
    GeneratedPage {
        url: "/accessibilite/",
        title: "Accessibilité",
    },
    GeneratedPage {
        url: "/mentions-legales/",
        title: "Mentions légales",
    },
    GeneratedPage {
        url: "/donnees-personnelles/",
        title: "Données personnelles",
    },
    GeneratedPage {
        url: "/404.html",
        title: "Page introuvable",
    },
];

/// The policy of every page, as written in its `<meta http-equiv>`: scripts, styles and
/// requests stay on the site's own origin (no third party, no inline script).
macro_rules! page_policy {
    () => {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    };
}

/// The Content-Security-Policy in each page's `<meta>` (the theme reads it as `site.csp`).
pub const CSP_META: &str = page_policy!();

/// The Content-Security-Policy HTTP header: `serve` sends it and the recipes of
/// `docs/deploy.md` repeat it (a test ties them). A header can also forbid framing, which
/// `<meta>` cannot.
pub const CSP: &str = concat!(page_policy!(), "; frame-ancestors 'none'");

/// The CMS page's policy: Decap styles its interface at run time and talks to the git host's API.
pub const ADMIN_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every policy written in the deployment recipes is one of ours, and the site's own is there.
    #[test]
    fn the_deploy_recipes_send_the_same_policies() {
        let recipes = include_str!("../../docs/deploy.md");
        let mut found = Vec::new();
        for line in recipes
            .lines()
            .filter(|l| l.contains("Content-Security-Policy"))
        {
            let Some(policy) = line.split('"').nth(1) else {
                continue;
            };
            assert!(
                policy == CSP || policy == ADMIN_CSP,
                "docs/deploy.md has a policy that is not model::output::CSP: {policy}"
            );
            found.push(policy);
        }
        assert!(found.contains(&CSP), "docs/deploy.md gives no site policy");
    }

    #[test]
    fn the_theme_writes_the_policy_from_the_model() {
        let base = include_str!("../../themes/default/templates/base.html");
        assert!(base.contains("content=\"{{ site.csp | safe }}\""));
        assert!(
            !base.contains("default-src"),
            "a second copy of the policy in base.html"
        );
        assert!(CSP.starts_with(CSP_META));
    }

    #[test]
    fn a_memory_sink_gives_its_files_in_path_order_the_last_copy_kept() {
        let sink = MemorySink::default();
        sink.put(OutputFile::new("b.html", "b"));
        sink.put_all(vec![
            OutputFile::new("a.html", "first"),
            OutputFile::new("c.html", "c"),
        ]);
        sink.put(OutputFile::new("a.html", "last"));
        let files: Vec<(String, Vec<u8>)> = sink
            .into_files()
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect();
        assert_eq!(
            files,
            [
                ("a.html".to_string(), b"last".to_vec()),
                ("b.html".to_string(), b"b".to_vec()),
                ("c.html".to_string(), b"c".to_vec()),
            ]
        );
    }

    #[test]
    fn reserved_urls_are_root_relative() {
        let config: Config =
            serde_yaml_ng::from_str("title: t\nbase_url: https://a.org\ncms: decap\n").unwrap();
        for output in Output::ALL {
            for url in output.reserved_urls(&config) {
                assert!(url.starts_with('/'), "{url}");
            }
        }
        assert!(Output::Cms.reserved_urls(&config).contains(&"/admin/"));
    }
}
