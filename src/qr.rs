//! QR codes: a URL → an inline SVG for pages and print, or half-block text for a terminal.
//!
//! Error correction level M, the smallest version that fits, and a 4-module quiet zone
//! (SPEC §5, THAI.md "QR codes on paper"). The `qrcode` crate makes the bit stream, the
//! error correction codewords and the unmasked module layout; the mask is chosen here.
//! The crate scores the eight masks one module at a time (59 % of a build of minutes
//! pages went there); `layout` scores the same ISO/IEC 18004 penalties, computed the
//! same way as the crate (so it picks the same mask), over rows of packed bits: 64
//! modules per word operation, rows and columns alike (the columns are a transposed copy).
//!
//! Each distinct text is encoded once per process (`cached`): the page, its `qr`
//! shortcodes and `wara serve`'s rebuilds share one matrix.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, Module};
use qrcode::types::{Color, QrError};
use qrcode::{EcLevel, Version};

use crate::markdown::escape;

/// Width of the light border around the code, in modules (ISO/IEC 18004 asks for 4).
const QUIET_ZONE: usize = 4;

/// The module matrix of one text: the code's modules, packed 64 to a word.
struct Matrix {
    /// Modules per side, quiet zone included.
    size: usize,
    /// Modules per side of the code itself (17 + 4 × version).
    width: usize,
    /// Words per packed row.
    words: usize,
    /// Row-major, `words` per row: bit `x % 64` of word `y * words + x / 64` is module
    /// (x, y), 1 = dark. Bits past `width` are 0.
    rows: Box<[u64]>,
    /// The version (1–40), for tests.
    #[cfg_attr(not(test), allow(dead_code))]
    version: u8,
    /// The mask pattern (0–7), for tests.
    #[cfg_attr(not(test), allow(dead_code))]
    mask: u8,
}

impl Matrix {
    fn encode(data: &str) -> Result<Self, crate::diag::Msg> {
        let bits = smallest_bits(data.as_bytes()).map_err(|err| describe_error(err, data))?;
        place(bits).map_err(|err| describe_error(err, data))
    }

    /// Whether the module at (x, y) is dark, quiet zone included; outside counts as light.
    fn is_dark(&self, x: usize, y: usize) -> bool {
        let (Some(x), Some(y)) = (x.checked_sub(QUIET_ZONE), y.checked_sub(QUIET_ZONE)) else {
            return false;
        };
        x < self.width && y < self.width && self.rows[y * self.words + x / 64] >> (x % 64) & 1 == 1
    }
}

/// Codes made so far in this process, by text, up to [`CACHE_LIMIT`] bytes.
struct Cache {
    map: HashMap<String, Arc<Matrix>>,
    bytes: usize,
}

/// About 160,000 codes of version 4 (the page URLs); past it the cache starts over.
const CACHE_LIMIT: usize = 64 << 20;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| {
    Mutex::new(Cache {
        map: HashMap::new(),
        bytes: 0,
    })
});

fn cache() -> MutexGuard<'static, Cache> {
    // A panic elsewhere while the lock was held leaves the map whole: keep using it.
    CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The matrix of `data`, encoded on its first request only. The lock is not held while
/// encoding, so two threads may both encode a text the first time; one result is kept.
fn cached(data: &str) -> Result<Arc<Matrix>, crate::diag::Msg> {
    if let Some(matrix) = cache().map.get(data) {
        return Ok(Arc::clone(matrix));
    }
    let matrix = Arc::new(Matrix::encode(data)?);
    cache().insert(data, Arc::clone(&matrix), CACHE_LIMIT);
    Ok(matrix)
}

impl Cache {
    /// Keeps `matrix` for `data`, starting over first when it would pass `limit` bytes.
    fn insert(&mut self, data: &str, matrix: Arc<Matrix>, limit: usize) {
        if self.map.contains_key(data) {
            return;
        }
        let cost = data.len() + 8 * matrix.rows.len() + 96;
        if self.bytes + cost > limit {
            self.map.clear();
            self.bytes = 0;
        }
        self.bytes += cost;
        self.map.insert(data.to_owned(), matrix);
    }
}

