//! Photos on pages: Markdown images and the `gallery` shortcode. Each photo is
//! checked (alt text, the file, its size), handed to the asset stage
//! (`crate::images`) and its renditions written beside the page; the HTML is an
//! `<img>` with `srcset`, `width`, `height`, lazy loading and its alt text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::content::Page;
use crate::diag::{Diagnostic, Msg};
use crate::files;
use crate::images::{self, PhotoError};
use crate::markdown::{ImageRef, Shortcode, escape};
use crate::messages;
use crate::site::check::refs::resolve_file;
use crate::site::render::Ctx;
use crate::site::render::PageResult;
use crate::site::write::out_dir;
use crate::source::{SourceFile, Span};

/// `sizes` of a photo in running text: the text column (`--measure`, 39rem) or the screen.
const SIZES_INLINE: &str = "(min-width: 42rem) 39rem, 100vw";
/// `sizes` of a gallery photo: three, two or one to a row.
const SIZES_GALLERY: &str = "(min-width: 60rem) 20rem, (min-width: 30rem) 50vw, 100vw";

/// A photo's published renditions: (site URL, width, height), narrowest first.
struct Published {
    renditions: Vec<(String, u32, u32)>,
}

impl Published {
    /// The rendition for `src`: the widest at most 960 px, else the narrowest.
    fn default_one(&self) -> Option<&(String, u32, u32)> {
        self.renditions
            .iter()
            .rev()
            .find(|r| r.1 <= 960)
            .or(self.renditions.first())
    }

    fn largest(&self) -> Option<&(String, u32, u32)> {
        self.renditions.last()
    }

    fn img(&self, alt: &str, title: &str, sizes: &str) -> String {
        let Some((src, w, h)) = self.default_one() else {
            return String::new();
        };
        let srcset: Vec<String> = self
            .renditions
            .iter()
            .map(|(u, w, _)| format!("{} {w}w", escape(u)))
            .collect();
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(title))
        };
        format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
            escape(src),
            srcset.join(", "),
            escape(alt.trim())
        )
    }
}

/// Where a problem is: the file and line shown to the user, and that file's text.
struct At<'t> {
    source: &'t Arc<SourceFile>,
    span: Span,
}

impl At<'_> {
    fn error(&self, msg: Msg, help: Option<Msg>) -> Diagnostic {
        let d = Diagnostic::error_at(self.source, self.span, msg);
        match help {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }
}

/// Does this `src` point at another site (left as a plain `<img>`)?
fn is_remote(src: &str) -> bool {
    src.starts_with("//") || src.split('/').next().is_some_and(|s| s.contains(':'))
}

/// The HTML of each Markdown image of a page, in order.
pub(crate) fn markdown_images(
    ctx: &Ctx<'_>,
    page: &Page,
    refs: &[ImageRef],
    res: &mut PageResult,
) -> Vec<String> {
    let done: Vec<(String, crate::diag::Diagnostics)> = refs
        .par_iter()
        .map(|r| {
            let mut local = PageResult::default();
            (one_image(ctx, page, r, &mut local), local.diags)
        })
        .collect();
    done.into_iter()
        .map(|(html, diags)| {
            res.diags.extend(diags);
            html
        })
        .collect()
}

/// The HTML of one Markdown image; problems go to `res`.
fn one_image(ctx: &Ctx<'_>, page: &Page, r: &ImageRef, res: &mut PageResult) -> String {
    let text = page.text();
    let at = At {
        source: &text,
        span: Span::at(r.at),
    };
    if r.alt.trim().is_empty() {
        res.diags.push(at.error(
            messages::photo_no_alt(&r.src),
            Some(messages::photo_no_alt_help()),
        ));
    }
    if is_remote(&r.src) {
        return format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape(&r.src),
            escape(r.alt.trim())
        );
    }
    let src = percent_encoding::percent_decode_str(&r.src)
        .decode_utf8_lossy()
        .into_owned();
    if !images::is_raster(Path::new(&src)) && !images::is_unsupported(Path::new(&src)) {
        // A drawing (SVG) is copied with the bundle as it is; it must exist.
        if let Some((abs, shown)) = resolve_file(ctx, page, &src)
            && !abs.is_file()
        {
            res.diags.push(at.error(
                messages::photo_missing(&src, &crate::diag::slash(&shown)),
                Some(messages::photo_missing_help()),
            ));
        }
        return format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape(&r.src),
            escape(r.alt.trim())
        );
    }
    match publish(ctx, page, Path::new(""), &src, &at, res) {
        Some(p) => p.img(&r.alt, &r.title, SIZES_INLINE),
        None => String::new(),
    }
}

