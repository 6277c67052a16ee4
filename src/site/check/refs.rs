//! Files that pages refer to (SPEC §4, §6): `download`, `attachments`, `documents`,
//! `table`, `chart`, and Markdown links and images to local files.
//!
//! A referenced path is relative to the page's folder, or, when it starts with
//! `/`, to `content/` (the site root: `/minutes/2563/05/files/x.pdf` is
//! `content/minutes/2563/05/files/x.pdf`). It is resolved with every symlink
//! followed and must stay inside `content/` and name a regular file; `..` and
//! paths of the machine are refused before any look-up.
//!
//! A file belongs to the page whose folder holds it: the nearest folder with an
//! `index.md` (a bundle) or `_index.md` (a section, for loose files), or the
//! section a folder without one makes. It carries that page's access and draft
//! status: a public page may not use an internal page's file, and no page may use
//! a draft's file.
//!
//! Bundle files are published only when a page refers to them, or when their
//! type is in `site.yaml`'s `publish_extensions` (see [`sweep_bundles`]).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::content::load::url_and_kind;
use crate::content::{Access, Page};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::files;
use crate::messages;
use crate::site::render::Ctx;
use crate::site::write::out_dir;

/// A referenced file that passed every check.
#[derive(Debug, Clone)]
pub(crate) struct FileRef {
    /// The file itself, every symlink resolved (inside the canonical `content/`).
    pub(crate) abs: PathBuf,
    /// The path as the user sees it, relative to the site root (`content/a/b/x.pdf`).
    pub(crate) shown: PathBuf,
    /// The path as written, without its leading `/` when it had one.
    pub(crate) written: String,
    /// Whether it was written from the site root (`/…`).
    pub(crate) from_root: bool,
}

/// Why a reference was refused.
#[derive(Debug, Clone)]
pub(crate) enum RefError {
    /// No such file (the caller words this one: it knows what was looked for).
    Missing { shown: PathBuf },
    /// Refused: leaves the site, not a file, or belongs to a page it may not use.
    Refused { msg: Msg, help: Msg },
}

impl RefError {
    fn refused(msg: Msg, help: Msg) -> Self {
        RefError::Refused { msg, help }
    }
}

/// Who a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    Page {
        url: String,
        access: Access,
    },
    /// A page that is not published (`draft: true`), by its source path.
    Draft(PathBuf),
    /// A page that failed to load (already reported), or no page at all.
    Unknown,
}

/// Resolve a path a page refers to, check it, and note it as referenced.
pub(crate) fn use_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Result<FileRef, RefError> {
    let r = resolve(ctx, page, rel)?;
    match owner(ctx, &r.abs) {
        Owner::Draft(path) => {
            return Err(RefError::refused(
                messages::ref_draft(rel, &crate::diag::slash(&path)),
                messages::ref_draft_help(),
            ));
        }
        Owner::Page {
            url,
            access: Access::Internal,
        } if page.access == Access::Public => {
            return Err(RefError::refused(
                messages::ref_internal(rel, &url),
                messages::ref_internal_help(),
            ));
        }
        _ => {}
    }
    ctx.referenced()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(r.abs.clone());
    Ok(r)
}

/// A file a page refers to, checked like every reference (inside `content/`, symlinks
/// resolved, a page this one may use): its path on disk and as the user sees it. A
/// refused reference is reported at `at` and gives `None`; a missing file gives its
/// would-be path, for the caller's own message.
pub(crate) fn resolve_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Option<(PathBuf, PathBuf)> {
    match use_file(ctx, page, rel) {
        Ok(f) => Some((f.abs, f.shown)),
        Err(RefError::Missing { shown }) => Some((ctx.root().join(&shown), shown)),
        Err(RefError::Refused { .. }) => None,
    }
}

