//! QR codes: a URL → an inline SVG for pages and print, or half-block text for a terminal.
//!
//! Both draw the module matrix of the `qrcode` crate (its renderers are compiled out):
//! error correction level M, the smallest version that fits, and a 4-module quiet zone
//! (SPEC §5, THAI.md "QR codes on paper").

use qrcode::bits::Bits;

use crate::markdown::escape;
use qrcode::types::{Color, QrError};
use qrcode::{EcLevel, QrCode, Version};

/// Width of the light border around the code, in modules (ISO/IEC 18004 asks for 4).
const QUIET_ZONE: usize = 4;

/// The module matrix of `data`, with the quiet zone added on every side.
struct Matrix {
    /// Modules per side, quiet zone included.
    size: usize,
    /// Row-major, `true` = dark.
    dark: Vec<bool>,
}

impl Matrix {
    fn encode(data: &str) -> Result<Self, crate::diag::Msg> {
        let code = smallest_code(data.as_bytes()).map_err(|err| describe_error(err, data))?;
        let width = code.width();
        let size = width + 2 * QUIET_ZONE;
        let mut dark = vec![false; size * size];
        for (i, color) in code.to_colors().into_iter().enumerate() {
            let (x, y) = (i % width, i / width);
            dark[(y + QUIET_ZONE) * size + x + QUIET_ZONE] = color == Color::Dark;
        }
        Ok(Self { size, dark })
    }

    /// Whether the module at (x, y) is dark; outside the matrix counts as light.
    fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }
}

/// The smaller of two encodings at level M: the whole payload in byte mode, and the
/// crate's mixed-mode segmentation. Byte mode wins ties and most URLs (the crate splits
/// digit runs into numeric segments whose headers cost more than they save: a 62-byte
/// URL needs version 5 that way, version 4 in byte mode); mixed mode wins on long
/// percent-encoded Thai, whose `%E0%B8%84` runs fit alphanumeric mode.
/// Byte mode, unless the crate's mixed-mode segmentation needs a smaller version.
/// Only the winning bit stream is laid out and masked: masking is the costly part.
fn smallest_code(data: &[u8]) -> Result<QrCode, QrError> {
    let byte_mode = (1..=40).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_byte_data(data).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        Some(bits)
    });
    let mixed = qrcode::bits::encode_auto(data, EcLevel::M);
    let bits = match (byte_mode, mixed) {
        (Some(bytes), Ok(mixed))
            if version_number(mixed.version()) < version_number(bytes.version()) =>
        {
            mixed
        }
        (Some(bytes), _) => bytes,
        (None, mixed) => mixed?,
    };
    QrCode::with_bits(bits, EcLevel::M)
}

fn version_number(v: Version) -> i16 {
    match v {
        Version::Normal(n) | Version::Micro(n) => n,
    }
}

fn describe_error(err: QrError, data: &str) -> crate::diag::Msg {
    match err {
        QrError::DataTooLong => crate::messages::qr_too_long(data.len()),
        other => crate::messages::qr_failed(&other.to_string()),
    }
}

/// Inline SVG for `data` (valid in HTML5: no XML prolog, no DOCTYPE), black on white.
///
/// The `viewBox` is in modules, quiet zone included; no `width`/`height`, so the
/// CSS class `qr` sizes it. All dark modules are one `<path>` of horizontal runs.
/// `label` becomes the accessible name (`role="img"`, `aria-label` and `<title>`).
///
/// # Errors
/// A message when `data` does not fit in a QR code (over 2331 bytes).
pub fn svg(data: &str, label: &str) -> Result<String, crate::diag::Msg> {
    let matrix = Matrix::encode(data)?;
    let n = matrix.size;
    let label = escape(label);
    let mut out = format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
         shape-rendering=\"crispEdges\" style=\"--qr-modules:{n}\" role=\"img\" aria-label=\"{label}\">\
         <title>{label}</title>\
         <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !matrix.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while matrix.is_dark(x, y) {
                x += 1;
            }
            let len = x - start;
            out.push_str(&format!("M{start} {y}h{len}v1h-{len}z"));
        }
    }
    out.push_str("\"/></svg>");
    Ok(out)
}

/// Sets black text on a bright white background, so the code is dark-on-light
/// whatever the terminal's own colours are (phones scan it from a dark terminal too).
const ANSI_BLACK_ON_WHITE: &str = "\x1b[30;107m";
const ANSI_RESET: &str = "\x1b[0m";