/// Check one photo (`src` relative to the page, or to `base` inside it), process
/// it and write its renditions beside the page. Problems go to `res` at `at`.
fn publish(
    ctx: &Ctx<'_>,
    page: &Page,
    base: &Path,
    src: &str,
    at: &At<'_>,
    res: &mut PageResult,
) -> Option<Published> {
    let joined = if base.as_os_str().is_empty() || src.starts_with('/') {
        src.to_owned()
    } else {
        format!("{}/{src}", base.to_string_lossy().trim_end_matches('/'))
    };
    let Some((abs, shown)) = resolve_file(ctx, page, &joined) else {
        res.diags.push(at.error(
            messages::photo_outside(src),
            Some(messages::photo_missing_help()),
        ));
        return None;
    };
    let shown_s = crate::diag::slash(&shown);
    if images::is_unsupported(&abs) {
        res.diags.push(at.error(
            messages::photo_undecodable(&shown_s, "unsupported type"),
            Some(messages::photo_undecodable_help()),
        ));
        return None;
    }
    let header = match images::inspect(&abs) {
        Ok(h) => h,
        Err(e) => {
            res.diags.push(problem(at, src, &shown_s, e));
            return None;
        }
    };
    let limits = &ctx.config().photos;
    let pixels = u64::from(header.width) * u64::from(header.height);
    let too_big = if pixels > limits.max_pixels {
        Some((
            format!("{}×{} px", header.width, header.height),
            format!("{} px", limits.max_pixels),
        ))
    } else if header.bytes > limits.max_bytes {
        Some((
            format!("{} bytes", header.bytes),
            format!("{} bytes", limits.max_bytes),
        ))
    } else {
        None
    };
    if let Some((what, limit)) = too_big {
        res.diags.push(
            Diagnostic::warning_at(
                at.source,
                at.span,
                messages::photo_too_big(&shown_s, &what, &limit),
            )
            .with_hint(messages::photo_too_big_help()),
        );
    }
    if ctx.sink().is_dry() {
        // `wara check`: the header is enough; nothing is decoded or written.
        return Some(Published {
            renditions: vec![(src.to_owned(), header.width, header.height)],
        });
    }
    let cache = ctx.root().join(images::CACHE_DIR);
    let renditions = match images::renditions(&cache, &abs, &limits.widths) {
        Ok(r) => r,
        Err(e) => {
            res.diags.push(problem(at, src, &shown_s, e));
            return None;
        }
    };
    let (dir, stem) = out_place(page, &joined);
    let ext = images::extension(&abs);
    let mut out = Vec::new();
    for r in renditions {
        let name = if ext == "jpg" || ext == "jpeg" {
            format!("{stem}-{}.jpg", r.width)
        } else {
            format!("{stem}-{ext}-{}.jpg", r.width)
        };
        let rel = format!("{dir}{name}");
        if !ctx.sink().contains(&rel)
            && let Err(e) = ctx.sink().copy(&rel, &r.file)
        {
            res.diags
                .push(at.error(messages::photo_write_failed(&shown_s, &e.to_string()), None));
            return None;
        }
        out.push((format!("/{}", files::encode_path(&rel)), r.width, r.height));
    }
    Some(Published { renditions: out })
}

