//! Stage 4, assets: files that are copied or processed rather than rendered. Static files
//! (the theme's and the site's `static/`) are copied through the sink; photos are checked
//! and their renditions made by `crate::images` (with its cache) in [`photos`].

mod photos;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::write as output;
use super::write::Sink;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Theme;
pub(crate) use photos::{gallery, markdown_images, stripped_copy};

/// The site's `static/` folder as the build publishes it, listed once by the load stage, so
/// that render can tell whether a link names a static file without looking at the disk.
#[derive(Debug, Default)]
pub(crate) struct StaticFiles {
    /// Files to copy, by output path, in folder order (symlinks are not followed).
    files: Vec<(String, PathBuf)>,
    names: BTreeSet<String>,
    /// wara's own output, staging or preview folders found in `static/`: skipped.
    own_folders: Vec<PathBuf>,
}

impl StaticFiles {
    /// List `root/static/`. Never wara's own output, staging or preview folders (an output
    /// folder once kept in static/ would republish the internal site); `.well-known/` stays.
    pub(crate) fn list(root: &Path) -> StaticFiles {
        let dir = root.join("static");
        let mut own_folders = Vec::new();
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let skip =
                    e.depth() > 0 && e.file_type().is_dir() && output::is_own_folder(e.path());
                if skip {
                    own_folders.push(e.path().to_path_buf());
                }
                !skip
            });
        let mut files = Vec::new();
        for entry in walker.flatten() {
            if !entry.file_type().is_file()
                || output::is_own_file(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((rel, entry.into_path()));
        }
        let names = files.iter().map(|(rel, _)| rel.clone()).collect();
        let own_folders = own_folders
            .into_iter()
            .map(|p| p.strip_prefix(&dir).map(Path::to_path_buf).unwrap_or(p))
            .collect();
        StaticFiles {
            files,
            names,
            own_folders,
        }
    }

    /// Is `rel` (an output path, no leading `/`) a file of the site's `static/`?
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.names.contains(rel)
    }
}

/// Copy the theme's static files, then the site's.
pub(crate) fn copy_static(
    theme: &Theme,
    site: &StaticFiles,
    sink: &Sink,
    diags: &mut Diagnostics,
) -> anyhow::Result<()> {
    for (rel, file) in &theme.static_files {
        match file {
            crate::render::StaticFile::Embedded(bytes) => sink.write(rel, bytes)?,
            crate::render::StaticFile::Disk(p) => sink.copy(rel, p)?,
        }
    }
    for (rel, abs) in &site.files {
        if let Err(e) = sink.copy(rel, abs) {
            diags.push(
                Diagnostic::error(
                    Path::new("static").join(rel),
                    1,
                    1,
                    crate::messages::static_not_copied(&e.root_cause().to_string()),
                )
                .with_hint(crate::messages::io_help()),
            );
        }
    }
    for path in &site.own_folders {
        let shown = Path::new("static").join(path);
        diags.push(
            Diagnostic::warning(shown, 1, 1, crate::messages::skipped_own_folder())
                .with_hint(crate::messages::skipped_own_folder_help()),
        );
    }
    Ok(())
}
