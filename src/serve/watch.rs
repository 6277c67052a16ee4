//! Watching the site sources: notify events filtered (editor temp files, the
//! output dir), debounced into batches and classified by a pure function.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders under the site root whose changes matter.
const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];

/// A batch ends after this long without a relevant event. Editors' atomic
/// saves (temp write, rename, delete backup) finish within a few ms.
pub(crate) const QUIET: Duration = Duration::from_millis(20);

/// A batch whose every changed file is known to be whole (see [`Settle`]) ends after this
/// long without an event: enough for the events of the same save, already queued.
const SETTLED_QUIET: Duration = Duration::from_millis(2);

/// A steady stream of events (a big copy) still gets a build this often.
const MAX_BATCH: Duration = Duration::from_secs(2);

/// What a batch of changed paths affects, weakest first: a batch is as strong
/// as its strongest path. A `Content` batch (with no lost events) is rebuilt
/// incrementally, only the pages it changed where it can (the serve loop's
/// `Incremental` session); `Static`, `Template` and `Config` get a full rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    Ignore,
    Static,
    Content,
    Template,
    Config,
}

/// Classify a batch of changed paths of the site at `root` (absolute paths,
/// as notify reports them). Paths inside `out` are ours and never count.
pub(crate) fn classify(root: &Path, out: &Path, paths: &[PathBuf]) -> Change {
    paths
        .iter()
        .map(|p| classify_path(root, out, p))
        .max()
        .unwrap_or(Change::Ignore)
}

fn classify_path(root: &Path, out: &Path, path: &Path) -> Change {
    if path.starts_with(out) || is_editor_temp(path) {
        return Change::Ignore;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignore;
    };
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_str().unwrap_or(""));
    match (parts.next(), parts.next()) {
        (Some("site.yaml"), None) => Change::Config,
        (Some("content"), _) => Change::Content,
        (Some("themes"), _) => Change::Template,
        (Some("static"), _) => Change::Static,
        _ => Change::Ignore,
    }
}

