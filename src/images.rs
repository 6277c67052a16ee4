//! The asset stage for photos from `content/`: a source image becomes JPEG
//! renditions at a few widths (never wider than the photo), turned upright by its
//! EXIF orientation. Every published image is re-encoded from pixels, so no EXIF,
//! XMP or IPTC (GPS position, camera serial, owner) survives. Results are cached by
//! content hash in `<root>/.wara-cache/images/`, so an unchanged photo is decoded
//! once, ever; the cache is wara's own and safe to delete.
//!
//! Why JPEG only: the `image` crate's WebP encoder is lossless-only, which makes
//! photos larger than a quality-80 JPEG; a `<picture>` with such a WebP source
//! would cost readers bandwidth.

use std::fs;
use std::io::{BufReader, Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{DynamicImage, ImageFormat, ImageReader, RgbImage};
use sha2::{Digest, Sha256};

/// Extensions wara re-encodes (and so strips).
pub(crate) const RASTER: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// Image types that can carry metadata and that wara cannot re-encode: never published.
pub(crate) const UNSUPPORTED: &[&str] =
    &["gif", "tif", "tiff", "heic", "heif", "avif", "bmp", "jxl"];

/// JPEG quality of the renditions.
pub(crate) const QUALITY: u8 = 80;
/// JPEG quality of a full-size stripped copy (a photo linked to directly).
const FULL_QUALITY: u8 = 90;
/// Bump when the output of `process` changes, so old cache entries are not reused.
const CACHE_VERSION: &str = "wara-photo-2";

/// The folder, under the site root, where processed images are kept between builds.
pub(crate) const CACHE_DIR: &str = ".wara-cache/images";

static DECODED: AtomicUsize = AtomicUsize::new(0);

/// How many photos this process has decoded (`WARA_TIMINGS=1` prints it per build).
pub(crate) fn decoded() -> usize {
    DECODED.load(Ordering::Relaxed)
}

/// The lower-case extension of a path.
pub(crate) fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

pub(crate) fn is_raster(p: &Path) -> bool {
    RASTER.contains(&extension(p).as_str())
}

pub(crate) fn is_unsupported(p: &Path) -> bool {
    UNSUPPORTED.contains(&extension(p).as_str())
}

/// Why a photo could not be used.
#[derive(Debug)]
pub(crate) enum PhotoError {
    /// No such file.
    Missing,
    /// The file is there but is not an image wara can decode (the decoder's reason).
    Undecodable(String),
    /// Reading the source or writing the cache failed.
    Io(String),
}

/// One published size of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendition {
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The encoded JPEG, in the cache.
    pub(crate) file: PathBuf,
}

/// A photo's header: its stored size (before orientation) and its file size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) bytes: u64,
}

/// Read a photo's size from its header only, without decoding it (`wara check`).
pub(crate) fn inspect(src: &Path) -> Result<Header, PhotoError> {
    let meta = fs::metadata(src).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PhotoError::Missing,
        _ => PhotoError::Io(e.to_string()),
    })?;
    if !meta.is_file() {
        return Err(PhotoError::Missing);
    }
    let reader = ImageReader::open(src)
        .map_err(|e| PhotoError::Io(e.to_string()))?
        .with_guessed_format()
        .map_err(|e| PhotoError::Io(e.to_string()))?;
    if reader.format().is_none() {
        return Err(PhotoError::Undecodable(
            "unknown file type (not JPEG, PNG or WebP)".into(),
        ));
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    Ok(Header {
        width,
        height,
        bytes: meta.len(),
    })
}

