//! The theme: Tera templates and static assets. The default theme is embedded in the binary so a
//! site with no `themes/` folder builds; a site's `themes/default/` replaces it (so the theme
//! can be edited without rebuilding balise) and its `templates/` override templates by name.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::files::SiteBounds;
use crate::model::output::OutputFile;
use crate::text::{error_chain, escape_markup};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const THEME_DIR: &str = "themes/default";
pub const TEMPLATES_DIR: &str = "templates";
/// A site's own message catalogues (`i18n/ar.ftl`), over the theme's.
pub const MESSAGES_DIR: &str = "i18n";

/// Templates (name → source), assets (output path → bytes) and message catalogues of the theme
/// in use.
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Fluent catalogues, (language code, file shown in messages, text), later ones overriding
    /// earlier ones: the embedded theme's, the site theme's, then the site's `i18n/`.
    pub messages: Vec<(String, String, String)>,
}

impl Theme {
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Theme {
        Theme::load_within(&SiteBounds::new(root, &[]), diagnostics)
    }

    /// Loads the theme of the site whose bounds are given: its links are followed only inside
    /// the site, like those of the content (`model::files`).
    pub fn load_within(bounds: &SiteBounds, diagnostics: &mut Diagnostics) -> Theme {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            assets: BTreeMap::new(),
            messages: Vec::new(),
        };
        // The embedded catalogues always come first: a site theme without `i18n/` still has
        // every message, and one that has it overrides only what it writes.
        if let Some(dir) = DEFAULT_THEME.get_dir(MESSAGES_DIR) {
            for file in dir.files() {
                let path = file.path().to_string_lossy().replace('\\', "/");
                theme.add_messages(
                    &path,
                    file.contents().to_vec(),
                    &format!("(embedded theme) {path}"),
                    diagnostics,
                );
            }
        }
        let site_theme = bounds.root().join(THEME_DIR);
        if site_theme.is_dir() {
            for file in bounds.walk(THEME_DIR, diagnostics) {
                let shown = format!("{THEME_DIR}/{}", file.path);
                match std::fs::read(&file.source) {
                    Ok(bytes) => theme.add(&file.path, bytes, &shown, diagnostics),
                    Err(e) => diagnostics.push(
                        Diagnostic::error(
                            "template",
                            shown,
                            format!("cannot read this theme file: {e}"),
                        )
                        .help("check its permissions"),
                    ),
                }
            }
        } else {
            for file in all_files(&DEFAULT_THEME)
                .into_iter()
                .filter(|f| !f.path().starts_with(MESSAGES_DIR))
            {
                theme.add(
                    &file.path().to_string_lossy().replace('\\', "/"),
                    file.contents().to_vec(),
                    "(embedded theme)",
                    diagnostics,
                );
            }
        }
        for file in bounds.walk(MESSAGES_DIR, diagnostics) {
            let shown = format!("{MESSAGES_DIR}/{}", file.path);
            match std::fs::read(&file.source) {
                Ok(bytes) => theme.add_messages(
                    &format!("{MESSAGES_DIR}/{}", file.path),
                    bytes,
                    &shown,
                    diagnostics,
                ),
                Err(e) => diagnostics.push(
                    Diagnostic::error("messages", shown, format!("cannot read this file: {e}"))
                        .help("check its permissions"),
                ),
            }
        }
        for file in bounds.walk(TEMPLATES_DIR, diagnostics) {
            match std::fs::read_to_string(&file.source) {
                Ok(text) => {
                    theme.templates.insert(file.path, text);
                }
                Err(e) => diagnostics.push(
                    Diagnostic::error(
                        "template",
                        format!("{TEMPLATES_DIR}/{}", file.path),
                        format!("cannot read this template: {e}"),
                    )
                    .help("templates must be UTF-8 text files"),
                ),
            }
        }
        theme
    }

    /// `i18n/en.ftl`: the catalogue of one language.
    fn add_messages(
        &mut self,
        path: &str,
        bytes: Vec<u8>,
        shown_as: &str,
        diagnostics: &mut Diagnostics,
    ) {
        let Some(code) = path
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".ftl"))
        else {
            return;
        };
        match String::from_utf8(bytes) {
            Ok(text) => self
                .messages
                .push((code.to_string(), shown_as.to_string(), text)),
            Err(_) => diagnostics.push(
                Diagnostic::error(
                    "not-utf8",
                    shown_as,
                    "this message catalogue is not UTF-8 text",
                )
                .help("save it as UTF-8"),
            ),
        }
    }

    fn add(&mut self, path: &str, bytes: Vec<u8>, shown_as: &str, diagnostics: &mut Diagnostics) {
        if path.starts_with("i18n/") {
            self.add_messages(path, bytes, shown_as, diagnostics);
        } else if let Some(name) = path.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    self.templates.insert(name.to_string(), text);
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error("not-utf8", shown_as, "this template is not UTF-8 text")
                        .help("save it as UTF-8"),
                ),
            }
        } else if let Some(asset) = path.strip_prefix("static/") {
            self.assets.insert(asset.to_string(), bytes);
        }
    }

    /// Compiles every template once for the language `lang`, whose messages `t(key=…)` gives;
    /// errors name the template and Tera's reason.
    pub fn compile(
        &self,
        messages: &std::sync::Arc<super::i18n::Messages>,
        lang: crate::model::language::Lang,
        diagnostics: &mut Diagnostics,
    ) -> Option<Tera> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_markup);
        tera.register_function("t", super::i18n::Translate::new(messages.clone(), lang));
        match tera.add_raw_templates(self.templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
            Ok(()) => Some(tera),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error("template", format!("{TEMPLATES_DIR}/"), error_chain(&e))
                        .help(
                        "fix the template syntax; Tera's documentation lists the tags and filters",
                    ),
                );
                None
            }
        }
    }

    pub fn asset_files(&self) -> Vec<OutputFile> {
        self.assets
            .iter()
            .map(|(p, b)| OutputFile::new(p.clone(), b.clone()))
            .collect()
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        files.extend(all_files(d));
    }
    files
}