/// The same code as terminal text: two module rows per line with Unicode half blocks
/// (`▀`, `▄`, `█`, space), quiet zone included, each line wrapped in ANSI colours
/// (black on bright white, reset before the newline).
///
/// # Errors
/// A message when `data` does not fit in a QR code.
pub fn terminal(data: &str) -> Result<String, crate::diag::Msg> {
    let matrix = Matrix::encode(data)?;
    let n = matrix.size;
    let mut out = String::with_capacity((n + 12) * n.div_ceil(2) * 3);
    for y in (0..n).step_by(2) {
        out.push_str(ANSI_BLACK_ON_WHITE);
        for x in 0..n {
            out.push(match (matrix.is_dark(x, y), matrix.is_dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push_str(ANSI_RESET);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rasterizes an SVG (white page) at `scale` pixels per viewBox unit and decodes
    /// every QR code in it: (payload, version).
    fn decode_svg(svg: &str, scale: f32) -> Vec<(String, usize)> {
        let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
            .expect("the SVG parses");
        let size = tree.size();
        let (w, h) = (
            (size.width() * scale).ceil() as u32,
            (size.height() * scale).ceil() as u32,
        );
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("non-empty pixmap");
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let pixels = pixmap.pixels();
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
                let p = pixels[y * w as usize + x].demultiply();
                ((u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue())) / 3) as u8
            });
        image
            .detect_grids()
            .into_iter()
            .map(|grid| {
                let (meta, text) = grid.decode().expect("the QR code decodes");
                (text, meta.version.0)
            })
            .collect()
    }

    fn view_box_size(svg: &str) -> usize {
        let rest = &svg[svg.find("viewBox=\"0 0 ").expect("has a viewBox") + 13..];
        let end = rest.find(' ').expect("viewBox has 4 numbers");
        rest[..end].parse().expect("viewBox width is an integer")
    }

    const URL_62: &str = "https://lopburi.cdd.go.th/minutes/2563/05/files/order-2132.pdf";

    #[test]
    fn svg_decodes_back_to_its_data() {
        let thai = format!(
            "https://lopburi.cdd.go.th/minutes/2563/05/files/{}.pdf",
            "%E0%B8%84%E0%B8%B3%E0%B8%AA%E0%B8%B1%E0%B9%88%E0%B8%87%20%E0%B8%97%E0%B8%B5%E0%B9%88%202132"
        );
        for data in [
            "https://lopburi.cdd.go.th/",
            URL_62,
            thai.as_str(),
            "http://192.168.1.20:1111/",
            "ข้อความไทย ไม่ใช่ URL",
            LONG_THAI_URL,
        ] {
            let svg = svg(data, "QR").expect("fits");
            for scale in [3.0, 8.0] {
                let decoded = decode_svg(&svg, scale);
                assert_eq!(decoded.len(), 1, "one code found in {data} at {scale}");
                assert_eq!(decoded[0].0, data, "at scale {scale}");
            }
        }
    }

    /// A 482-byte URL of a Thai file name: mixed mode (alphanumeric `%E0%B8%84` runs)
    /// needs version 16 where byte mode needs 17.
    const LONG_THAI_URL: &str = "https://lopburi.cdd.go.th/minutes/2563/05/files/%E0%B8%84%E0%B8%B3%E0%B8%AA%E0%B8%B1%E0%B9%88%E0%B8%87%E0%B8%88%E0%B8%B1%E0%B8%87%E0%B8%AB%E0%B8%A7%E0%B8%B1%E0%B8%94%E0%B8%A5%E0%B8%9E%E0%B8%9A%E0%B8%B8%E0%B8%A3%E0%B8%B5%20%E0%B8%97%E0%B8%B5%E0%B9%88%202132%20%E0%B9%80%E0%B8%A3%E0%B8%B7%E0%B9%88%E0%B8%AD%E0%B8%87%20%E0%B9%81%E0%B8%95%E0%B9%88%E0%B8%87%E0%B8%95%E0%B8%B1%E0%B9%89%E0%B8%87%E0%B8%84%E0%B8%93%E0%B8%B0%E0%B8%81%E0%B8%A3%E0%B8%A3%E0%B8%A1%E0%B8%81%E0%B8%B2%E0%B8%A3.pdf";

    #[test]
    fn the_smaller_of_byte_and_mixed_mode_is_used() {
        // Byte mode would need version 17 (85 modules); mixed fits version 16 (81).
        assert_eq!(
            smallest_code(LONG_THAI_URL.as_bytes())
                .expect("fits")
                .width(),
            81
        );
        // Mixed mode would need version 5 for the 62-byte URL; byte mode fits version 4.
        assert_eq!(smallest_code(URL_62.as_bytes()).expect("fits").width(), 33);
    }

    #[test]
    fn a_62_byte_url_fits_version_4_at_level_m() {
        assert_eq!(URL_62.len(), 62);
        let svg = svg(URL_62, "QR").expect("fits");
        let decoded = decode_svg(&svg, 4.0);
        assert!(decoded[0].1 <= 4, "version {}", decoded[0].1);
        // Version v is 17 + 4v modules wide.
        assert!(view_box_size(&svg) <= 17 + 4 * 4 + 2 * QUIET_ZONE);
    }

    #[test]
    fn quiet_zone_is_four_light_modules_on_every_side() {
        for data in ["https://lopburi.cdd.go.th/", URL_62] {
            let code = smallest_code(data.as_bytes()).expect("fits");
            let svg = svg(data, "QR").expect("fits");
            assert_eq!(view_box_size(&svg), code.width() + 8);
            let matrix = Matrix::encode(data).expect("fits");
            let n = matrix.size;
            for i in 0..n {
                for d in 0..QUIET_ZONE {
                    for (x, y) in [(i, d), (i, n - 1 - d), (d, i), (n - 1 - d, i)] {
                        assert!(!matrix.is_dark(x, y), "dark module at ({x}, {y})");
                    }
                }
            }
            // The finder pattern's corner is the first dark module.
            assert!(matrix.is_dark(QUIET_ZONE, QUIET_ZONE));
        }
    }

    #[test]
    fn svg_is_inline_html_with_an_accessible_name() {
        let svg = svg("https://lopburi.cdd.go.th/", "คำสั่ง <ที่> \"๒๑๓๒\" & 'ก'").expect("fits");
        assert!(svg.starts_with("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml") && !svg.contains("<!DOCTYPE"));
        let root = &svg[..svg.find('>').expect("a start tag")];
        assert!(
            !root.contains("width=") && !root.contains("height="),
            "{root}"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        let label = "คำสั่ง &lt;ที่&gt; &quot;๒๑๓๒&quot; &amp; &#39;ก&#39;";
        assert!(svg.contains(&format!("<title>{label}</title>")), "{svg}");
        assert!(svg.contains(&format!("aria-label=\"{label}\"")));
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(svg.contains("<rect width=\"33\" height=\"33\" fill=\"#fff\"/>"));
    }

    #[test]
    fn too_long_data_is_an_error_not_a_panic() {
        let long = "a".repeat(3000);
        let err = svg(&long, "x").expect_err("too long");
        assert!(err.contains("3000 bytes"), "{err}");
        assert!(terminal(&long).is_err());
        assert!(svg("", "empty").is_ok());
    }

    /// Reads the terminal text back into modules and checks it against the matrix.
    #[test]
    fn terminal_text_holds_the_same_modules() {
        for data in ["https://lopburi.cdd.go.th/", URL_62] {
            let text = terminal(data).expect("fits");
            let matrix = Matrix::encode(data).expect("fits");
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), matrix.size.div_ceil(2));
            for (row, line) in lines.iter().enumerate() {
                let body = line
                    .strip_prefix(ANSI_BLACK_ON_WHITE)
                    .and_then(|l| l.strip_suffix(ANSI_RESET))
                    .expect("each line is wrapped in colours");
                let cells: Vec<char> = body.chars().collect();
                assert_eq!(cells.len(), matrix.size);
                for (x, cell) in cells.into_iter().enumerate() {
                    let (top, bottom) = match cell {
                        '█' => (true, true),
                        '▀' => (true, false),
                        '▄' => (false, true),
                        ' ' => (false, false),
                        other => panic!("unexpected {other:?}"),
                    };
                    assert_eq!(top, matrix.is_dark(x, 2 * row));
                    assert_eq!(bottom, matrix.is_dark(x, 2 * row + 1));
                }
            }
            // The quiet zone: the first two lines are all light.
            assert!(lines[0].contains(&" ".repeat(matrix.size)));
            assert!(lines[1].contains(&" ".repeat(matrix.size)));
        }
    }
}