/// The output folder (relative, ending in `/` or empty) and file stem of a photo path.
fn out_place(page: &Page, src: &str) -> (String, String) {
    let (base, rel) = match src.strip_prefix('/') {
        Some(r) => (String::new(), r),
        None => (out_dir(&page.url), src),
    };
    let p = Path::new(rel);
    let parent = p
        .parent()
        .map(|d| d.to_string_lossy().replace('\\', "/"))
        .filter(|d| !d.is_empty())
        .map(|d| format!("{d}/"))
        .unwrap_or_default();
    let stem = p
        .file_stem()
        .map_or_else(|| "photo".into(), |s| s.to_string_lossy().into_owned());
    (format!("{base}{parent}"), stem)
}

fn problem(at: &At<'_>, src: &str, shown: &str, e: PhotoError) -> Diagnostic {
    match e {
        PhotoError::Missing => at.error(
            messages::photo_missing(src, shown),
            Some(messages::photo_missing_help()),
        ),
        PhotoError::Undecodable(why) => at.error(
            messages::photo_undecodable(shown, &why),
            Some(messages::photo_undecodable_help()),
        ),
        PhotoError::Io(why) => at.error(messages::photo_write_failed(shown, &why), None),
    }
}

/// A linked photo (`[ดูภาพ](garden.jpg)`) or a photo offered as a download: a
/// full-size copy with no metadata, from the cache. `None` when it cannot be made
/// (the caller reports the missing file as it does for any download).
pub(crate) fn stripped_copy(ctx: &Ctx<'_>, abs: &Path) -> Option<PathBuf> {
    images::stripped_copy(&ctx.root().join(images::CACHE_DIR), abs).ok()
}

/// One photo of a gallery list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    file: Spanned<String>,
    #[serde(default)]
    alt: String,
    #[serde(default)]
    caption: Option<String>,
}

/// The name of the list beside the photos for `{{ gallery(dir="…") }}`.
pub(super) const SIDECAR: &str = "gallery.yaml";

/// The photo list a gallery names and the folder its file names are relative to:
/// `src="a/photos.yaml"` → (`a/photos.yaml`, `a`), `dir="a"` → (`a/gallery.yaml`, `a`);
/// `None` unless exactly one of the two is given.
fn gallery_list(sc: &Shortcode) -> Option<(String, PathBuf)> {
    match (sc.arg("src"), sc.arg("dir")) {
        (Some(src), None) => Some((
            src.to_owned(),
            Path::new(src)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
        )),
        (None, Some(dir)) => {
            let dir = dir.trim_end_matches('/');
            Some((format!("{dir}/{SIDECAR}"), PathBuf::from(dir)))
        }
        _ => None,
    }
}