/// Swap, backup and lock files editors write next to the real one
/// (after zola's `utils::fs::is_temp_file`).
pub(crate) fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    const SUFFIXES: [&str; 7] = [
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        "~",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name == "4913"
        || name == ".DS_Store"
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// One debounced batch of relevant changes.
#[derive(Debug)]
pub(crate) struct Batch {
    pub(crate) change: Change,
    /// The paths that matter (editor temp files and the output dropped).
    pub(crate) paths: Vec<PathBuf>,
    /// The watcher lost events: only a full rebuild is safe.
    pub(crate) lost_events: bool,
}

/// A notify watcher on `content/`, `themes/`, `static/` (recursive) and the
/// root itself (for `site.yaml` and for those folders appearing later).
pub(crate) struct SourceWatcher {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    out: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl SourceWatcher {
    pub(crate) fn new(root: &Path, out: &Path) -> anyhow::Result<Self> {
        let (tx, rx) = channel();
        let mut watcher =
            notify::recommended_watcher(tx).context(crate::messages::watcher_failed())?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| crate::messages::cannot_watch(root))?;
        let mut me = Self {
            watcher,
            rx,
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            watched: BTreeSet::new(),
        };
        me.refresh_watches();
        Ok(me)
    }

    /// Watch source folders that appeared, forget ones that went away.
    fn refresh_watches(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            let present = path.is_dir();
            let watched = self.watched.contains(&path);
            if present && !watched {
                match self.watcher.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(path);
                    }
                    Err(e) => eprintln!(
                        "{}: {}: {e}",
                        crate::messages::warning_word(),
                        crate::messages::cannot_watch(&path)
                    ),
                }
            } else if !present && watched {
                let _ = self.watcher.unwatch(&path);
                self.watched.remove(&path);
            }
        }
    }

    /// Wait up to `wait` for a change; then gather events until `QUIET` passes
    /// without one, or `SETTLED_QUIET` once every changed file is whole (see
    /// [`Settle`]). Opening and reading files (wara's own builds do) start no batch.
    /// `None` when nothing relevant happened.
    pub(crate) fn next_batch(&mut self, wait: Duration) -> Option<Batch> {
        let deadline = Instant::now() + wait;
        let first = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(ev) if is_read(&ev) => continue,
                Ok(ev) => break ev,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        };
        let started = Instant::now();
        let mut paths = BTreeSet::new();
        let mut settle = Settle::default();
        let mut rescan = self.absorb(first, &mut paths, &mut settle);
        while started.elapsed() < MAX_BATCH {
            let quiet = if settle.all_whole() {
                SETTLED_QUIET
            } else {
                QUIET
            };
            match self.rx.recv_timeout(quiet) {
                Ok(ev) => rescan |= self.absorb(ev, &mut paths, &mut settle),
                Err(_) => break,
            }
        }
        crate::site::log_time("settle", started);
        self.refresh_watches();
        let paths: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| classify(&self.root, &self.out, std::slice::from_ref(p)) != Change::Ignore)
            .collect();
        let mut change = classify(&self.root, &self.out, &paths);
        if rescan {
            // The watcher lost events (queue overflow): only a full rebuild is safe.
            change = change.max(Change::Content);
        }
        (change != Change::Ignore).then_some(Batch {
            change,
            paths,
            lost_events: rescan,
        })
    }

    /// Add an event's paths to the batch; `true` when the watcher reported an error.
    fn absorb(
        &self,
        event: notify::Result<notify::Event>,
        paths: &mut BTreeSet<PathBuf>,
        settle: &mut Settle,
    ) -> bool {
        match event {
            Ok(ev) => {
                settle.note(&ev.kind, &ev.paths, |p| {
                    classify_path(&self.root, &self.out, p) != Change::Ignore
                });
                if matches!(ev.kind, EventKind::Access(_)) {
                    return false;
                }
                let rescan = ev.need_rescan();
                paths.extend(ev.paths);
                rescan
            }
            Err(e) => {
                eprintln!(
                    "{}: {}: {e}",
                    crate::messages::warning_word(),
                    crate::messages::watcher_failed()
                );
                true
            }
        }
    }
}

/// An open or a read (wara reads every page it builds): no change.
fn is_read(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().is_ok_and(|ev| {
        matches!(
            ev.kind,
            EventKind::Access(AccessKind::Open(_) | AccessKind::Close(AccessMode::Read))
        )
    })
}

/// Which changed files of a batch are known to be whole: a file is whole once the last
/// event about it says its writer closed it (`IN_CLOSE_WRITE`) or that it was renamed into
/// place (an editor's temp write and rename). Anything else (created, written, renamed away,
/// removed, its metadata changed) leaves it unsettled, and the batch waits the full `QUIET`.
/// Systems that report no closes (macOS, Windows) always wait `QUIET`.
#[derive(Debug, Default)]
struct Settle {
    whole: BTreeMap<PathBuf, bool>,
}

