//! Stage 1, load: `site.yaml`, the theme and every content file → a [`Session`], the
//! site kept in memory (`build` renders it once; `serve` keeps it and reloads the files that
//! change). Per audience, a `content::CorpusShape` gives the `Corpus` that audience sees; the
//! session keeps it while edits leave it as it is.
//! Reading content files is `content::load`'s job; this stage puts config, theme and pages together.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use super::assets::StaticFiles;
use super::log_time;
use crate::config::{CONFIG_FILE, Config};
use crate::content::load::{self, Reload, Texts};
use crate::content::{CorpusShape, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::options::{Audience, BuildOptions};
use crate::render::Theme;

/// A site loaded once and kept for rebuilds.
pub(crate) struct Session {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(super) theme: Theme,
    pub(super) pages: Vec<Page>,
    base_url: Option<String>,
    /// Drafts are kept (`wara serve`); never in a build.
    include_drafts: bool,
    pub(super) asset_version: String,
    /// The site's `static/` files.
    pub(super) static_files: StaticFiles,
    /// URLs of content files that failed to load.
    pub(super) unloaded: Vec<String>,
    /// The audience whose render names the bundle files left unpublished: the
    /// last one built, which has seen every reference (internal pages use files too).
    pub(crate) warn_unpublished_in: Audience,
    /// The shape of each audience's corpus (public, internal), made when first asked for and
    /// kept while edits leave it as it is (see [`Session::update`]).
    shapes: [OnceLock<CorpusShape>; 2],
}

/// What a change to some files asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Update {
    /// Re-render these pages (and what lists them).
    Pages(Vec<String>),
    /// Load and render everything again.
    Full,
    /// The changed files have errors: nothing to render.
    Failed,
}

impl Session {
    /// [`Session::open`] with what `opts` says: its root, base URL and drafts.
    pub(crate) fn for_build(opts: &BuildOptions, diags: &mut Diagnostics) -> Option<Session> {
        Session::open(
            &opts.root,
            opts.base_url.clone(),
            opts.include_drafts,
            diags,
        )
    }

    /// [`Session::for_build`] for one build, rendered once: pages do not hold their texts
    /// between load and render (each is read again as it renders), so memory does not grow
    /// with the size of the site.
    pub(crate) fn for_one_build(opts: &BuildOptions, diags: &mut Diagnostics) -> Option<Session> {
        Session::open_with(
            &opts.root,
            opts.base_url.clone(),
            opts.include_drafts,
            Texts::Reread {
                hold_own_up_to: load::HOLD_OWN_PAGES,
            },
            diags,
        )
    }

    /// Read `site.yaml`, the theme and every page. `None` when the configuration
    /// or the theme is unusable; content errors go to `diags` and the page is left out.
    /// Drafts are kept (marked ฉบับร่าง) when `include_drafts` is true: `wara serve` only.
    pub(crate) fn open(
        root: &Path,
        base_url: Option<String>,
        include_drafts: bool,
        diags: &mut Diagnostics,
    ) -> Option<Session> {
        Session::open_with(root, base_url, include_drafts, Texts::Keep, diags)
    }

    fn open_with(
        root: &Path,
        base_url: Option<String>,
        include_drafts: bool,
        texts: Texts,
        diags: &mut Diagnostics,
    ) -> Option<Session> {
        let config = read_config(root, diags)?;
        let t = Instant::now();
        let (pages, unloaded) = load::load_all(root, config.digits, include_drafts, texts, diags);
        log_time("load content", t);
        let theme = Theme::load(root, config.digits, diags)?;
        let asset_version = theme.asset_version();
        Some(Session {
            root: root.to_path_buf(),
            config,
            theme,
            pages,
            base_url,
            include_drafts,
            asset_version,
            static_files: StaticFiles::list(root),
            unloaded,
            warn_unpublished_in: Audience::Internal,
            shapes: Default::default(),
        })
    }

    /// The shape of the corpus `audience` sees (made once, see [`Session::update`]).
    pub(super) fn shape(&self, audience: Audience) -> &CorpusShape {
        let slot = match audience {
            Audience::Public => 0,
            Audience::Internal => 1,
        };
        self.shapes[slot].get_or_init(|| CorpusShape::of(&self.pages, &self.unloaded, audience))
    }

