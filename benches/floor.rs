//! The floor: what a static site generator cannot beat on this corpus. Reads every Markdown
//! page under a folder, drops its front matter, renders it with pulldown-cmark (the options wara
//! uses) and writes `<out>/<path without .md>/index.html`, on 2 threads (rayon). Prints the
//! page count and the wall time.
//!
//! usage: cargo build --release --example floor && target/release/examples/floor CONTENT OUT [THREADS]

use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(content), Some(out)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: floor CONTENT OUT [THREADS]");
    };
    let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(2);
    let start = Instant::now();
    let content = PathBuf::from(content);
    let out = PathBuf::from(out);
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let bytes: usize = pool.install(|| {
        pages
            .par_iter()
            .map_init(String::new, |html_buf, page| {
                render(&content, &out, page, options, html_buf)
            })
            .collect::<anyhow::Result<Vec<usize>>>()
            .map(|v| v.iter().sum())
    })?;
    println!(
        "floor: {} pages, {} MB of HTML, {} threads, {:.3} s",
        pages.len(),
        bytes / 1_000_000,
        threads,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn render(
    content: &Path,
    out: &Path,
    page: &Path,
    options: Options,
    buf: &mut String,
) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(page)?;
    let body = match text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
    {
        Some((_, body)) => body,
        None => text.as_str(),
    };
    buf.clear();
    html::push_html(buf, Parser::new_ext(body, options));
    let rel = page.strip_prefix(content)?.with_extension("");
    let dir = out.join(rel);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), buf.as_bytes())?;
    Ok(buf.len())
}
