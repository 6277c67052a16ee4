//! Stage 4, assets: files that are copied or processed rather than rendered. Static files
//! (the theme's and the site's `static/`) are copied through the sink; photos are checked
//! and their renditions made by `crate::images` (with its cache) in [`photos`].

mod photos;

use std::path::Path;

use super::render::Ctx;
use super::write as output;
use crate::diag::{Diagnostic, Diagnostics};
pub(crate) use photos::{gallery, markdown_images, stripped_copy};

pub(crate) fn copy_static(ctx: &Ctx<'_>, diags: &mut Diagnostics) -> anyhow::Result<()> {
    for (rel, file) in &ctx.theme.static_files {
        match file {
            crate::render::StaticFile::Embedded(bytes) => ctx.sink.write(rel, bytes)?,
            crate::render::StaticFile::Disk(p) => ctx.sink.copy(rel, p)?,
        }
    }
    let dir = ctx.root.join("static");
    let mut own = Vec::new();
    // Never wara's own output, staging or preview folders (an output folder
    // once kept in static/ would republish the internal site); `.well-known/` stays.
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let skip = e.depth() > 0 && e.file_type().is_dir() && output::is_own_folder(e.path());
            if skip {
                own.push(e.path().to_path_buf());
            }
            !skip
        });
    for entry in walker.flatten() {
        if !entry.file_type().is_file() || output::is_own_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if let Err(e) = ctx.sink.copy(&rel, entry.path()) {
            diags.push(
                Diagnostic::error(
                    Path::new("static").join(&rel),
                    1,
                    1,
                    crate::messages::static_not_copied(&e.root_cause().to_string()),
                )
                .with_hint(crate::messages::io_help()),
            );
        }
    }
    for path in own {
        let shown = Path::new("static").join(path.strip_prefix(&dir).unwrap_or(&path));
        diags.push(
            Diagnostic::warning(shown, 1, 1, crate::messages::skipped_own_folder())
                .with_hint(crate::messages::skipped_own_folder_help()),
        );
    }
    Ok(())
}