/// Empties the cache: after a build's pages (their codes are not asked for again), and so
/// that a benchmark measures encoding rather than look-ups.
pub(crate) fn clear_cache() {
    let mut cache = cache();
    cache.map.clear();
    cache.bytes = 0;
}

/// The smaller of two encodings at level M: the whole payload in byte mode, and the
/// crate's mixed-mode segmentation. Byte mode wins ties and most URLs (the crate splits
/// digit runs into numeric segments whose headers cost more than they save: a 62-byte
/// URL needs version 5 that way, version 4 in byte mode); mixed mode wins on long
/// percent-encoded Thai, whose `%E0%B8%84` runs fit alphanumeric mode.
fn smallest_bits(data: &[u8]) -> Result<Bits, QrError> {
    let byte_mode = (1..=40).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_byte_data(data).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        Some(bits)
    });
    let mixed = qrcode::bits::encode_auto(data, EcLevel::M);
    match (byte_mode, mixed) {
        (Some(bytes), Ok(mixed))
            if version_number(mixed.version()) < version_number(bytes.version()) =>
        {
            Ok(mixed)
        }
        (Some(bytes), _) => Ok(bytes),
        (None, mixed) => mixed,
    }
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

/// Lays out `bits` (a normal QR version) at level M with the best mask.
fn place(bits: Bits) -> Result<Matrix, QrError> {
    let version = bits.version();
    let Version::Normal(number @ 1..=40) = version else {
        return Err(QrError::InvalidVersion);
    };
    let data = bits.into_bytes();
    let (data, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = 17 + 4 * number as usize;
    let (mask, rows) = match width.div_ceil(64) {
        1 => layout::<1>(&canvas, width),
        2 => layout::<2>(&canvas, width),
        _ => layout::<3>(&canvas, width),
    };
    Ok(Matrix {
        size: width + 2 * QUIET_ZONE,
        width,
        words: width.div_ceil(64),
        rows,
        version: number as u8,
        mask,
    })
}

/// One row (or column) of modules, `N` words, bit `x % 64` of word `x / 64` = module x.
type Row<const N: usize> = [u64; N];

/// Bit x of the result is bit x + k of `r` (`fill` past the end), 0 < k < 64.
fn ahead<const N: usize>(r: &Row<N>, k: u32, fill: u64) -> Row<N> {
    std::array::from_fn(|i| {
        let next = if i + 1 < N { r[i + 1] } else { fill };
        r[i] >> k | next << (64 - k)
    })
}

/// Bit x of the result is bit x − k of `r` (`fill` before the start), 0 < k < 64.
fn behind<const N: usize>(r: &Row<N>, k: u32, fill: u64) -> Row<N> {
    std::array::from_fn(|i| {
        let prev = if i > 0 { r[i - 1] } else { fill };
        r[i] << k | prev >> (64 - k)
    })
}

fn and<const N: usize>(a: Row<N>, b: Row<N>) -> Row<N> {
    std::array::from_fn(|i| a[i] & b[i])
}

fn ones<const N: usize>(r: &Row<N>) -> u32 {
    r.iter().map(|w| w.count_ones()).sum()
}

/// Bits 0..count set.
fn low_bits<const N: usize>(count: usize) -> Row<N> {
    std::array::from_fn(|i| {
        let below = count.saturating_sub(64 * i);
        if below >= 64 { !0 } else { (1 << below) - 1 }
    })
}

/// Bit x is set where modules x and x + 1 have the same colour (for x + 1 < width:
/// callers mask the rest).
fn same_as_next<const N: usize>(r: &Row<N>) -> Row<N> {
    let next = ahead(r, 1, 0);
    std::array::from_fn(|i| !(r[i] ^ next[i]))
}

/// Penalty N1 of one line: each run of 5 + k modules of one colour scores 3 + k.
/// Counted as the windows of 5 equal modules (1 + k per run) plus 2 for each such window
/// that starts a run. `five` = bits 0..=width−5.
fn run_penalty<const N: usize>(r: &Row<N>, same: &Row<N>, five: &Row<N>) -> u32 {
    let window = and(
        and(*same, ahead(same, 1, 0)),
        and(and(ahead(same, 2, 0), ahead(same, 3, 0)), *five),
    );
    let prev = behind(r, 1, 0);
    let starts: Row<N> = std::array::from_fn(|i| window[i] & (r[i] ^ prev[i] | u64::from(i == 0)));
    ones(&window) + 2 * ones(&starts)
}

/// Penalty N3 of one line, as a count: dark-light-dark-dark-dark-light-dark with four
/// light modules (or the edge) before it or after it. The three finder patterns add 9
/// per direction to every mask alike (the crate subtracts them; the choice is the same).
fn finder_count<const N: usize>(r: &Row<N>) -> u32 {
    // Light, the modules past the width included (bits past it are 0 in `r`).
    let light: Row<N> = std::array::from_fn(|i| !r[i]);
    let pattern = and(
        and(
            and(*r, ahead(&light, 1, !0)),
            and(ahead(r, 2, 0), ahead(r, 3, 0)),
        ),
        and(and(ahead(r, 4, 0), ahead(&light, 5, !0)), ahead(r, 6, 0)),
    );
    let before = and(
        and(behind(&light, 1, !0), behind(&light, 2, !0)),
        and(behind(&light, 3, !0), behind(&light, 4, !0)),
    );
    let after = and(
        and(ahead(&light, 7, !0), ahead(&light, 8, !0)),
        and(ahead(&light, 9, !0), ahead(&light, 10, !0)),
    );
    let quiet: Row<N> = std::array::from_fn(|i| before[i] | after[i]);
    ones(&and(pattern, quiet))
}

/// The four penalties of ISO/IEC 18004 §7.8.3, as the `qrcode` crate computes them.
#[derive(Debug, PartialEq, Eq)]
struct Penalty {
    /// N1, rows and columns.
    runs: (u32, u32),
    /// N2: 3 for each 2×2 block of one colour (overlapping).
    blocks: u32,
    /// N3 counts (40 each), rows and columns, the finder patterns' own 9 + 9 included.
    finders: (u32, u32),
    /// N4: the distance of 200 × dark / all from 100 (the crate does not round to 5 %).
    balance: u32,
}

impl Penalty {
    fn total(&self) -> u32 {
        self.runs.0
            + self.runs.1
            + self.blocks
            + 40 * (self.finders.0 + self.finders.1)
            + self.balance
    }
}

fn penalty<const N: usize>(rows: &[Row<N>], cols: &[Row<N>], width: usize) -> Penalty {
    let five = low_bits::<N>(width.saturating_sub(4));
    let pairs = low_bits::<N>(width.saturating_sub(1));
    let mut p = Penalty {
        runs: (0, 0),
        blocks: 0,
        finders: (0, 0),
        balance: 0,
    };
    let mut dark = 0;
    let mut above: Option<(&Row<N>, Row<N>)> = None;
    for r in rows {
        let same = same_as_next(r);
        p.runs.0 += run_penalty(r, &same, &five);
        p.finders.0 += finder_count(r);
        dark += ones(r);
        if let Some((a, a_same)) = above {
            let block: Row<N> =
                std::array::from_fn(|i| same[i] & a_same[i] & !(r[i] ^ a[i]) & pairs[i]);
            p.blocks += 3 * ones(&block);
        }
        above = Some((r, same));
    }
    for c in cols {
        p.runs.1 += run_penalty(c, &same_as_next(c), &five);
        p.finders.1 += finder_count(c);
    }
    let ratio = dark as usize * 200 / (width * width);
    p.balance = ratio.abs_diff(100) as u32;
    p
}

/// The format information of level M with masks 0–7 (ISO/IEC 18004 Table C.1).
const FORMAT_M: [u16; 8] = [
    0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0,
];

/// Where the 15 format bits go, most significant first, twice (x, y; negative counts
/// from the right or bottom edge), as the crate draws them.
const FORMAT_MAIN: [(i16, i16); 15] = [
    (0, 8),
    (1, 8),
    (2, 8),
    (3, 8),
    (4, 8),
    (5, 8),
    (7, 8),
    (8, 8),
    (8, 7),
    (8, 5),
    (8, 4),
    (8, 3),
    (8, 2),
    (8, 1),
    (8, 0),
];
const FORMAT_SIDE: [(i16, i16); 15] = [
    (8, -1),
    (8, -2),
    (8, -3),
    (8, -4),
    (8, -5),
    (8, -6),
    (8, -7),
    (-8, 8),
    (-7, 8),
    (-6, 8),
    (-5, 8),
    (-4, 8),
    (-3, 8),
    (-2, 8),
    (-1, 8),
];

/// Whether mask `p` inverts module (x, y) (x = column, y = row).
fn mask_inverts(p: usize, x: usize, y: usize) -> bool {
    match p {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// The largest code, version 40, is 177 modules wide: 3 words.
const MAX_WIDTH: usize = 177;

/// The eight masks as packed lines up to the largest width: `rows[p][y]` holds the
/// modules (x, y) that mask p inverts, `cols[p][x]` the modules (x, y) by y.
struct MaskTables {
    rows: Vec<[Row<3>; MAX_WIDTH]>,
    cols: Vec<[Row<3>; MAX_WIDTH]>,
}

static MASKS: LazyLock<MaskTables> = LazyLock::new(|| {
    let table = |by_row: bool| {
        (0..8)
            .map(|p| {
                let mut lines = [[0; 3]; MAX_WIDTH];
                for (i, line) in lines.iter_mut().enumerate() {
                    for j in 0..MAX_WIDTH {
                        let (x, y) = if by_row { (j, i) } else { (i, j) };
                        if mask_inverts(p, x, y) {
                            line[j / 64] |= 1 << (j % 64);
                        }
                    }
                }
                lines
            })
            .collect()
    };
    MaskTables {
        rows: table(true),
        cols: table(false),
    }
});

fn set<const N: usize>(line: &mut Row<N>, i: usize) {
    line[i / 64] |= 1 << (i % 64);
}

/// The code's rows after mask `p` and its format information: `lines[i]` is row i
/// (`by_row`) or column i, from the unmasked modules `base` and the maskable ones `free`.
fn apply_mask<const N: usize>(
    p: usize,
    by_row: bool,
    base: &[Row<N>],
    free: &[Row<N>],
    lines: &mut [Row<N>],
) {
    let masks = if by_row {
        &MASKS.rows[p]
    } else {
        &MASKS.cols[p]
    };
    for (i, line) in lines.iter_mut().enumerate() {
        *line = std::array::from_fn(|w| base[i][w] ^ (masks[i][w] & free[i][w]));
    }
    // The format area is light and fixed in `base`; its dark bits go in now.
    let width = lines.len() as i16;
    for coords in [&FORMAT_MAIN, &FORMAT_SIDE] {
        for (bit, &(x, y)) in coords.iter().enumerate() {
            if FORMAT_M[p] >> (14 - bit) & 1 == 1 {
                let x = if x < 0 { x + width } else { x } as usize;
                let y = if y < 0 { y + width } else { y } as usize;
                let (line, i) = if by_row { (y, x) } else { (x, y) };
                set(&mut lines[line], i);
            }
        }
    }
}

/// Masks the crate's unmasked layout with each of the eight patterns and keeps the first
/// with the lowest penalty (the crate's choice): (mask, packed rows).
fn layout<const N: usize>(canvas: &Canvas, width: usize) -> (u8, Box<[u64]>) {
    let mut base = vec![[0; N]; width];
    let mut base_cols = vec![[0; N]; width];
    let mut free = vec![[0; N]; width];
    let mut free_cols = vec![[0; N]; width];
    for y in 0..width {
        for x in 0..width {
            // Empty modules (the remainder bits) are light and masked like data.
            let (dark, maskable) = match canvas.get(x as i16, y as i16) {
                Module::Empty => (false, true),
                Module::Unmasked(c) => (c == Color::Dark, true),
                Module::Masked(c) => (c == Color::Dark, false),
            };
            if dark {
                set(&mut base[y], x);
                set(&mut base_cols[x], y);
            }
            if maskable {
                set(&mut free[y], x);
                set(&mut free_cols[x], y);
            }
        }
    }
    let mut rows = vec![[0; N]; width];
    let mut cols = vec![[0; N]; width];
    let mut best = (u32::MAX, 0);
    for p in 0..8 {
        apply_mask(p, true, &base, &free, &mut rows);
        apply_mask(p, false, &base_cols, &free_cols, &mut cols);
        let score = penalty(&rows, &cols, width).total();
        if score < best.0 {
            best = (score, p);
        }
    }
    apply_mask(best.1, true, &base, &free, &mut rows);
    (best.1 as u8, rows.into_iter().flatten().collect())
}

/// Inline SVG for `data` (valid in HTML5: no XML prolog, no DOCTYPE), black on white.
///
/// The `viewBox` is in modules, quiet zone included; no `width`/`height`, so the
/// CSS class `qr` sizes it. All dark modules are one `<path>` of horizontal runs.
/// `label` becomes the accessible name (`role="img"`, `aria-label` and `<title>`).
///
/// # Errors
/// A message when `data` does not fit in a QR code (over 2331 bytes).
pub(crate) fn svg(data: &str, label: &str) -> Result<String, crate::diag::Msg> {
    let matrix = cached(data)?;
    let n = matrix.size;
    let label = escape(label);
    let mut out = format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
         shape-rendering=\"crispEdges\" style=\"--qr-modules:{n}\" role=\"img\" aria-label=\"{label}\">\
         <title>{label}</title>\
         <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    // About 14 bytes per run; a run every 3 modules or so.
    out.reserve(5 * matrix.width * matrix.width + 16);
    for y in 0..matrix.width {
        let row = &matrix.rows[y * matrix.words..(y + 1) * matrix.words];
        let mut x = 0;
        while let Some(start) = next_module(row, x, true) {
            let end = next_module(row, start, false).unwrap_or(matrix.width);
            let len = end - start;
            out.push('M');
            push_number(&mut out, start + QUIET_ZONE);
            out.push(' ');
            push_number(&mut out, y + QUIET_ZONE);
            out.push('h');
            push_number(&mut out, len);
            out.push_str("v1h-");
            push_number(&mut out, len);
            out.push('z');
            x = end;
        }
    }
    out.push_str("\"/></svg>");
    Ok(out)
}

/// The first module at or after `from` in a packed row that is dark (`dark`) or light;
/// `None` past the row's words (the bits past the width are light).
fn next_module(row: &[u64], from: usize, dark: bool) -> Option<usize> {
    let mut i = from / 64;
    let flip = if dark { 0 } else { !0 };
    let mut word = (*row.get(i)? ^ flip) & (!0 << (from % 64));
    loop {
        if word != 0 {
            return Some(64 * i + word.trailing_zeros() as usize);
        }
        i += 1;
        word = *row.get(i)? ^ flip;
    }
}

/// Appends `n` in decimal (the SVG path's coordinates: a few hundred at most).
fn push_number(out: &mut String, n: usize) {
    let digit = |d: usize| char::from(b'0' + (d % 10) as u8);
    if n >= 100 {
        out.push(digit(n / 100));
    }
    if n >= 10 {
        out.push(digit(n / 10));
    }
    out.push(digit(n));
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
pub(crate) fn terminal(data: &str) -> Result<String, crate::diag::Msg> {
    let matrix = cached(data)?;
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
    use crate::test_support::qr::decode_at;

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
                let decoded = decode_at(&svg, scale);
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
        assert_eq!(Matrix::encode(LONG_THAI_URL).expect("fits").width, 81);
        // Mixed mode would need version 5 for the 62-byte URL; byte mode fits version 4.
        assert_eq!(Matrix::encode(URL_62).expect("fits").width, 33);
    }

    /// The crate's own matrix for `data`: the same bit stream, laid out and masked by
    /// `QrCode::with_bits` (the reference encoder).
    fn reference(data: &str) -> (Vec<bool>, usize, i16) {
        let bits = smallest_bits(data.as_bytes()).expect("fits");
        let code = qrcode::QrCode::with_bits(bits, EcLevel::M).expect("fits");
        let colors = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        (colors, code.width(), version_number(code.version()))
    }

    fn modules(matrix: &Matrix) -> Vec<bool> {
        (0..matrix.width * matrix.width)
            .map(|i| matrix.is_dark(i % matrix.width + QUIET_ZONE, i / matrix.width + QUIET_ZONE))
            .collect()
    }

    fn assert_same_as_reference(data: &str) {
        let matrix = Matrix::encode(data).expect("fits");
        let (colors, width, version) = reference(data);
        assert_eq!(matrix.width, width, "{data}");
        assert_eq!(i16::from(matrix.version), version, "{data}");
        assert!(
            modules(&matrix) == colors,
            "mask {} differs for {data}",
            matrix.mask
        );
    }

    /// Percent-encoded Thai file names of `words` words, as the site writes file URLs.
    fn thai_file_url(base: &str, words: usize) -> String {
        let names = [
            "คำสั่ง",
            "จังหวัดลพบุรี",
            "แต่งตั้ง",
            "คณะกรรมการ",
            "โครงการ",
            "เศรษฐกิจพอเพียง",
        ];
        let name: Vec<&str> = (0..words).map(|i| names[i % names.len()]).collect();
        let path = format!("/minutes/2563/05/files/{} ที่ 2132.pdf", name.join(" "));
        format!("{base}{}", crate::files::encode_path(&path))
    }

    #[test]
    fn mask_and_version_match_the_reference_encoder() {
        let mut urls = vec![
            String::new(),
            "https://lopburi.cdd.go.th/".to_owned(),
            URL_62.to_owned(),
            LONG_THAI_URL.to_owned(),
            "ข้อความไทย ไม่ใช่ URL".to_owned(),
            "0123456789".repeat(20),
        ];
        for base in [
            "https://lopburi.cdd.go.th",
            "https://intranet.lopburi.cdd.go.th",
        ] {
            for year in [2540, 2563, 2569] {
                for number in 1..=12 {
                    urls.push(format!("{base}/minutes/{year}/{number:02}/"));
                }
            }
            for words in [1, 3, 6, 12, 20] {
                urls.push(thai_file_url(base, words));
            }
        }
        for url in &urls {
            assert_same_as_reference(url);
        }
    }

    /// Matrices from 1 to 177 modules wide (one, two and three words a row).
    #[test]
    fn every_width_class_matches_the_reference_encoder() {
        let mut versions = std::collections::BTreeSet::new();
        for len in [1, 40, 120, 200, 330, 500, 700, 900, 1200, 1700, 2290] {
            let data = "https://lopburi.cdd.go.th/x/".to_owned() + &"a1%".repeat(len / 3);
            let matrix = Matrix::encode(&data).expect("fits");
            versions.insert(matrix.version);
            assert_same_as_reference(&data);
        }
        // Widths 21 … 57 (one word), 61 … 125 (two), 129 … (three) are all covered.
        assert!(versions.iter().any(|&v| v <= 10), "{versions:?}");
        assert!(
            versions.iter().any(|&v| (11..=27).contains(&v)),
            "{versions:?}"
        );
        assert!(versions.iter().any(|&v| v >= 28), "{versions:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn any_text_gets_the_reference_encoders_matrix(data in "[ -~ก-๙]{0,160}") {
            assert_same_as_reference(&data);
        }
    }

    /// The crate's penalty tests use one canvas (version 1, level Q, mask 0) and give
    /// each score; the packed scoring must give the same.
    #[allow(clippy::needless_range_loop)]
    #[test]
    fn penalties_match_the_crates_own_example() {
        let mut c = Canvas::new(Version::Normal(1), EcLevel::Q);
        c.draw_all_functional_patterns();
        c.draw_data(
            b"\x20\x5b\x0b\x78\xd1\x72\xdc\x4d\x43\x40\xec\x11\x00",
            b"\xa8\x48\x16\x52\xd9\x36\x9c\x00\x2e\x0f\xb4\x7a\x10",
        );
        c.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
        let mut rows = vec![[0u64; 1]; 21];
        let mut cols = vec![[0u64; 1]; 21];
        for y in 0..21 {
            for x in 0..21 {
                if c.get(x as i16, y as i16).is_dark() {
                    set(&mut rows[y], x);
                    set(&mut cols[x], y);
                }
            }
        }
        let p = penalty(&rows, &cols, 21);
        // The crate: N1 88 and 92, N2 90, N3 0 and 40 (after taking off 360 each for the
        // finder patterns, 9 matches), N4 2.
        assert_eq!(
            p,
            Penalty {
                runs: (88, 92),
                blocks: 90,
                finders: (9, 10),
                balance: 2,
            }
        );
    }

    #[test]
    fn long_thai_file_urls_decode() {
        for words in [2, 8, 16, 24] {
            let url = thai_file_url("https://lopburi.cdd.go.th", words);
            let svg = svg(&url, "QR").expect("fits");
            let decoded = decode_at(&svg, 4.0);
            assert_eq!(decoded.len(), 1, "{} bytes", url.len());
            assert_eq!(decoded[0].0, url);
            let matrix = Matrix::encode(&url).expect("fits");
            assert_eq!(decoded[0].1, usize::from(matrix.version));
        }
    }

    /// The largest payload at level M fills version 40, and decodes.
    #[test]
    fn the_largest_code_decodes() {
        let data = "ก".repeat(777);
        assert_eq!(data.len(), 2331);
        let svg = svg(&data, "QR").expect("fits");
        assert_eq!(view_box_size(&svg), 177 + 8);
        let decoded = decode_at(&svg, 3.0);
        assert_eq!(decoded, vec![(data, 40)]);
    }

    #[test]
    fn each_text_is_encoded_once() {
        let url = "https://lopburi.cdd.go.th/minutes/2563/05/each-text-once/";
        let first = cached(url).expect("fits");
        let second = cached(url).expect("fits");
        assert!(Arc::ptr_eq(&first, &second));
        // The label is not part of the key: the page and a shortcode share the code.
        let a = svg(url, "หน้า").expect("fits");
        let b = svg(url, "ประกาศ").expect("fits");
        assert_eq!(a.replace("หน้า", "ประกาศ"), b);
        // Another base URL is another text.
        let internal = cached("https://intranet.lopburi.cdd.go.th/minutes/2563/05/each-text-once/")
            .expect("fits");
        assert!(!Arc::ptr_eq(&first, &internal));
    }

    #[test]
    fn the_cache_starts_over_at_its_limit() {
        let mut cache = Cache {
            map: HashMap::new(),
            bytes: 0,
        };
        let matrix = Arc::new(Matrix::encode("https://lopburi.cdd.go.th/").expect("fits"));
        let cost = 8 * matrix.rows.len() + 96 + 4;
        for i in 0..10 {
            cache.insert(&format!("url{i}"), Arc::clone(&matrix), 3 * cost);
            assert!(cache.bytes <= 3 * cost, "{} bytes after {i}", cache.bytes);
        }
        // url0–url2 filled it; url3, url6 and url9 each started it over.
        assert_eq!(cache.map.len(), 1);
        assert!(cache.map.contains_key("url9"));
        // The same text twice counts once.
        cache.insert("url9", Arc::clone(&matrix), 3 * cost);
        assert_eq!(cache.bytes, cost);
    }

    /// The path drawn from packed words is the one drawn module by module.
    #[test]
    fn svg_path_is_the_runs_of_dark_modules() {
        for data in [
            "https://lopburi.cdd.go.th/".to_owned(),
            LONG_THAI_URL.to_owned(),
            "ก".repeat(777),
        ] {
            let matrix = Matrix::encode(&data).expect("fits");
            let n = matrix.size;
            let mut expected = String::new();
            for y in 0..n {
                let mut x = 0;
                while x < n {
                    let start = x;
                    while matrix.is_dark(x, y) {
                        x += 1;
                    }
                    if x > start {
                        let len = x - start;
                        expected.push_str(&format!("M{start} {y}h{len}v1h-{len}z"));
                    } else {
                        x += 1;
                    }
                }
            }
            let svg = svg(&data, "QR").expect("fits");
            assert!(
                svg.contains(&format!(" d=\"{expected}\"/></svg>")),
                "{} bytes",
                data.len()
            );
        }
    }

    #[test]
    fn a_62_byte_url_fits_version_4_at_level_m() {
        assert_eq!(URL_62.len(), 62);
        let svg = svg(URL_62, "QR").expect("fits");
        let decoded = decode_at(&svg, 4.0);
        assert!(decoded[0].1 <= 4, "version {}", decoded[0].1);
        // Version v is 17 + 4v modules wide.
        assert!(view_box_size(&svg) <= 17 + 4 * 4 + 2 * QUIET_ZONE);
    }

    #[test]
    fn quiet_zone_is_four_light_modules_on_every_side() {
        for data in ["https://lopburi.cdd.go.th/", URL_62] {
            let matrix = Matrix::encode(data).expect("fits");
            let svg = svg(data, "QR").expect("fits");
            assert_eq!(view_box_size(&svg), matrix.width + 8);
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