    pub(super) fn base_url(&self, audience: Audience) -> String {
        let b = match (&self.base_url, audience) {
            (Some(b), _) => b.clone(),
            (None, Audience::Internal) => self
                .config
                .internal_base_url
                .clone()
                .unwrap_or_else(|| self.config.base_url.clone()),
            (None, Audience::Public) => self.config.base_url.clone(),
        };
        b.trim_end_matches('/').to_owned()
    }

    /// The page loaded from `file` (a path under `content/`, from the site's root or
    /// absolute under it), found by the URL its path gives, without a walk over every page.
    pub(crate) fn page_of(&self, file: &Path) -> Option<&Page> {
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        let url = load::url_and_kind(rel.strip_prefix("content").ok()?).url;
        let i = self
            .pages
            .binary_search_by(|p| p.url.as_str().cmp(&url))
            .ok()?;
        let page = &self.pages[i];
        (page.path == rel).then_some(page)
    }

    /// Reload changed files. Only Markdown edits of existing pages are done in
    /// place; anything else (config, theme, new or removed files) asks for `Full`.
    pub(crate) fn update(&mut self, files: &[PathBuf], diags: &mut Diagnostics) -> Update {
        let content = self.root.join("content");
        let mut urls = BTreeSet::new();
        for f in files {
            // Outside content/, a folder, or a file that is gone: start again.
            if !f.starts_with(&content) || f.is_dir() || !f.exists() {
                return Update::Full;
            }
            if f.extension().is_some_and(|e| e == "md") {
                let before = self.page_of(f).map(CorpusShape::key);
                match load::reload_one(&self.root, &mut self.pages, f, self.include_drafts, diags) {
                    Reload::Replaced(url) => {
                        let after = self
                            .pages
                            .binary_search_by(|p| p.url.as_str().cmp(&url))
                            .ok()
                            .map(|i| CorpusShape::key(&self.pages[i]));
                        if before.is_none() || before != after {
                            // Its tags or its place among the minutes changed.
                            self.shapes = Default::default();
                        }
                        urls.insert(url);
                    }
                    Reload::Failed => return Update::Failed,
                    Reload::NeedsFull => return Update::Full,
                }
            } else {
                // A table, image or download: re-render the pages of its folder.
                let dir = f.parent().unwrap_or(&content);
                let owners: Vec<String> = self
                    .pages
                    .iter()
                    .filter(|p| p.dir() == dir || dir.starts_with(p.dir()) && p.is_bundle)
                    .map(|p| p.url.clone())
                    .collect();
                if owners.is_empty() {
                    return Update::Full;
                }
                urls.extend(owners);
            }
        }
        Update::Pages(urls.into_iter().collect())
    }
}