/// Whether `rel` is written as a path the resolver refuses outright (`..`, a
/// machine path), before anything is looked up.
fn refuse_written(rel: &str) -> Result<(&str, bool), RefError> {
    let (rest, from_root) = match rel.strip_prefix('/') {
        Some(r) => (r, true),
        None => (rel, false),
    };
    let p = Path::new(rest);
    if rest.is_empty() {
        return Err(RefError::Missing {
            shown: PathBuf::from(rel),
        });
    }
    if p.is_absolute()
        || p.components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        || rest.starts_with('\\')
    {
        return Err(RefError::refused(
            messages::ref_absolute(rel),
            messages::ref_help(),
        ));
    }
    if p.components().any(|c| c == Component::ParentDir)
        || rest.split(['/', '\\']).any(|s| s == "..")
    {
        return Err(RefError::refused(
            messages::ref_parent_dir(rel),
            messages::ref_help(),
        ));
    }
    Ok((rest, from_root))
}

/// The file a path names, every symlink resolved; it must be a regular file inside `content/`.
fn resolve(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Result<FileRef, RefError> {
    let (rest, from_root) = refuse_written(rel)?;
    let (base, shown) = if from_root {
        (
            ctx.root().join("content"),
            PathBuf::from("content").join(rest),
        )
    } else {
        let shown_dir = page
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        (page.dir().to_path_buf(), shown_dir.join(rest))
    };
    let joined = base.join(rest);
    if std::fs::symlink_metadata(&joined).is_err() {
        return Err(RefError::Missing { shown });
    }
    let Ok(abs) = std::fs::canonicalize(&joined) else {
        // A symlink to nothing.
        return Err(RefError::refused(
            messages::ref_outside(rel),
            messages::ref_help(),
        ));
    };
    if !abs.starts_with(ctx.content_dir()) {
        return Err(RefError::refused(
            messages::ref_outside(rel),
            messages::ref_help(),
        ));
    }
    if !std::fs::metadata(&abs).is_ok_and(|m| m.is_file()) {
        return Err(RefError::refused(
            messages::ref_not_file(rel),
            messages::ref_help(),
        ));
    }
    Ok(FileRef {
        abs,
        shown,
        written: rest.to_owned(),
        from_root,
    })
}

/// Does `dir` hold this page source as a real file (not a symlink, as the loader reads them)?
fn page_source(dir: &Path, name: &str) -> Option<PathBuf> {
    let f = dir.join(name);
    std::fs::symlink_metadata(&f)
        .is_ok_and(|m| m.is_file())
        .then_some(f)
}

/// The page a file (canonical, inside the canonical `content/`) belongs to.
fn owner(ctx: &Ctx<'_>, abs: &Path) -> Owner {
    let corpus = ctx.corpus();
    let lookup = |url: &str| -> Option<Access> {
        if let Some(p) = corpus.get(url) {
            Some(p.access)
        } else if corpus.internal_urls.contains_key(url) {
            Some(Access::Internal)
        } else {
            None
        }
    };
    let mut dir = abs.parent();
    while let Some(d) = dir {
        let Ok(rel) = d.strip_prefix(ctx.content_dir()) else {
            break;
        };
        let url = url_and_kind(&rel.join("_index.md")).url;
        let source = page_source(d, "index.md").or_else(|| page_source(d, "_index.md"));
        if let Some(src) = source {
            return match lookup(&url) {
                Some(access) => Owner::Page { url, access },
                None if corpus.unloaded.contains(&url) => Owner::Unknown,
                None => Owner::Draft(
                    Path::new("content").join(src.strip_prefix(ctx.content_dir()).unwrap_or(&src)),
                ),
            };
        }
        // A folder without its own page file still makes a section when pages live below it.
        if let Some(access) = lookup(&url) {
            return Owner::Page { url, access };
        }
        dir = d.parent();
    }
    Owner::Unknown
}

/// Publish a referenced file at an output path (once per build).
pub(crate) fn publish(ctx: &Ctx<'_>, out_rel: &str, file: &FileRef) -> anyhow::Result<()> {
    if ctx.sink().contains(out_rel) {
        return Ok(());
    }
    // A photo goes out re-encoded from its pixels, never as the original with its
    // EXIF (GPS position, camera serial, owner name).
    if crate::images::is_raster(&file.abs) && !ctx.sink().is_dry() {
        let stripped = crate::site::assets::stripped_copy(ctx, &file.abs).ok_or_else(|| {
            anyhow::anyhow!("{}", crate::messages::photo_undecodable(&file.written, "-"))
        })?;
        return ctx.sink().copy(out_rel, &stripped);
    }
    ctx.sink().copy(out_rel, &file.abs)
}

/// Where a referenced file goes in the output: beside the page for a path
/// relative to it, at the same site path for one written from the root.
pub(crate) fn output_path(page: &Page, file: &FileRef) -> String {
    if file.from_root {
        file.written.clone()
    } else {
        format!("{}{}", out_dir(&page.url), file.written)
    }
}

/// A diagnostic for a refused reference, at its position.
pub(crate) fn refused_diag(
    page: &Page,
    at: crate::source::Span,
    msg: Msg,
    help: Msg,
) -> Diagnostic {
    Diagnostic::error_at(&page.text(), at, msg).with_hint(help)
}

/// The files of each bundle no page referred to: those whose type `site.yaml`
/// allows are published beside the page; the others are named in a warning
/// (when `warn`) and left out. Office and Windows files are skipped silently,
/// and so are Markdown and YAML sources. Nested page folders are their own bundles.
pub(crate) fn sweep_bundles(ctx: &Ctx<'_>, pages: &[&Page], warn: bool, diags: &mut Diagnostics) {
    let referenced: BTreeSet<PathBuf> = ctx
        .referenced()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    // Side by side: each bundle's files go to its own output folder. Diagnostics in the
    // pages' order, as one after the other gives them.
    let found: Vec<Diagnostics> = pages
        .par_iter()
        .filter(|p| p.is_bundle)
        .map(|page| {
            let mut d = Diagnostics::new();
            sweep_one(ctx, page, &referenced, warn, &mut d);
            d
        })
        .collect();
    for d in found {
        diags.extend(d);
    }
}

fn sweep_one(
    ctx: &Ctx<'_>,
    page: &Page,
    referenced: &BTreeSet<PathBuf>,
    warn: bool,
    diags: &mut Diagnostics,
) {
    let walker = walkdir::WalkDir::new(page.dir())
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !(page_source(e.path(), "index.md").is_some()
                    || page_source(e.path(), "_index.md").is_some())
        });
    for entry in walker.flatten() {
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if files::is_system_junk(&name) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(page.dir()) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let shown = page
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
            .join(&rel);
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if matches!(ext.as_str(), "md" | "yaml" | "yml") {
            continue; // sources: pages (or not-pages, warned at load) and tables
        }
        let abs = match std::fs::canonicalize(entry.path()) {
            Ok(abs)
                if abs.starts_with(ctx.content_dir())
                    && std::fs::metadata(&abs).is_ok_and(|m| m.is_file()) =>
            {
                abs
            }
            _ => {
                if entry.path_is_symlink() && warn {
                    diags.push(
                        Diagnostic::warning(&shown, messages::symlink_not_published(&rel))
                            .with_hint(messages::symlink_help()),
                    );
                }
                continue;
            }
        };
        if referenced.contains(&abs) {
            continue; // published where it was referenced
        }
        let copy = files::looks_like_copy(&name);
        if !copy && ctx.config().publishes_extension(&ext) {
            // A symlink inside content/ is published as its target, which belongs
            // to another page: only its own files go out unreferenced.
            if entry.path_is_symlink() {
                continue;
            }
            let out = format!("{}{}", out_dir(&page.url), rel);
            if !ctx.sink().contains(&out)
                && let Err(e) = ctx.sink().copy(&out, &abs)
            {
                diags.push(
                    Diagnostic::error(
                        &page.path,
                        messages::bundle_file_not_copied(&rel, &e.root_cause().to_string()),
                    )
                    .with_hint(messages::io_help()),
                );
            }
            continue;
        }
        if warn {
            diags.push(
                Diagnostic::warning(&shown, messages::unpublished(&rel, copy))
                    .with_hint(messages::unpublished_help()),
            );
        }
    }
}
