//! `wara new`: scaffold a content file from the theme's archetypes.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::messages;

use crate::thai::{self, Digits};

const MINUTES: &str = include_str!("../themes/default/archetypes/minutes.md");
const CONTEST: &str = include_str!("../themes/default/archetypes/contest.md");
const PAGE: &str = include_str!("../themes/default/archetypes/page.md");

/// Fill `{{key}}` placeholders.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in vars {
        s = s.replace(&format!("{{{{{k}}}}}"), v);
    }
    s
}

/// The archetype `wara new` uses for pages of `kind`: the site's own file in
/// `themes/default/archetypes/` where it exists, else the embedded one.
pub(crate) fn archetype_text(root: &Path, kind: crate::content::Kind) -> String {
    match kind {
        crate::content::Kind::Minutes => archetype(root, "minutes.md", MINUTES),
        crate::content::Kind::Contest => archetype(root, "contest.md", CONTEST),
        _ => archetype(root, "page.md", PAGE),
    }
}

fn archetype(root: &Path, name: &str, embedded: &str) -> String {
    fs::read_to_string(root.join("themes/default/archetypes").join(name))
        .unwrap_or_else(|_| embedded.to_owned())
}

fn write_new(path: &Path, text: &str) -> Result<PathBuf> {
    if path.exists() {
        bail!("{}", messages::new_exists(path));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| anyhow!("{}", messages::cannot_create(dir, &e)))?;
    }
    fs::write(path, text).map_err(|e| anyhow!("{}", messages::new_cannot_write(path, &e)))?;
    Ok(path.to_path_buf())
}

/// `wara new minutes --meeting 6/2563 --date 2020-06-11`
pub(crate) fn minutes(root: &Path, meeting: &str, date: &str) -> Result<PathBuf> {
    let Some((no, year)) = thai::parse_meeting(meeting) else {
        bail!("{}", messages::new_bad_meeting(meeting));
    };
    let Some(d) = thai::parse_date(date) else {
        let (msg, help) = messages::bad_date("--date", date);
        bail!("{msg}\n  = help: {help}");
    };
    let prev = if no > 1 {
        format!("{}/{year}", no - 1)
    } else {
        String::new()
    };
    let text = fill(
        &archetype(root, "minutes.md", MINUTES),
        &[
            ("meeting", format!("{no}/{year}")),
            ("meeting_th", thai::format_meeting(no, year, Digits::Thai)),
            ("date", d.format("%Y-%m-%d").to_string()),
            ("date_th", thai::format_date(d, Digits::Thai)),
            ("certifies", prev),
        ],
    );
    let text = text.replace("certifies: \"\"\n", "");
    write_new(
        &root.join(format!("content/minutes/{year}/{no:02}/index.md")),
        &text,
    )
}

fn slug_ok(slug: &str) -> Result<()> {
    if slug.is_empty()
        || slug
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
        || slug.contains('\\')
    {
        bail!("{}", messages::new_bad_slug(slug));
    }
    Ok(())
}

/// `wara new contest fabric-2564`
pub(crate) fn contest(root: &Path, slug: &str, title: Option<&str>) -> Result<PathBuf> {
    slug_ok(slug)?;
    let text = fill(
        &archetype(root, "contest.md", CONTEST),
        &[
            ("title", title.unwrap_or("ชื่อการประกวด").to_owned()),
            ("date", crate::site::today().format("%Y-%m-%d").to_string()),
        ],
    );
    write_new(&root.join(format!("content/contests/{slug}.md")), &text)
}

/// `wara new page about`
pub(crate) fn page(root: &Path, slug: &str, title: Option<&str>) -> Result<PathBuf> {
    slug_ok(slug)?;
    let rel = if slug.contains('/') {
        format!("content/{slug}.md")
    } else {
        format!("content/pages/{slug}.md")
    };
    let text = fill(
        &archetype(root, "page.md", PAGE),
        &[
            ("title", title.unwrap_or("ชื่อหน้า").to_owned()),
            ("date", crate::site::today().format("%Y-%m-%d").to_string()),
        ],
    );
    write_new(&root.join(rel), &text)
}
