//! wara (วาระ): a static site generator for the meeting minutes, budget tables,
//! contest announcements and documents of a Thai government office.
//!
//! Data flow: `cli` → `options::BuildOptions` → `config` (site.yaml) →
//! `content::load` (front matter, audience rule, tables) → `markdown` (shortcodes,
//! anchors, TOC) → `render` (Tera, view structs) → `site` (listings, feeds,
//! search, staging dir swapped in whole). `check` is the same pipeline without
//! the write; `serve` is it plus a watcher and an HTTP thread.

pub mod diag;
pub mod files;
pub mod qr;
pub mod serve;
pub mod tables;
pub mod thai;
pub mod options;
pub mod site;
