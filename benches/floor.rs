//! The floor: what a static site generator cannot beat on this corpus. Reads every Markdown
//! page under a folder, drops its front matter, renders it with pulldown-cmark (the options wara
//! uses) and writes `<out>/<path without .md>/index.html`, on 2 threads (rayon). Prints the
//! page count and the wall time.
//!
//! With `--crates`, the crate floor: the same, plus the per-page work wara does through the
//! crates it is built on and could not do without, each in its cheapest form: the front
//! matter and a bundle's `table.yaml` read by serde-saphyr (into plain values), the page's
//! QR code (wara's encoder) and a Tera template of about a dozen look-ups around the body
//! (title, date, summary, tags, the QR code). None of wara's checks, listings or feeds.
//! Run it on wara's content (the `table.yaml` files are there, not in Hugo's copy).
//!
//! usage: cargo build --release --example floor && target/release/examples/floor CONTENT OUT [THREADS] [--crates]

use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(content), Some(out)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: floor CONTENT OUT [THREADS] [--crates]");
    };
    let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(2);
    let crates = args.iter().any(|a| a == "--crates");
    let tera = crates.then(crate_template).transpose()?;
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
            .map_init(String::new, |html_buf, page| match &tera {
                Some(tera) => render_with_crates(&content, &out, page, options, tera, html_buf),
                None => render(&content, &out, page, options, html_buf),
            })
            .collect::<anyhow::Result<Vec<usize>>>()
            .map(|v| v.iter().sum())
    })?;
    println!(
        "{}: {} pages, {} MB of HTML, {} threads, {:.3} s",
        if crates { "crate floor" } else { "floor" },
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
    let (_, body) = split(&text);
    buf.clear();
    html::push_html(buf, Parser::new_ext(body, options));
    let rel = page.strip_prefix(content)?.with_extension("");
    let dir = out.join(rel);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), buf.as_bytes())?;
    Ok(buf.len())
}

/// A page's front matter (empty when it has none) and its body.
fn split(text: &str) -> (&str, &str) {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or(("", text))
}

/// The crate floor's page template: a layout of about a dozen look-ups, as small as a page
/// of wara's can be (wara's own templates do breadcrumbs, navigation, downloads and more).
fn crate_template() -> anyhow::Result<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(
        "page.html",
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ page.title }} | {{ site.title }}</title></head>\
         <body><header><a href=\"/\">{{ site.title }}</a></header><main><article><h1>{{ page.title }}</h1>\
         {% if page.date %}<p><time>{{ page.date }}</time></p>{% endif %}\
         {% if page.summary %}<p>{{ page.summary }}</p>{% endif %}\
         {{ page.body | safe }}\
         {% for t in page.tags %}<a href=\"/tags/{{ t }}/\">{{ t }}</a> {% endfor %}\
         <figure>{{ page.qr | safe }}<figcaption>{{ page.url }}</figcaption></figure></article></main>\
         <footer>{{ site.title }}</footer></body></html>",
    )?;
    Ok(tera)
}

/// [`render`] plus the crates' share of wara's per-page work (see the module's comment).
fn render_with_crates(
    content: &Path,
    out: &Path,
    page: &Path,
    options: Options,
    tera: &tera::Tera,
    buf: &mut String,
) -> anyhow::Result<usize> {
    type Values = std::collections::BTreeMap<String, serde_json::Value>;
    let text = std::fs::read_to_string(page)?;
    let (yaml, body) = split(&text);
    let front: Values = if yaml.trim().is_empty() {
        Values::new()
    } else {
        serde_saphyr::from_str(yaml)?
    };
    let table = page.with_file_name("table.yaml");
    if table.is_file() {
        let _: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&table)?)?;
    }
    buf.clear();
    html::push_html(buf, Parser::new_ext(body, options));
    let rel = page.strip_prefix(content)?.with_extension("");
    let url = format!("https://lopburi.cdd.go.th/{}/", rel.to_string_lossy());
    let qr = wara::fuzz_api::qr_svg(&url, &url).unwrap_or_default();
    let mut ctx = tera::Context::new();
    ctx.insert(
        "site",
        &serde_json::json!({"title": "สำนักงานพัฒนาชุมชนจังหวัดลพบุรี"}),
    );
    ctx.insert(
        "page",
        &serde_json::json!({
            "title": front.get("title"),
            "date": front.get("date"),
            "summary": front.get("summary"),
            "tags": front.get("tags").cloned().unwrap_or_else(|| serde_json::json!([])),
            "url": url,
            "body": buf.as_str(),
            "qr": qr,
        }),
    );
    let html = tera.render("page.html", &ctx)?;
    let dir = out.join(rel);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), html.as_bytes())?;
    Ok(html.len())
}
