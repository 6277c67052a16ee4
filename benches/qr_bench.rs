//! QR encoding benchmark: ~5,000 realistic URLs of the Lopburi site, each encoded to an SVG
//! with `wara::qr::svg`, one thread. Prints the median (and min/max) of several runs.
//!
//! Run: `cargo bench --bench qr_bench` (env: RUNS=7, N=5000).
//!
//! The URLs: page permalinks `https://lopburi.cdd.go.th/minutes/25xx/NN/` (years 2540–2569,
//! meeting numbers 01–…), and file URLs whose names are Thai titles, percent-encoded as
//! the site does (`/minutes/2563/05/files/%E0%B8%84…pdf`, 100–700 bytes). Generated
//! deterministically.

use std::time::Instant;

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

fn urls(n: usize) -> Vec<String> {
    let mut rng = Rng(2563);
    let mut out = Vec::with_capacity(n);
    let pages = n / 2;
    for i in 0..pages {
        let year = 2540 + i % 30;
        let number = 1 + i / 30;
        out.push(format!(
            "https://lopburi.cdd.go.th/minutes/{year}/{number:02}/"
        ));
    }
    for i in pages..n {
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
        out.push(format!(
            "https://lopburi.cdd.go.th{}",
            wara::files::encode_path(&path)
        ));
    }
    out
}

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let urls = urls(n);
    let total_bytes: usize = urls.iter().map(String::len).sum();
    let longest = urls.iter().map(String::len).max().unwrap_or(0);
    println!(
        "qr_bench: {} URLs, {} bytes in all, longest {} bytes, {} runs",
        urls.len(),
        total_bytes,
        longest,
        runs
    );
    let mut times = Vec::with_capacity(runs);
    let mut svg_bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        svg_bytes = 0;
        for url in &urls {
            match wara::qr::svg(url, "QR") {
                Ok(svg) => svg_bytes += svg.len(),
                Err(e) => eprintln!("qr_bench: {url}: {e}"),
            }
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "qr_bench: encode {} URLs: median {:.1} ms (min {:.1}, max {:.1}), {:.1} µs per code, {} SVG bytes",
        urls.len(),
        median,
        times[0],
        times[times.len() - 1],
        median * 1000.0 / urls.len() as f64,
        svg_bytes
    );
}
