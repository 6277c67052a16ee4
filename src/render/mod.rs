//! Tera setup: the embedded default theme, overridable per file from the site's
//! `themes/default/`, parsed once per build; templates see only view structs.

pub(crate) mod filters;
pub(crate) mod views;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
use crate::thai::Digits;

/// The default theme, compiled into the binary.
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates (parsed once) and the static files of the theme.
pub(crate) struct Theme {
    tera: Tera,
    /// Whether `deadlines.html` shows `page.deadline_years`: a site's own copy made before
    /// year pages existed does not, and is given every deadline instead. Told by the name in
    /// the template's text: a copy that shows it only through an include of its own is taken
    /// for one that does not (it then gets every deadline, and a warning).
    pub(crate) lists_deadline_years: bool,
    /// Whether `section.html` shows `page.pager` (by name, as above): a site's own copy made
    /// before tag pages were paged does not, and is given every entry of a tag on its first
    /// page instead.
    pub(crate) shows_pager: bool,
    /// Output-relative path → bytes (embedded) or a file in the site's theme folder.
    pub(crate) static_files: BTreeMap<String, StaticFile>,
}

/// A theme static file: embedded, or overridden by the site.
pub(crate) enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A theme's files by name: templates (their text, and the path messages show) and static files.
struct ThemeFiles {
    templates: BTreeMap<String, (String, PathBuf)>,
    static_files: BTreeMap<String, StaticFile>,
}

impl ThemeFiles {
    /// The theme built into wara.
    fn embedded() -> Self {
        let mut templates = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        for file in embedded_files(&THEME) {
            let p = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = p.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(
                    name.to_owned(),
                    (text, PathBuf::from("themes/default").join(&p)),
                );
            } else if let Some(rel) = p.strip_prefix("static/") {
                static_files.insert(rel.to_owned(), StaticFile::Embedded(file.contents()));
            }
        }
        ThemeFiles {
            templates,
            static_files,
        }
    }

    /// Put the site's own files of `over` (`root/themes/default/`) over the embedded ones.
    fn add_overrides(&mut self, over: &Path, diags: &mut Diagnostics) {
        for entry in walkdir::WalkDir::new(over)
            .follow_links(false)
            .into_iter()
            // Never wara's own output or staging folders (see `copy_static`).
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_dir()
                    || !crate::site::write::is_own_folder(e.path())
            })
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(over) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            let shown = PathBuf::from("themes/default").join(rel);
            if let Some(name) = rel_s.strip_prefix("templates/") {
                match fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        self.templates.insert(name.to_owned(), (text, shown));
                    }
                    Err(e) => diags.push(Diagnostic::error(
                        shown,
                        crate::messages::cannot_read_template(&e.to_string()),
                    )),
                }
            } else if let Some(r) = rel_s.strip_prefix("static/") {
                self.static_files
                    .insert(r.to_owned(), StaticFile::Disk(entry.path().to_path_buf()));
            }
        }
    }
}

impl Theme {
    /// Load the embedded theme with the site's overrides from `root/themes/default/`.
    pub(crate) fn load(root: &Path, digits: Digits, diags: &mut Diagnostics) -> Option<Theme> {
        let mut files = ThemeFiles::embedded();
        files.add_overrides(&root.join("themes").join("default"), diags);
        let ThemeFiles {
            templates,
            static_files,
        } = files;
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which turns every URL into `&#x2F;` soup.
        tera.set_escape_fn(escape_fn);
        filters::register(&mut tera, digits);
        let lists_deadline_years = templates
            .get("deadlines.html")
            .is_some_and(|(text, _)| text.contains("page.deadline_years"));
        let shows_pager = templates
            .get("section.html")
            .is_some_and(|(text, _)| text.contains("page.pager"));
        let raw: Vec<(String, String)> = templates
            .iter()
            .map(|(n, (t, _))| (n.clone(), t.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(raw) {
            diags.push(
                Diagnostic::error(
                    "themes/default/templates",
                    crate::messages::template_error(&error_chain(&e)),
                )
                .with_hint(crate::messages::template_error_help()),
            );
            return None;
        }
        Some(Theme {
            tera,
            lists_deadline_years,
            shows_pager,
            static_files,
        })
    }

    /// Render `template` with `ctx` into `out` (appended); a failure is a diagnostic
    /// naming the template and the page.
    pub(crate) fn render_to(
        &self,
        template: &str,
        ctx: &Context,
        out: impl std::io::Write,
        page_path: &Path,
    ) -> Result<(), Box<Diagnostic>> {
        self.tera.render_to(template, ctx, out).map_err(|e| {
            Box::new(Diagnostic::error(
                page_path,
                crate::messages::render_failed(template, &error_chain(&e)),
            ))
        })
    }

    /// A short fingerprint of the theme's static files, for `?v=` on asset URLs:
    /// nginx caches `/assets/` for a year, so a changed stylesheet needs a new URL.
    pub(crate) fn asset_version(&self) -> String {
        let mut all = Vec::new();
        for (name, file) in &self.static_files {
            all.extend_from_slice(name.as_bytes());
            match file {
                StaticFile::Embedded(bytes) => all.extend_from_slice(bytes),
                StaticFile::Disk(p) => all.extend(fs::read(p).unwrap_or_default()),
            }
        }
        format!("{:08x}", crate::hash::fnv1a_64(&all) as u32)
    }
}

fn escape_fn(s: &str) -> String {
    crate::markdown::escape(s)
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    for f in dir.files() {
        out.push(f);
    }
    for d in dir.dirs() {
        out.extend(embedded_files(d));
    }
    out
}

/// An error and all its causes on one line, as Tera hides the useful part in `source()`.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