impl Settle {
    /// Note an event about `paths`, of which those `relevant` says matter to the site.
    fn note(&mut self, kind: &EventKind, paths: &[PathBuf], relevant: impl Fn(&Path) -> bool) {
        for (i, p) in paths.iter().enumerate() {
            let whole = match kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => true,
                // `[from, to]`: the old name is gone, the new one is in place.
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => i > 0,
                EventKind::Access(_) => continue,
                _ => false,
            };
            if relevant(p) {
                self.whole.insert(p.clone(), whole);
            }
        }
    }

    /// Some file changed, and every changed file is whole.
    fn all_whole(&self) -> bool {
        !self.whole.is_empty() && self.whole.values().all(|&w| w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_path_by_where_it_lives() {
        let root = Path::new("/site");
        let out = Path::new("/tmp/wara-serve-7");
        let cases: &[(&str, Change)] = &[
            ("/site/site.yaml", Change::Config),
            ("/site/content/hello.md", Change::Content),
            ("/site/content/minutes/2563/05/alloc.yaml", Change::Content),
            ("/site/content/new-folder", Change::Content),
            ("/site/themes/default/templates/page.html", Change::Template),
            ("/site/themes/default/static/site.css", Change::Template),
            ("/site/static/logo.png", Change::Static),
            ("/site/content/.hello.md.swp", Change::Ignore),
            ("/site/content/hello.md.swx", Change::Ignore),
            ("/site/content/hello.md~", Change::Ignore),
            ("/site/content/.#hello.md", Change::Ignore),
            ("/site/content/#hello.md#", Change::Ignore),
            ("/site/content/4913", Change::Ignore),
            ("/site/content/hello.md.tmp", Change::Ignore),
            ("/site/static/.DS_Store", Change::Ignore),
            ("/site/themes/default/page.html___jb_tmp___", Change::Ignore),
            ("/site/dist/public/index.html", Change::Ignore),
            ("/site/README.md", Change::Ignore),
            ("/site/site.yaml.bak/x", Change::Ignore),
            ("/site/content2/x.md", Change::Ignore),
            ("/site", Change::Ignore),
            ("/elsewhere/content/x.md", Change::Ignore),
            ("/tmp/wara-serve-7/internal/index.html", Change::Ignore),
        ];
        for (path, want) in cases {
            let got = classify(root, out, &[PathBuf::from(path)]);
            assert_eq!(got, *want, "classify({path})");
        }
    }

    #[test]
    fn a_batch_is_as_strong_as_its_strongest_path() {
        let root = Path::new("/site");
        let out = Path::new("/site/.out");
        let cases: &[(&[&str], Change)] = &[
            (&[], Change::Ignore),
            (
                &["/site/content/a.md.tmp", "/site/content/a.md"],
                Change::Content,
            ),
            (
                &["/site/static/x.css", "/site/content/a.md"],
                Change::Content,
            ),
            (
                &["/site/content/a.md", "/site/themes/t/base.html"],
                Change::Template,
            ),
            (&["/site/static/a.png", "/site/site.yaml"], Change::Config),
            (
                &["/site/.out/public/index.html", "/site/content/4913"],
                Change::Ignore,
            ),
        ];
        for (paths, want) in cases {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            assert_eq!(classify(root, out, &paths), *want, "classify({paths:?})");
        }
    }

    #[test]
    fn a_batch_settles_early_only_when_every_changed_file_is_whole() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind};
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let create = EventKind::Create(CreateKind::File);
        let from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let chmod = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        let removed = EventKind::Remove(RemoveKind::File);
        let (a, b) = ("/site/content/a.md", "/site/content/b.md");
        let tmp = "/site/content/a.md.tmp";
        let backup = "/site/content/a.md~";
        /// An event's kind and paths.
        type Ev<'a> = (&'a EventKind, &'a [&'a str]);
        let cases: &[(&str, &[Ev], bool)] = &[
            ("nothing yet", &[], false),
            ("written in place", &[(&write, &[a]), (&closed, &[a])], true),
            ("still being written", &[(&write, &[a])], false),
            (
                "a read is no write",
                &[(&write, &[a]), (&read, &[a])],
                false,
            ),
            (
                "written again",
                &[(&write, &[a]), (&closed, &[a]), (&write, &[a])],
                false,
            ),
            (
                "its mode set after",
                &[(&closed, &[a]), (&chmod, &[a])],
                false,
            ),
            (
                "two files, one open",
                &[(&closed, &[a]), (&write, &[b])],
                false,
            ),
            (
                "two files, both closed",
                &[(&closed, &[a]), (&write, &[b]), (&closed, &[b])],
                true,
            ),
            (
                "temp file renamed into place",
                &[
                    (&create, &[tmp]),
                    (&write, &[tmp]),
                    (&closed, &[tmp]),
                    (&from, &[tmp]),
                    (&to, &[a]),
                    (&both, &[tmp, a]),
                ],
                true,
            ),
            (
                "only a temp file so far",
                &[(&create, &[tmp]), (&closed, &[tmp])],
                false,
            ),
            (
                "renamed away to a backup: the page is gone for now",
                &[(&from, &[a]), (&to, &[backup]), (&both, &[a, backup])],
                false,
            ),
            (
                "backup, then the new file written",
                &[
                    (&from, &[a]),
                    (&both, &[a, backup]),
                    (&create, &[a]),
                    (&write, &[a]),
                    (&closed, &[a]),
                ],
                true,
            ),
            (
                "renamed to another page",
                &[(&from, &[a]), (&to, &[b]), (&both, &[a, b])],
                false,
            ),
            ("removed", &[(&removed, &[a])], false),
        ];
        let relevant =
            |p: &Path| classify_path(Path::new("/site"), Path::new("/out"), p) != Change::Ignore;
        for (what, events, want) in cases {
            let mut settle = Settle::default();
            for (kind, paths) in *events {
                let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
                settle.note(kind, &paths, relevant);
            }
            assert_eq!(settle.all_whole(), *want, "{what}");
        }
    }

    #[test]
    fn a_read_starts_no_batch_and_a_write_in_place_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(root.join("content/hello.md"), "old").unwrap();
        let mut w = SourceWatcher::new(&root, &root.join("out")).unwrap();
        // Reading a page (as every build does) is no change.
        let _ = std::fs::read(root.join("content/hello.md")).unwrap();
        assert!(w.next_batch(Duration::from_millis(200)).is_none());
        std::fs::write(root.join("content/hello.md"), "new").unwrap();
        let batch = w
            .next_batch(Duration::from_secs(5))
            .expect("a batch for the write");
        assert_eq!(batch.paths, [root.join("content/hello.md")]);
        assert_eq!(batch.change, Change::Content);
    }

    #[test]
    fn sees_an_atomic_save_and_a_file_in_a_new_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(root.join("content/hello.md"), "old").unwrap();
        let out = root.join("out");
        let mut w = SourceWatcher::new(&root, &out).unwrap();

        std::fs::write(root.join("content/hello.md.tmp"), "new").unwrap();
        std::fs::rename(
            root.join("content/hello.md.tmp"),
            root.join("content/hello.md"),
        )
        .unwrap();
        let batch = w
            .next_batch(Duration::from_secs(5))
            .expect("a batch for the rename");
        assert_eq!(batch.change, Change::Content);
        assert!(
            batch.paths.contains(&root.join("content/hello.md")),
            "{:?}",
            batch.paths
        );

        std::fs::write(root.join("content/swapfile.swp"), "x").unwrap();
        assert!(
            w.next_batch(Duration::from_millis(300)).is_none(),
            "swap files are ignored"
        );

        std::fs::create_dir_all(root.join("content/new")).unwrap();
        let _ = w
            .next_batch(Duration::from_secs(5))
            .expect("a batch for the new folder");
        std::fs::write(root.join("content/new/page.md"), "x").unwrap();
        let batch = w
            .next_batch(Duration::from_secs(5))
            .expect("a batch for a file in the new folder");
        assert!(
            batch.paths.contains(&root.join("content/new/page.md")),
            "{:?}",
            batch.paths
        );

        std::fs::create_dir(root.join("static")).unwrap();
        let _ = w
            .next_batch(Duration::from_secs(5))
            .expect("a batch for static/ appearing");
        std::fs::write(root.join("static/logo.svg"), "<svg/>").unwrap();
        let batch = w
            .next_batch(Duration::from_secs(5))
            .expect("static/ is watched once it exists");
        assert_eq!(batch.change, Change::Static);
    }
}