/// The photos in the folder of the list at `list` that the list does not name, by name.
fn unlisted_photos(list: &Path, items: &[Item]) -> Vec<String> {
    let listed: Vec<&str> = items.iter().map(|i| i.file.value.as_str()).collect();
    let folder = list.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| images::is_raster(&e.path()) || images::is_unsupported(&e.path()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !listed.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// A gallery's photo list, read and parsed.
struct PhotoList {
    abs: PathBuf,
    shown: PathBuf,
    text: Arc<SourceFile>,
    items: Vec<Item>,
}

/// Read the photo list at `list_rel` (as the page refers to it); problems are
/// reported at the shortcode (`at`) or in the list.
fn read_list(
    ctx: &Ctx<'_>,
    page: &Page,
    list_rel: &str,
    at: &At<'_>,
    res: &mut PageResult,
) -> Option<PhotoList> {
    let Some((abs, shown)) = resolve_file(ctx, page, list_rel) else {
        res.diags.push(at.error(
            messages::photo_outside(list_rel),
            Some(messages::gallery_help()),
        ));
        return None;
    };
    let text = match std::fs::read_to_string(&abs) {
        Ok(t) => Arc::new(SourceFile::new(&shown, t)),
        Err(e) => {
            res.diags.push(at.error(
                messages::gallery_read(&crate::diag::slash(&shown), &messages::io_reason(&e)),
                Some(messages::gallery_help()),
            ));
            return None;
        }
    };
    let items = crate::yaml::from_str::<Vec<Item>>(&text, 0..text.len(), &mut res.diags)?;
    Some(PhotoList {
        abs,
        shown,
        text,
        items,
    })
}

/// One gallery photo: its image, a link to its largest rendition, its caption.
fn figure(item: &Item, p: &Published) -> Option<String> {
    let (big, _, _) = p.largest()?;
    let caption = item
        .caption
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| format!("<figcaption>{}</figcaption>", escape(c.trim())))
        .unwrap_or_default();
    Some(format!(
        "<li><figure><a class=\"gallery-open\" href=\"{}\">{}<span class=\"visually-hidden\"> ({})</span></a>{caption}</figure></li>",
        escape(big),
        p.img(&item.alt, "", SIZES_GALLERY),
        messages::OPEN_LARGE_PHOTO
    ))
}

/// `{{ gallery(src="photos.yaml") }}` or `{{ gallery(dir="photos") }}`: a list of
/// figures, each photo a link to its largest rendition.
pub(crate) fn gallery(ctx: &Ctx<'_>, page: &Page, sc: &Shortcode, res: &mut PageResult) -> String {
    let text = page.text();
    let at = At {
        source: &text,
        span: Span::at(sc.at),
    };
    let Some((list_rel, base)) = gallery_list(sc) else {
        res.diags.push(at.error(
            messages::gallery_needs_one(&format!("{:?}", sc.args.keys().collect::<Vec<_>>())),
            Some(messages::gallery_help()),
        ));
        return String::new();
    };
    if !sc.block {
        res.diags.push(at.error(
            messages::gallery_not_block(),
            Some(messages::gallery_help()),
        ));
        return String::new();
    }
    let Some(list) = read_list(ctx, page, &list_rel, &at, res) else {
        return String::new();
    };
    let (abs, shown, items) = (&list.abs, &list.shown, &list.items);
    let mut problems = Vec::new();
    if let Some(dir) = sc.arg("dir") {
        // Every photo of the folder must be in the list, so that each has its alt text.
        let dir = dir.trim_end_matches('/');
        for n in unlisted_photos(abs, items) {
            problems.push(at.error(
                messages::gallery_no_alt(&format!("{dir}/{n}")),
                Some(messages::gallery_no_alt_help()),
            ));
        }
    }
    if items.is_empty() {
        problems.push(at.error(
            messages::gallery_empty(&crate::diag::slash(shown)),
            Some(messages::gallery_help()),
        ));
    }
    let figures = figures(ctx, page, &base, &list, &mut problems, res);
    for d in problems {
        res.diags.push(d);
    }
    if figures.is_empty() {
        return String::new();
    }
    format!(
        "<ul class=\"gallery\" role=\"list\">\n{}\n</ul>",
        figures.join("\n")
    )
}

/// The figures of a gallery's photos, each published (in parallel: a gallery of
/// 200 photos is one page); a photo without alt text is a problem.
fn figures(
    ctx: &Ctx<'_>,
    page: &Page,
    base: &Path,
    list: &PhotoList,
    problems: &mut Vec<Diagnostic>,
    res: &mut PageResult,
) -> Vec<String> {
    let (text, items) = (&list.text, &list.items);
    let published: Vec<(Option<Published>, crate::diag::Diagnostics)> = items
        .par_iter()
        .map(|item| {
            let mut local = PageResult::default();
            let at = At {
                source: text,
                span: text.yaml_span(&item.file.referenced, 0),
            };
            let p = publish(ctx, page, base, &item.file.value, &at, &mut local);
            (p, local.diags)
        })
        .collect();
    let mut figures = Vec::new();
    for (item, (p, diags)) in items.iter().zip(published) {
        res.diags.extend(diags);
        let item_at = At {
            source: text,
            span: text.yaml_span(&item.file.referenced, 0),
        };
        let file = item.file.value.as_str();
        if item.alt.trim().is_empty() {
            problems.push(item_at.error(
                messages::gallery_no_alt(file),
                Some(messages::gallery_no_alt_help()),
            ));
        }
        if let Some(figure) = p.as_ref().and_then(|p| figure(item, p)) {
            figures.push(figure);
        }
    }
    figures
}