/// The widths to publish for a photo `width` pixels wide: the configured ones
/// below it, plus the photo's own width when it is narrower than the largest.
pub(crate) fn plan_widths(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w > 0 && *w < width)
        .collect();
    if configured.iter().any(|w| *w >= width) {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Process `src` into JPEG renditions at `widths` (see `plan_widths`), from the
/// cache when this content was processed before. Returns them narrowest first.
pub(crate) fn renditions(
    cache_root: &Path,
    src: &Path,
    widths: &[u32],
) -> Result<Vec<Rendition>, PhotoError> {
    let mut key = format!("{CACHE_VERSION}\nq{QUALITY}\n");
    for w in widths {
        key.push_str(&format!("{w},"));
    }
    // `serve` rebuilds in the same process: a file not touched since it was hashed
    // is not read again.
    let stamp = stamp(src, &key);
    if let Some(dir) = stamp
        .as_ref()
        .and_then(|s| memo().lock().ok()?.get(s).cloned())
        && let Some(found) = read_manifest(&cache_root.join(dir))
    {
        return Ok(found);
    }
    let bytes = read_source(src)?;
    let name = hash(&key, &bytes);
    let dir = cache_root.join(&name);
    let remember = |found: Vec<Rendition>| {
        if let (Some(s), Ok(mut m)) = (stamp.clone(), memo().lock()) {
            m.insert(s, name.clone());
        }
        found
    };
    if let Some(found) = read_manifest(&dir) {
        return Ok(remember(found));
    }
    let (img, orientation) = decode_stored(&bytes)?;
    // Resized as stored, turned upright once small: turning a 12-megapixel photo costs
    // more than turning its renditions.
    let turned = orientation.is_some_and(|o| {
        use image::metadata::Orientation as O;
        matches!(
            o,
            O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
        )
    });
    let (upright_w, upright_h) = if turned {
        (img.height(), img.width())
    } else {
        (img.width(), img.height())
    };
    let planned = plan_widths(upright_w, widths);
    let mut files = Vec::new();
    let mut manifest = String::new();
    // Each size is made from the next larger one: fast, and sharp enough (the
    // triangle filter widens with the scale, so every source pixel counts).
    let mut current = img;
    for &w in planned.iter().rev() {
        let h = scaled_height(upright_w, upright_h, w);
        let (sw, sh) = if turned { (h, w) } else { (w, h) };
        if sw < current.width() || sh < current.height() {
            current = current.resize_exact(sw, sh, image::imageops::FilterType::Triangle);
        }
        let mut upright = current.clone();
        if let Some(o) = orientation {
            upright.apply_orientation(o);
        }
        let jpeg = encode_jpeg(&upright, QUALITY)?;
        let name = format!("{w}.jpg");
        manifest.push_str(&format!(
            "{name} {} {}\n",
            upright.width(),
            upright.height()
        ));
        files.push((name, jpeg));
    }
    store(&dir, &files, &manifest)?;
    read_manifest(&dir)
        .map(remember)
        .ok_or_else(|| PhotoError::Io("the image cache could not be read back".into()))
}

/// A full-size, upright copy of `src` in its own format with no metadata: what
/// wara publishes when a page links to the photo itself or offers it as a download.
pub(crate) fn stripped_copy(cache_root: &Path, src: &Path) -> Result<PathBuf, PhotoError> {
    let bytes = read_source(src)?;
    let ext = extension(src);
    let key = format!("{CACHE_VERSION}\nfull\n{ext}\n");
    let dir = cache_root.join(hash(&key, &bytes));
    let name = format!("full.{ext}");
    if dir.join(".done").is_file() && dir.join(&name).is_file() {
        return Ok(dir.join(name));
    }
    let img = decode(&bytes)?;
    let encoded = match ext.as_str() {
        "png" => encode_as(&img, ImageFormat::Png)?,
        "webp" => encode_as(&DynamicImage::ImageRgba8(img.to_rgba8()), ImageFormat::WebP)?,
        _ => encode_jpeg(&img, FULL_QUALITY)?,
    };
    store(&dir, &[(name.clone(), encoded)], "")?;
    Ok(dir.join(name))
}

/// A source file as last seen: path, size, modification time and the processing key.
type Stamp = (PathBuf, u64, std::time::SystemTime, String);

fn stamp(src: &Path, key: &str) -> Option<Stamp> {
    let m = fs::metadata(src).ok()?;
    Some((
        src.to_path_buf(),
        m.len(),
        m.modified().ok()?,
        key.to_owned(),
    ))
}

/// Cache entries by the stamp of their source, for this process only.
fn memo() -> &'static std::sync::Mutex<std::collections::HashMap<Stamp, String>> {
    static MEMO: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<Stamp, String>>> =
        std::sync::OnceLock::new();
    MEMO.get_or_init(Default::default)
}

