//! QR encoding benchmark: ~5,000 realistic URLs of the Lopburi site, each encoded to an SVG,
//! one thread, by `wara::fuzz_api::qr_svg` (cache emptied before each run) and by the reference: the
//! encoder wara used before, `qrcode::QrCode::with_bits` (its own mask scoring) drawn into
//! the same SVG. Runs alternate; prints the median (min–max) of each, per kind of URL, the
//! warm-cache time, and whether every SVG is byte-identical to the reference's.
//!
//! Run: `cargo bench --bench qr_bench` (env: RUNS=7, N=5000, REFERENCE=0 to time wara alone).
//!
//! The URLs: three quarters page permalinks `https://lopburi.cdd.go.th/minutes/25xx/NN/`
//! (years 2540–2569, meeting numbers 01–…), one quarter file URLs whose names are Thai
//! titles, percent-encoded as the site does (`/minutes/2563/05/files/%E0%B8%84…pdf`,
//! 100–1,100 bytes). Generated deterministically.

use std::time::Instant;

use qrcode::bits::Bits;
use qrcode::types::Color;
use qrcode::{EcLevel, QrCode, Version};

const WORDS: &[&str] = &[
    "คำสั่ง",
    "จังหวัดลพบุรี",
    "ที่",
    "เรื่อง",
    "แต่งตั้ง",
    "คณะกรรมการ",
    "การประชุม",
    "สำนักงาน",
    "พัฒนาชุมชน",
    "งบประมาณ",
    "โครงการ",
    "หมู่บ้าน",
    "เศรษฐกิจพอเพียง",
    "กองทุน",
    "สตรี",
    "รายงาน",
    "ผลการดำเนินงาน",
    "ไตรมาส",
    "ประกาศ",
    "ผลการประกวด",
];

/// A small deterministic generator (xorshift), so every run encodes the same URLs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `(page permalinks, Thai file URLs)`.
fn urls(n: usize) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(2563);
    let pages = n * 3 / 4;
    let page_urls = (0..pages)
        .map(|i| {
            let year = 2540 + i % 30;
            let number = 1 + i / 30;
            format!("https://lopburi.cdd.go.th/minutes/{year}/{number:02}/")
        })
        .collect();
    let file_urls = (pages..n)
        .map(|i| {
            let year = 2540 + i % 30;
            let number = 1 + rng.below(24);
            let words = 1 + rng.below(10);
            let mut name = String::new();
            for w in 0..words {
                if w > 0 {
                    name.push(' ');
                }
                name.push_str(WORDS[rng.below(WORDS.len())]);
            }
            name.push_str(&format!(" {}", 1000 + i));
            let path = format!("/minutes/{year}/{number:02}/files/{name}.pdf");
            format!(
                "https://lopburi.cdd.go.th{}",
                wara::fuzz_api::encode_path(&path)
            )
        })
        .collect();
    (page_urls, file_urls)
}

/// wara's QR SVG before the packed mask scoring: the same bit stream (byte mode unless
/// the crate's mixed mode needs a smaller version), `QrCode::with_bits`, the same drawing.
fn reference_svg(data: &str, label: &str) -> Option<String> {
    let bytes = data.as_bytes();
    let byte_mode = (1..=40).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_byte_data(bytes).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        Some(bits)
    });
    let number = |v: Version| match v {
        Version::Normal(n) | Version::Micro(n) => n,
    };
    let bits = match (byte_mode, qrcode::bits::encode_auto(bytes, EcLevel::M)) {
        (Some(b), Ok(m)) if number(m.version()) < number(b.version()) => m,
        (Some(b), _) => b,
        (None, m) => m.ok()?,
    };
    let code = QrCode::with_bits(bits, EcLevel::M).ok()?;
    let width = code.width();
    let n = width + 8;
    let mut dark = vec![false; n * n];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        dark[(i / width + 4) * n + i % width + 4] = color == Color::Dark;
    }
    let is_dark = |x: usize, y: usize| x < n && y < n && dark[y * n + x];
    let label = wara::fuzz_api::escape(label);
    let mut out = format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\">\
         <title>{label}</title>\
         <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while is_dark(x, y) {
                x += 1;
            }
            let len = x - start;
            out.push_str(&format!("M{start} {y}h{len}v1h-{len}z"));
        }
    }
    out.push_str("\"/></svg>");
    Some(out)
}

fn wara_svg(data: &str, label: &str) -> Option<String> {
    wara::fuzz_api::qr_svg(data, label)
}

/// Milliseconds to encode `urls` with `encode`, and the SVGs.
fn run(urls: &[String], encode: fn(&str, &str) -> Option<String>) -> (f64, Vec<String>) {
    let start = Instant::now();
    let svgs = urls
        .iter()
        .map(|url| encode(url, "QR").unwrap_or_default())
        .collect();
    (start.elapsed().as_secs_f64() * 1000.0, svgs)
}

fn summary(times: &mut [f64], count: usize) -> String {
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    format!(
        "median {median:9.1} ms (min {:.1}, max {:.1}), {:7.1} µs per code",
        times[0],
        times[times.len() - 1],
        median * 1000.0 / count as f64
    )
}

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7)
        .max(1);
    let (pages, files) = urls(n);
    let longest = files.iter().map(String::len).max().unwrap_or(0);
    let file_bytes: usize = files.iter().map(String::len).sum();
    println!(
        "qr_bench: {} page URLs, {} Thai file URLs ({} bytes on average, longest {}), {} runs",
        pages.len(),
        files.len(),
        file_bytes / files.len().max(1),
        longest,
        runs
    );
    let reference = std::env::var("REFERENCE").map_or(true, |v| v != "0");
    let mut all_identical = true;
    for (kind, urls) in [("pages", &pages), ("files", &files)] {
        let (mut before, mut after, mut warm) = (Vec::new(), Vec::new(), Vec::new());
        let mut differ = 0;
        for _ in 0..runs {
            wara::fuzz_api::qr_clear_cache();
            let (ms, svgs) = run(urls, wara_svg);
            after.push(ms);
            warm.push(run(urls, wara_svg).0);
            if reference {
                let (ms, reference) = run(urls, reference_svg);
                before.push(ms);
                differ = reference.iter().zip(&svgs).filter(|(a, b)| a != b).count();
            }
        }
        if !reference {
            println!("{kind}: wara       {}", summary(&mut after, urls.len()));
            println!("{kind}: wara warm  {}", summary(&mut warm, urls.len()));
            continue;
        }
        all_identical &= differ == 0;
        println!("{kind}: reference  {}", summary(&mut before, urls.len()));
        println!("{kind}: wara       {}", summary(&mut after, urls.len()));
        println!("{kind}: wara warm  {}", summary(&mut warm, urls.len()));
        println!(
            "{kind}: {differ} of {} SVGs differ from the reference",
            urls.len()
        );
    }
    if !reference {
        return;
    }
    println!(
        "qr_bench: {}",
        if all_identical {
            "every SVG is byte-identical to the reference encoder's"
        } else {
            "some SVGs differ from the reference encoder's"
        }
    );
}