fn read_config(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, diags),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    crate::messages::cannot_read_site_yaml(root, &crate::diag::io_error(&e)),
                )
                .with_hint(crate::messages::cannot_read_site_yaml_help()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::site::write::Sink;
    use crate::test_support::fixtures::copy_site;

    /// The minimal site with `content/a.md`, opened for one build: its pages hold no text.
    fn opened(body: &str) -> (tempfile::TempDir, Session) {
        let dir = copy_site("minimal");
        fs::write(dir.path().join("content/a.md"), body).unwrap();
        let mut d = Diagnostics::new();
        let s = Session::for_one_build(&BuildOptions::new(dir.path()), &mut d).expect("opens");
        assert!(!d.has_errors(), "{}", d.render());
        (dir, s)
    }

    fn render(s: &Session) -> (Sink, Diagnostics) {
        let sink = Sink::dry();
        let mut d = Diagnostics::new();
        s.render_all(&[(Audience::Public, &sink)], &mut d)
            .expect("no environment error");
        (sink, d)
    }

    #[test]
    fn a_build_holds_no_page_text_between_load_and_render() {
        let (_dir, s) = opened("---\ntitle: A\n---\n\nAAA-ONE\n");
        assert!(
            s.pages
                .iter()
                .all(|p| !p.holds_text() || p.text().is_empty())
        );
        let (sink, d) = render(&s);
        assert!(!d.has_errors(), "{}", d.render());
        assert!(sink.contains("a/index.html"));
        // Rendered, and let go of again.
        assert!(
            s.pages
                .iter()
                .all(|p| !p.holds_text() || p.text().is_empty())
        );
        // A diagnostic's text (read again to point into) is not held either.
        let a = s.pages.iter().find(|p| p.url == "/a/").expect("page a");
        assert!(a.text().contains("AAA-ONE") && !a.holds_text());
        // `serve` keeps them: it re-renders from them.
        let mut d = Diagnostics::new();
        let kept = Session::open(&s.root, None, false, &mut d).expect("opens");
        assert!(kept.pages.iter().all(|p| p.holds_text()));
    }

    /// Every file under `dir`, by its path in it, with its bytes.
    fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                (rel, fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// A page's own front matter held from load (a small site) or read again as the page
    /// renders (a large one) makes the same site: the Lopburi minutes (people, place,
    /// attachments) and a contest's rules, prizes and documents, for both audiences.
    #[test]
    fn own_front_matter_held_or_read_again_builds_the_same_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let build = |hold_own_up_to: usize| {
            let mut d = Diagnostics::new();
            let texts = Texts::Reread { hold_own_up_to };
            let s = Session::open_with(root, None, false, texts, &mut d).expect("opens");
            let held = s.pages.iter().filter(|p| p.own.is_some()).count();
            let out = tempfile::tempdir().unwrap();
            let (output, sinks) =
                crate::site::write::Output::open(out.path(), &["public", "internal"])
                    .expect("output");
            let targets = [
                (Audience::Public, &sinks[0]),
                (Audience::Internal, &sinks[1]),
            ];
            s.render_all(&targets, &mut d)
                .expect("no environment error");
            assert!(!d.has_errors(), "{}", d.render());
            output
                .commit(sinks, crate::site::write::Prune::Stale)
                .expect("commit");
            (held, tree(out.path()))
        };
        let (held, with) = build(usize::MAX);
        let (none, without) = build(0);
        assert!(held > 0 && none == 0, "{held} {none}");
        assert!(with.len() > 50, "{}", with.len());
        assert_eq!(
            with.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            without.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
        for ((path, a), (_, b)) in with.iter().zip(&without) {
            assert!(a == b, "{} differs", path.display());
        }
        // The minutes' place, recorder and a download named in the front matter are there.
        let minutes = with
            .iter()
            .find(|(p, _)| p.ends_with("public/minutes/2563/05/index.html"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .expect("the minutes page");
        for own in [
            "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดลพบุรี",
            "นายวีระยุทธ ราชิวงค์",
            "it-award-manual-2563.pdf",
        ] {
            assert!(minutes.contains(own), "{own} missing");
        }
    }

    #[test]
    fn a_page_edited_between_load_and_render_is_an_error_and_is_not_rendered() {
        // Same length, other bytes: the checksum, not only the length, tells them apart.
        for edit in [
            "---\ntitle: A\n---\n\nAAA-TWO\n",
            "---\ntitle: A\n---\n\nlonger now\n",
        ] {
            let (dir, s) = opened("---\ntitle: A\n---\n\nAAA-ONE\n");
            fs::write(dir.path().join("content/a.md"), edit).unwrap();
            let (sink, d) = render(&s);
            let out = d.render();
            assert!(d.has_errors(), "{out}");
            assert!(
                out.contains("content/a.md") && out.contains("ถูกแก้ไขระหว่างการสร้างเว็บไซต์"),
                "{out}"
            );
            assert!(out.contains("changed during the build"), "{out}");
            assert!(
                !sink.contains("a/index.html"),
                "a page rendered from a changed file"
            );
        }
    }

    #[test]
    fn a_page_removed_between_load_and_render_is_an_error() {
        let (dir, s) = opened("---\ntitle: A\n---\n\nAAA-ONE\n");
        fs::remove_file(dir.path().join("content/a.md")).unwrap();
        let (sink, d) = render(&s);
        let out = d.render();
        assert!(
            out.contains("content/a.md") && out.contains("อ่านไฟล์ไม่ได้"),
            "{out}"
        );
        assert!(!sink.contains("a/index.html"));
    }
}