fn read_source(src: &Path) -> Result<Vec<u8>, PhotoError> {
    fs::read(src).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PhotoError::Missing,
        std::io::ErrorKind::IsADirectory => PhotoError::Missing,
        _ => PhotoError::Io(e.to_string()),
    })
}

fn hash(key: &str, bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(key.as_bytes());
    h.update(bytes);
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn scaled_height(w0: u32, h0: u32, w: u32) -> u32 {
    let h = (u64::from(h0) * u64::from(w) + u64::from(w0) / 2) / u64::from(w0.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// Decode a photo and turn it upright by its EXIF orientation (counted).
fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    let (mut img, orientation) = decode_stored(bytes)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// Decode a photo as stored (counted), with the EXIF orientation that turns it upright.
fn decode_stored(
    bytes: &[u8],
) -> Result<(DynamicImage, Option<image::metadata::Orientation>), PhotoError> {
    DECODED.fetch_add(1, Ordering::Relaxed);
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    if reader.format().is_none() {
        return Err(PhotoError::Undecodable(
            "unknown file type (not JPEG, PNG or WebP)".into(),
        ));
    }
    // `image`'s default limits (512 MiB per allocation) refuse decompression bombs.
    let img = reader
        .decode()
        .map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    let o = orientation(bytes).and_then(image::metadata::Orientation::from_exif);
    Ok((img, o))
}

/// The EXIF orientation (1–8) of a JPEG, PNG or WebP, if it has one.
pub(crate) fn orientation(bytes: &[u8]) -> Option<u8> {
    let exif = exif::Reader::new()
        .read_from_container(&mut BufReader::new(Cursor::new(bytes)))
        .ok()?;
    let field = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?;
    field.value.get_uint(0).and_then(|v| u8::try_from(v).ok())
}

/// Pixels only: transparent areas are laid on white (JPEG has no alpha).
fn to_rgb(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&to_rgb(img))
        .map_err(|e| PhotoError::Io(e.to_string()))?;
    Ok(out)
}

fn encode_as(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, PhotoError> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format)
        .map_err(|e| PhotoError::Io(e.to_string()))?;
    Ok(out.into_inner())
}

/// Write a cache entry whole: into a temporary folder, then renamed into place, so
/// a build stopped halfway never leaves a half-written entry.
fn store(dir: &Path, files: &[(String, Vec<u8>)], manifest: &str) -> Result<(), PhotoError> {
    let io = |e: std::io::Error| PhotoError::Io(format!("{}: {e}", dir.display()));
    let parent = dir.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io)?;
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let tmp = parent.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&tmp).map_err(io)?;
    for (name, bytes) in files {
        fs::write(tmp.join(name), bytes).map_err(io)?;
    }
    let mut done = fs::File::create(tmp.join(".done")).map_err(io)?;
    done.write_all(manifest.as_bytes()).map_err(io)?;
    drop(done);
    if fs::rename(&tmp, dir).is_err() {
        // Another build (or page) stored the same entry first; theirs is as good.
        let _ = fs::remove_dir_all(&tmp);
        if !dir.join(".done").is_file() {
            return Err(PhotoError::Io(format!(
                "cannot store `{}` in the image cache",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// The renditions of a complete cache entry (`.done` lists `480.jpg 480 360`).
fn read_manifest(dir: &Path) -> Option<Vec<Rendition>> {
    let text = fs::read_to_string(dir.join(".done")).ok()?;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut parts = line.split(' ');
        let name = parts.next()?;
        let width = parts.next()?.parse().ok()?;
        let height = parts.next()?.parse().ok()?;
        let file = dir.join(name);
        if !file.is_file() {
            return None;
        }
        out.push(Rendition {
            width,
            height,
            file,
        });
    }
    out.sort_by_key(|r| r.width);
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::photos::{assert_no_metadata, gps_jpeg, jpeg_segments};

    #[test]
    fn the_fixture_really_carries_gps_and_orientation() {
        let bytes = gps_jpeg(40, 30, 6);
        assert_eq!(orientation(&bytes), Some(6));
        let exif = exif::Reader::new()
            .read_from_container(&mut BufReader::new(Cursor::new(&bytes)))
            .expect("exif");
        assert!(
            exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
                .is_some()
        );
        // And the checker sees it: an APP1 (Exif) and another APP1 (XMP) before the data.
        let (markers, _) = jpeg_segments(&bytes);
        assert_eq!(&markers[..3], &[0xE1, 0xE1, 0xE0]);
    }

    #[test]
    fn a_sideways_gps_photo_comes_out_upright_resized_and_bare() {
        let dir = tempfile::tempdir().expect("tmp");
        let src = dir.path().join("garden.jpg");
        // Stored 400×300 with orientation 6 (rotate 90° clockwise): upright 300×400.
        fs::write(&src, gps_jpeg(400, 300, 6)).expect("write");
        let cache = dir.path().join("cache");
        let r = renditions(&cache, &src, &[120, 240, 1600]).expect("process");
        let sizes: Vec<(u32, u32)> = r.iter().map(|r| (r.width, r.height)).collect();
        assert_eq!(sizes, vec![(120, 160), (240, 320), (300, 400)]);
        for rend in &r {
            let bytes = fs::read(&rend.file).expect("read");
            assert_no_metadata(&bytes, &rend.file.display().to_string());
            let img = image::load_from_memory(&bytes).expect("decode");
            assert_eq!((img.width(), img.height()), (rend.width, rend.height));
            // The dark block, top-left when stored, is top-right once upright.
            let rgb = img.to_rgb8();
            let w = img.width();
            assert!(
                rgb.get_pixel(w - 3, 3).0[0] < 60,
                "{:?}",
                rgb.get_pixel(w - 3, 3)
            );
            assert!(rgb.get_pixel(2, 2).0[0] > 150);
        }
        let full = stripped_copy(&cache, &src).expect("full");
        let bytes = fs::read(&full).expect("read");
        assert_no_metadata(&bytes, "full copy");
        let img = image::load_from_memory(&bytes).expect("decode");
        assert_eq!((img.width(), img.height()), (300, 400));
    }

    #[test]
    fn the_second_time_nothing_is_decoded() {
        let dir = tempfile::tempdir().expect("tmp");
        let src = dir.path().join("a.jpg");
        fs::write(&src, gps_jpeg(64, 48, 1)).expect("write");
        let cache = dir.path().join("cache");
        let first = renditions(&cache, &src, &[32]).expect("first");
        // Other tests decode in parallel: count only through the cache's own evidence.
        let stamp = fs::metadata(&first[0].file)
            .and_then(|m| m.modified())
            .expect("mtime");
        let again = renditions(&cache, &src, &[32]).expect("again");
        assert_eq!(first, again);
        assert_eq!(
            fs::metadata(&again[0].file)
                .and_then(|m| m.modified())
                .expect("m"),
            stamp
        );
        // A changed photo gets a new entry.
        fs::write(&src, gps_jpeg(64, 48, 3)).expect("write");
        let changed = renditions(&cache, &src, &[32]).expect("changed");
        assert_ne!(changed[0].file, first[0].file);
    }

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(plan_widths(4000, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(plan_widths(1200, &[480, 960, 1600]), vec![480, 960, 1200]);
        assert_eq!(plan_widths(300, &[480, 960, 1600]), vec![300]);
        assert_eq!(plan_widths(960, &[480, 960]), vec![480, 960]);
    }

    #[test]
    fn not_an_image_is_undecodable_and_headers_need_no_decoding() {
        let dir = tempfile::tempdir().expect("tmp");
        let bad = dir.path().join("bad.jpg");
        fs::write(&bad, "not a photo at all").expect("write");
        assert!(matches!(inspect(&bad), Err(PhotoError::Undecodable(_))));
        assert!(matches!(
            renditions(dir.path(), &bad, &[480]),
            Err(PhotoError::Undecodable(_))
        ));
        assert!(matches!(
            inspect(&dir.path().join("none.jpg")),
            Err(PhotoError::Missing)
        ));
        let good = dir.path().join("good.jpg");
        fs::write(&good, gps_jpeg(80, 60, 6)).expect("write");
        let h = inspect(&good).expect("header");
        assert_eq!((h.width, h.height), (80, 60));
    }
}
