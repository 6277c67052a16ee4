//! Stage 5, write: every output the render and assets stages hand over (a path and its
//! bytes, or a file to copy) → the output folder, changed all at once or not at all. The
//! [`Sink`] is the only writer of the build.
//!
//! The output folder. A build writes only files whose bytes changed, into a
//! staging folder inside the output folder (`OUT/.wara-staging-<pid>/new/`,
//! same file system, so moving them in is a rename); when (and only when) the
//! whole build succeeded, `Output::commit` moves them into place.
//!
//! Nothing of the user's is ever deleted: wara records the files it wrote in a
//! manifest per audience (`OUT/.wara-manifest-public`, beside `OUT/public/`, so
//! a deploy of `OUT/public/` does not carry it) and removes only files of that
//! list that the build no longer makes. An output folder with files but no
//! manifest (made by someone else, or by a wara from before the manifest) is
//! refused, and so is a file of the user's where the build must write.
//!
//! The switch is a transaction, without symlinks (Windows needs privileges
//! for them): a journal lists every move before the first one; each file it
//! replaces or prunes is moved aside into `OUT/.wara-staging-<pid>/old/`
//! first; on a failure every move is undone in reverse, and a commit cut short
//! (power loss, kill) is undone from the journal by the next build. Builds of
//! one output folder take turns (a lock on `OUT/.wara-lock`). A failed build
//! never touches the previous output, and an unchanged rebuild writes nothing.
//! `check` uses a sink that writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, anyhow, bail};

use crate::diag::Diagnostic;
use rayon::prelude::*;

use crate::messages;

/// The manifest of one audience's output: `OUT/.wara-manifest-<audience>`.
pub(crate) const MANIFEST_PREFIX: &str = ".wara-manifest-";
/// Locked while a build updates the output folder.
pub(crate) const LOCK_FILE: &str = ".wara-lock";
/// `OUT/.wara-staging-<pid>/`: one build's staged files (`new/`), the files it
/// set aside (`old/`) and its journal.
const TXN_PREFIX: &str = ".wara-staging-";
/// Staging folders of wara from before the manifest: `OUT/.public.staging-<pid>`.
const LEGACY_STAGING: &[&str] = &[".public.staging-", ".internal.staging-"];
/// Files every audience output of wara has: a folder holding all of them
/// inside `static/` is a build output left there, never site content.
const OUTPUT_SIGNATURE: &[&str] = &["search-index.json", "deadlines.ics", "sitemap.xml"];

/// The files wara wrote into one audience folder, output-relative.
#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    wara_manifest: u32,
    files: BTreeSet<String>,
}

/// Every move of a commit, written (and synced) before the first one.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Journal {
    /// Audience folders moved in whole (there was no folder, or an empty one).
    whole: Vec<String>,
    /// OUT-relative files moved in from `new/`; a file they replace is set aside first.
    place: Vec<String>,
    /// OUT-relative files of the previous build that this one no longer makes.
    remove: Vec<String>,
}

/// One step of a commit, undone in reverse on failure.
enum Op {
    Moved { from: PathBuf, to: PathBuf },
    CreatedDir(PathBuf),
    RemovedDir(PathBuf),
}

/// What a commit does with the files of the previous build that this one did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prune {
    /// Remove them: a full build wrote everything the site has.
    Stale,
    /// Keep them: an incremental build wrote only what changed.
    Keep,
}

/// One build's hold on an output folder: the lock, the staging area, the commit.
/// Dropped without `commit`, it removes what it staged and the output is as before.
pub(crate) struct Output {
    out: PathBuf,
    txn: PathBuf,
    lock: Option<fs::File>,
    /// A failed commit that could not be undone leaves its journal and the
    /// files it set aside for the next build to restore.
    keep: bool,
    committed: bool,
    /// This build made the output folder, and its lock file: a failed first
    /// build takes them away again, so it leaves nothing behind.
    new_out: bool,
    new_lock: bool,
}

impl Output {
    /// Take the output folder `out` (created if missing) for the audience
    /// folders `names`, with a sink for each: refuse while another build holds
    /// it, undo a commit cut short earlier, and refuse an audience folder with
    /// files that wara has no manifest of (they are someone else's; a refused
    /// folder is left as it was).
    pub(crate) fn open(out: &Path, names: &[&str]) -> Result<(Output, Vec<Sink>)> {
        Output::open_known(out, names, None)
    }

    /// [`Output::open`] for one audience folder whose manifest the caller kept from the
    /// build that wrote it (see [`Sink::manifest_after`]): `wara serve`, which is the only
    /// writer of its private output, does not read it again for every edit.
    pub(crate) fn open_known(
        out: &Path,
        names: &[&str],
        known: Option<Arc<BTreeSet<String>>>,
    ) -> Result<(Output, Vec<Sink>)> {
        let new_out = fs::symlink_metadata(out).is_err();
        fs::create_dir_all(out).map_err(|e| anyhow!("{}", messages::cannot_create(out, &e)))?;
        let lock_path = out.join(LOCK_FILE);
        let new_lock = fs::symlink_metadata(&lock_path).is_err();
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| anyhow!("{}", messages::cannot_create(&lock_path, &e)))?;
        let lock = match lock.try_lock() {
            Ok(()) => Some(lock),
            Err(fs::TryLockError::WouldBlock) => bail!("{}", messages::output_busy(out)),
            // A file system without locks: go on, as wara did before the lock.
            Err(fs::TryLockError::Error(_)) => None,
        };
        recover_stale(out)?;
        let previous: Result<Vec<_>> = match (known, names) {
            (Some(files), [_]) => Ok(vec![files]),
            _ => names
                .iter()
                .map(|n| previous_files(out, n).map(Arc::new))
                .collect(),
        };
        let previous = match previous {
            Ok(p) => p,
            Err(e) => {
                if new_lock {
                    drop(lock);
                    let _ = fs::remove_file(&lock_path);
                }
                return Err(e);
            }
        };
        let txn = out.join(format!("{TXN_PREFIX}{}", std::process::id()));
        let output = Output {
            out: out.to_path_buf(),
            txn,
            lock,
            keep: false,
            committed: false,
            new_out,
            new_lock,
        };
        let mut sinks = Vec::new();
        for (name, previous) in names.iter().zip(previous) {
            let staging = output.txn.join("new").join(name);
            fs::create_dir_all(&staging)
                .map_err(|e| anyhow!("{}", messages::cannot_create(&staging, &e)))?;
            sinks.push(Sink {
                staging: Some(staging),
                live: out.join(name),
                name: (*name).to_owned(),
                previous,
                written: Mutex::default(),
                files: AtomicUsize::new(0),
                hashes: None,
            });
        }
        Ok((output, sinks))
    }

    /// Move the changed files of `sinks` into the output, all or nothing. With
    /// [`Prune::Stale`] (a full build), files wara wrote before and this build no
    /// longer makes are removed; with [`Prune::Keep`] (an incremental one) they stay.
    pub(crate) fn commit(mut self, sinks: Vec<Sink>, prune: Prune) -> Result<()> {
        let journal = self.plan(sinks, prune)?;
        if journal.whole.is_empty() && journal.place.is_empty() && journal.remove.is_empty() {
            self.committed = true; // nothing changed: nothing to move, nothing to sync
            return Ok(());
        }
        let path = self.txn.join("journal");
        write_synced(&path, &serde_json::to_vec(&journal)?)
            .map_err(|e| anyhow!("{}", messages::cannot_create(&path, &e)))?;
        let mut log = Vec::new();
        if let Err(e) = self.apply(&journal, &mut log) {
            return Err(match undo(&log) {
                Ok(()) => {
                    let _ = fs::remove_file(&path);
                    anyhow!("{}", messages::commit_failed_restored(&format!("{e:#}")))
                }
                Err(u) => {
                    self.keep = true;
                    anyhow!(
                        "{}",
                        messages::commit_failed_not_restored(
                            &format!("{e:#}"),
                            &format!("{u:#}"),
                            &self.txn
                        )
                    )
                }
            });
        }
        // The commit point: without its journal, the new output stands.
        self.committed = true;
        if let Err(e) = fs::remove_file(&path) {
            self.keep = true;
            bail!("{}", messages::cannot_remove(&path, &e));
        }
        for rel in &journal.remove {
            remove_empty_parents(&self.out, rel);
        }
        Ok(())
    }

    /// The journal of a commit: what to remove and what to move in, checked
    /// against files of the user's before anything moves.
    fn plan(&self, sinks: Vec<Sink>, prune: Prune) -> Result<Journal> {
        let new = self.txn.join("new");
        let mut journal = Journal::default();
        for sink in sinks {
            let Some(staging) = sink.staging else {
                continue;
            };
            let written: BTreeSet<String> = sink
                .written
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .into_keys()
                .collect();
            let name = sink.name;
            let live = sink.live;
            if prune == Prune::Stale {
                journal.remove.extend(
                    sink.previous
                        .difference(&written)
                        .filter(|rel| valid_rel(rel) && !through_symlink(&live, rel))
                        .map(|rel| format!("{name}/{rel}")),
                );
            }
            let fresh =
                fs::symlink_metadata(&live).map_or(true, |m| m.is_dir() && is_empty_dir(&live));
            if fresh {
                journal.whole.push(name.clone());
            } else {
                for entry in walkdir::WalkDir::new(&staging)
                    .min_depth(1)
                    .follow_links(false)
                    .sort_by_file_name()
                {
                    let entry = entry.map_err(std::io::Error::other)?;
                    if entry.file_type().is_dir() {
                        continue;
                    }
                    let rel = entry
                        .path()
                        .strip_prefix(&staging)
                        .unwrap_or(entry.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    let dest = live.join(&rel);
                    if !sink.previous.contains(&rel)
                        && fs::symlink_metadata(&dest).is_ok_and(|m| !m.is_dir())
                    {
                        bail!(
                            "{}",
                            messages::foreign_file_in_the_way(&self.out, &format!("{name}/{rel}"))
                        );
                    }
                    journal.place.push(format!("{name}/{rel}"));
                }
            }
            let files = if prune == Prune::Stale {
                written
            } else if written.is_subset(&sink.previous) {
                continue; // the manifest stays as it is
            } else {
                let mut all = Arc::unwrap_or_clone(sink.previous);
                all.extend(written);
                all
            };
            let manifest_name = format!("{MANIFEST_PREFIX}{name}");
            let bytes = serde_json::to_vec_pretty(&Manifest {
                wara_manifest: 1,
                files,
            })?;
            if fs::read(self.out.join(&manifest_name)).is_ok_and(|old| old == bytes) {
                continue;
            }
            let staged = new.join(&manifest_name);
            fs::write(&staged, bytes)
                .map_err(|e| anyhow!("{}", messages::cannot_create(&staged, &e)))?;
            journal.place.push(manifest_name);
        }
        Ok(journal)
    }

    /// Carry out a journal, logging each step so that it can be undone.
    fn apply(&self, journal: &Journal, log: &mut Vec<Op>) -> Result<()> {
        let new = self.txn.join("new");
        let old = self.txn.join("old");
        for rel in &journal.remove {
            let live = self.out.join(rel);
            // Gone already, or a folder now: not the file wara wrote, left alone.
            if fs::symlink_metadata(&live).is_ok_and(|m| !m.is_dir()) {
                set_aside(&live, &old.join(rel), log)?;
            }
        }
        for name in &journal.whole {
            let live = self.out.join(name);
            if live.is_dir() {
                fs::remove_dir(&live)
                    .map_err(|e| anyhow!("{}", messages::cannot_remove(&live, &e)))?;
                log.push(Op::RemovedDir(live.clone()));
            }
            move_path(&new.join(name), &live)?;
            log.push(Op::Moved {
                from: new.join(name),
                to: live,
            });
        }
        for rel in &journal.place {
            #[cfg(test)]
            tests::maybe_fail(rel)?;
            let dest = self.out.join(rel);
            make_parents(&self.out, &dest, log)?;
            match fs::symlink_metadata(&dest) {
                Ok(m) if m.is_dir() => {
                    fs::remove_dir(&dest)
                        .map_err(|_| anyhow!("{}", messages::folder_in_the_way(rel)))?;
                    log.push(Op::RemovedDir(dest.clone()));
                }
                Ok(_) => set_aside(&dest, &old.join(rel), log)?,
                Err(_) => {}
            }
            let from = new.join(rel);
            move_path(&from, &dest)?;
            log.push(Op::Moved { from, to: dest });
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        let _ = remove_tree(&self.txn);
        if !self.committed && self.new_lock {
            drop(self.lock.take());
            let _ = fs::remove_file(self.out.join(LOCK_FILE));
            if self.new_out {
                let _ = fs::remove_dir(&self.out); // only if nothing else is there
            }
        }
    }
}

/// Where one audience's files go while building.
pub(crate) struct Sink {
    /// The staging folder for changed files; `None` for a dry run.
    staging: Option<PathBuf>,
    /// The live output this build will update (compared against, never written).
    live: PathBuf,
    /// The audience folder's name in the output folder (`public`).
    name: String,
    /// The files the previous build wrote (its manifest).
    previous: Arc<BTreeSet<String>>,
    /// Every output path this build makes, changed or not, with the source
    /// file that made it first (none for files wara makes itself).
    written: Mutex<BTreeMap<String, Option<PathBuf>>>,
    /// How many files the build makes.
    pub(crate) files: AtomicUsize,
    /// Hashes of the live files, when the caller keeps them (`wara serve`).
    hashes: Option<Tracked>,
}

/// Hashes of output files by output path: what `wara serve` keeps of its previous outputs.
pub(crate) type Hashes = std::collections::HashMap<String, u64>;

/// The hashes a sink compares with, and those it made.
struct Tracked {
    known: Hashes,
    made: Mutex<Hashes>,
}

/// The bytes alone, no length first: a file written in pieces ([`SinkFile`]) hashes the same.
fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

impl Sink {
    /// A sink that writes nothing (`wara check`).
    pub(crate) fn dry() -> Sink {
        Sink {
            staging: None,
            live: PathBuf::new(),
            name: String::new(),
            previous: Arc::default(),
            written: Mutex::default(),
            files: AtomicUsize::new(0),
            hashes: None,
        }
    }

    /// The manifest a commit of this sink leaves, with `prune` (what a later
    /// [`Output::open_known`] of the same folder is given).
    pub(crate) fn manifest_after(&self, prune: Prune) -> Arc<BTreeSet<String>> {
        let written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        if prune == Prune::Keep && written.keys().all(|k| self.previous.contains(k)) {
            return Arc::clone(&self.previous);
        }
        let mut files: BTreeSet<String> = written.keys().cloned().collect();
        if prune == Prune::Keep {
            files.extend(self.previous.iter().cloned());
        }
        Arc::new(files)
    }

    /// Compare what is written with `known` (hashes of the live files, as a previous build
    /// made them) rather than with the files themselves; see [`Sink::take_hashes`].
    pub(crate) fn track_hashes(&mut self, known: Hashes) {
        self.hashes = Some(Tracked {
            known,
            made: Mutex::default(),
        });
    }

    /// Does this sink keep hashes ([`Sink::track_hashes`]): is it `wara serve`'s?
    pub(crate) fn keeps_hashes(&self) -> bool {
        self.hashes.is_some()
    }

    /// The hashes given to [`Sink::track_hashes`], and those of every file this build wrote
    /// or found unchanged, by output path.
    pub(crate) fn take_hashes(&mut self) -> (Hashes, Hashes) {
        match self.hashes.take() {
            Some(t) => (
                t.known,
                t.made.into_inner().unwrap_or_else(PoisonError::into_inner),
            ),
            None => Default::default(),
        }
    }

    /// Check `rel`, note it as made by this build (from `source`), and say
    /// where a changed version goes. A name Windows cannot hold is refused (see
    /// `crate::slug`): the build must be the same on every system.
    fn target(&self, rel: &str, source: Option<&Path>) -> Result<(String, Option<PathBuf>)> {
        let rel = rel.trim_start_matches('/');
        if !valid_rel(rel) {
            bail!("{}", messages::outside_output(rel));
        }
        if let Some((bad, good)) = crate::slug::unsafe_segment(rel) {
            anyhow::bail!(
                "ชื่อ `{bad}` ใช้บน Windows ไม่ได้ (ลงท้ายด้วยจุดหรือช่องว่าง มีอักขระ <>:\"\\|?* หรือเป็นชื่อสงวนอย่าง CON, NUL, COM1) \
                 ให้เปลี่ยนชื่อเป็น `{good}` \
                 (the name `{bad}` in `{rel}` cannot be used on Windows: rename it, e.g. to `{good}`)"
            );
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(rel.to_owned())
            .or_insert_with(|| source.map(Path::to_path_buf));
        Ok((rel.to_owned(), self.staging.as_ref().map(|s| s.join(rel))))
    }

    /// Output files whose names differ only in case (`a/OTOP.pdf`, `a/otop.pdf`):
    /// one file on Windows, so an error naming both sources, in path order.
    pub(crate) fn collisions(&self) -> Vec<Diagnostic> {
        let written = self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut seen: BTreeMap<String, (&String, &Option<PathBuf>)> = BTreeMap::new();
        let mut out = Vec::new();
        for (rel, source) in written.iter() {
            let Some((first, first_source)) = seen.get(&crate::slug::fold(rel)).copied() else {
                seen.insert(crate::slug::fold(rel), (rel, source));
                continue;
            };
            let shown = |s: &Option<PathBuf>, r: &str| {
                s.as_ref()
                    .map_or_else(|| r.to_owned(), |p| crate::diag::slash(p))
            };
            let (a, b) = (shown(first_source, first), shown(source, rel));
            out.push(
                Diagnostic::error(source.clone().unwrap_or_else(|| PathBuf::from(rel)), format!(
                        "ไฟล์ผลลัพธ์ `{first}` (จาก `{a}`) กับ `{rel}` (จาก `{b}`) ต่างกันแค่ตัวพิมพ์เล็กใหญ่ บน Windows จึงเป็นไฟล์เดียวกัน \
                         (the output files `{first}` from `{a}` and `{rel}` from `{b}` differ only in case: on Windows they are one file)"
                    ),
                )
                .with_hint("เปลี่ยนชื่อไฟล์หรือโฟลเดอร์หนึ่งในสองให้ต่างกันมากกว่าตัวพิมพ์เล็กใหญ่"),
            );
        }
        out
    }

    fn prepare(path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| messages::cannot_create_path(dir))?;
        }
        Ok(())
    }

    /// Write bytes at an output-relative path (`minutes/2563/05/index.html`).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.write_from(rel, bytes, None)
    }

    /// Write bytes made from `source` (a page's file), named in collision errors.
    pub(crate) fn write_from(&self, rel: &str, bytes: &[u8], source: Option<&Path>) -> Result<()> {
        let (rel, Some(path)) = self.target(rel, source)? else {
            return Ok(());
        };
        let mut known = None;
        if let Some(t) = &self.hashes {
            let hash = hash_bytes(bytes);
            known = t.known.get(&rel).map(|&k| k == hash);
            t.made
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(rel.clone(), hash);
        }
        let same = match known {
            Some(same) => same,
            None => fs::read(self.live.join(&rel)).is_ok_and(|old| old == bytes),
        };
        if same {
            return Ok(());
        }
        Self::prepare(&path)?;
        fs::write(&path, bytes).with_context(|| messages::cannot_write_path(&path))
    }

    /// A file written as it is made, at an output-relative path: for a large file, which is
    /// then never whole in memory. Its bytes are compared with the live file as they come
    /// and staged only from where they differ; [`SinkFile::finish`] completes it (a file
    /// not finished stays staged, as a failed build's, which is never committed).
    pub(crate) fn create(&self, rel: &str) -> Result<SinkFile<'_>> {
        self.create_from(rel, None)
    }

    /// [`Sink::create`] for a file made from `source` (named in collision errors).
    pub(crate) fn create_from(&self, rel: &str, source: Option<&Path>) -> Result<SinkFile<'_>> {
        let (rel, path) = self.target(rel, source)?;
        let Some(path) = path else {
            return Ok(SinkFile {
                sink: self,
                rel,
                path: None,
                live: None,
                matched: 0,
                out: None,
                hasher: None,
                known: None,
                scratch: Vec::new(),
                failed: None,
            });
        };
        let known = self
            .hashes
            .as_ref()
            .and_then(|t| t.known.get(&rel).copied());
        let hasher = self
            .hashes
            .as_ref()
            .map(|_| std::collections::hash_map::DefaultHasher::new());
        // A known hash stands for the live file (not read); otherwise the live file is read
        // along, if there is one.
        let live = match known {
            Some(_) => None,
            None => fs::File::open(self.live.join(&rel))
                .ok()
                .map(std::io::BufReader::new),
        };
        let mut file = SinkFile {
            sink: self,
            rel,
            path: Some(path),
            live,
            matched: 0,
            out: None,
            hasher,
            known,
            scratch: Vec::new(),
            failed: None,
        };
        if file.live.is_none() {
            file.stage().map_err(|e| file.error(e))?;
        }
        Ok(file)
    }

    /// Copy a source file to an output-relative path.
    pub(crate) fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        let (rel, Some(path)) = self.target(rel, Some(src))? else {
            return Ok(());
        };
        let old = self.live.join(&rel);
        let same_size =
            matches!((fs::metadata(&old), fs::metadata(src)), (Ok(a), Ok(b)) if a.len() == b.len());
        if same_size && matches!((fs::read(&old), fs::read(src)), (Ok(a), Ok(b)) if a == b) {
            return Ok(());
        }
        Self::prepare(&path)?;
        fs::copy(src, &path)
            .map(|_| ())
            .with_context(|| messages::cannot_copy_path(src, &path))
    }

    /// Does this sink write nothing (`wara check`)?
    pub(crate) fn is_dry(&self) -> bool {
        self.staging.is_none()
    }

    /// Has this build already made this file?
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(rel.trim_start_matches('/'))
    }
}

/// An output file being written (see [`Sink::create`]).
pub(crate) struct SinkFile<'s> {
    sink: &'s Sink,
    rel: String,
    /// Where a changed file is staged; `None` for a dry sink.
    path: Option<PathBuf>,
    /// The live file, read along while every byte so far matches it.
    live: Option<std::io::BufReader<fs::File>>,
    /// How many bytes matched the live file before it was let go.
    matched: u64,
    /// The staged file, once the bytes differ from the live file (or there is none).
    out: Option<std::io::BufWriter<fs::File>>,
    hasher: Option<std::collections::hash_map::DefaultHasher>,
    /// The live file's hash as the caller knows it ([`Sink::track_hashes`]).
    known: Option<u64>,
    scratch: Vec<u8>,
    /// The first write error: the file is not written, [`SinkFile::finish`] says why.
    failed: Option<std::io::Error>,
}

impl SinkFile<'_> {
    /// Start the staged file, with the bytes that matched the live file so far.
    fn stage(&mut self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, fs::File::create(path)?);
        if self.matched > 0 {
            let live = fs::File::open(self.sink.live.join(&self.rel))?;
            let copied = std::io::copy(&mut std::io::Read::take(live, self.matched), &mut out)?;
            if copied != self.matched {
                return Err(std::io::Error::other(
                    messages::live_file_changed().to_string(),
                ));
            }
        }
        self.live = None;
        self.out = Some(out);
        Ok(())
    }

    /// Did a write fail (the render that wrote it then failed too, for this reason)?
    pub(crate) fn has_failed(&self) -> bool {
        self.failed.is_some()
    }

    fn error(&self, e: std::io::Error) -> anyhow::Error {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.rel));
        anyhow::Error::new(e).context(messages::cannot_write_path(&path))
    }

    /// Complete the file: an unchanged one leaves nothing staged.
    pub(crate) fn finish(mut self) -> Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(self.error(e));
        }
        if self.path.is_none() {
            return Ok(());
        }
        if let Some(live) = &mut self.live {
            // Every byte matched: the same file unless the live one goes on.
            let mut one = [0u8; 1];
            match std::io::Read::read(live, &mut one) {
                Ok(0) => self.live = None,
                _ => self.stage().map_err(|e| self.error(e))?,
            }
        }
        let hash = self.hasher.take().map(|h| std::hash::Hasher::finish(&h));
        if let (Some(t), Some(hash)) = (&self.sink.hashes, hash) {
            t.made
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(self.rel.clone(), hash);
        }
        let Some(out) = self.out.take() else {
            return Ok(()); // the live file's bytes
        };
        let file = out.into_inner().map_err(|e| self.error(e.into_error()))?;
        drop(file);
        if self.known.is_some() && self.known == hash {
            // Staged from the start (the hash stood for the live file): the same after all.
            if let Some(path) = &self.path {
                fs::remove_file(path).map_err(|e| self.error(e))?;
            }
        }
        Ok(())
    }
}

impl Write for SinkFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(e) = &self.failed {
            return Err(std::io::Error::new(e.kind(), e.to_string()));
        }
        self.write_bytes(buf).map_err(|e| {
            let told = std::io::Error::new(e.kind(), e.to_string());
            self.failed = Some(e);
            told
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

impl SinkFile<'_> {
    fn write_bytes(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.path.is_none() {
            return Ok(buf.len());
        }
        if let Some(h) = &mut self.hasher {
            std::hash::Hasher::write(h, buf);
        }
        if let Some(live) = &mut self.live {
            self.scratch.resize(buf.len(), 0);
            let mut got = 0;
            while got < buf.len() {
                match std::io::Read::read(live, &mut self.scratch[got..]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got += n,
                }
            }
            if got == buf.len() && self.scratch == buf {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
            self.scratch = Vec::new();
            self.stage()?;
        }
        match &mut self.out {
            Some(out) => out.write_all(buf).map(|()| buf.len()),
            None => Ok(buf.len()),
        }
    }
}

/// An output-relative path that stays inside the output.
fn valid_rel(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.split('/').any(|s| s == ".." || s.contains('\\'))
        && !Path::new(rel).is_absolute()
}

/// Does `live/rel` pass through a symlink below `live` (a folder the user
/// replaced with a link to somewhere else)? `live` itself may be one.
fn through_symlink(live: &Path, rel: &str) -> bool {
    let mut p = live.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    parts[..parts.len().saturating_sub(1)].iter().any(|s| {
        p.push(s);
        fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// The files wara wrote into `out/name` before (its manifest); an error for a
/// folder with files and no manifest.
fn previous_files(out: &Path, name: &str) -> Result<BTreeSet<String>> {
    let live = out.join(name);
    let manifest = out.join(format!("{MANIFEST_PREFIX}{name}"));
    match read_manifest(&manifest) {
        Ok(Some(files)) => Ok(files),
        Ok(None) | Err(_) if !has_files(&live) => Ok(BTreeSet::new()),
        Ok(None) => bail!("{}", messages::foreign_output(out, &live, &manifest)),
        Err(e) => bail!("{}", messages::bad_manifest(&manifest, &format!("{e:#}"))),
    }
}

fn read_manifest(path: &Path) -> Result<Option<BTreeSet<String>>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let m: Manifest = serde_json::from_slice(&bytes)?;
    if m.wara_manifest != 1 {
        bail!("{}", messages::manifest_version(m.wara_manifest));
    }
    Ok(Some(m.files))
}

/// Does `dir` hold any file (or is it something other than a folder)?
/// An unreadable folder counts as holding files.
fn has_files(dir: &Path) -> bool {
    if fs::symlink_metadata(dir).is_err() {
        return false;
    }
    if !dir.is_dir() {
        return true;
    }
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .any(|e| e.map_or(true, |e| !e.file_type().is_dir()))
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Write a file whole or not at all: a temporary file, synced, renamed.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, path)
}

/// Rename; a file crossing file systems (`OUT/public` a link to a web root on
/// another disk) is copied and the original removed.
fn move_path(from: &Path, to: &Path) -> Result<()> {
    match fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::CrossesDevices && from.is_file() => {
            fs::copy(from, to)
                .and_then(|_| fs::remove_file(from))
                .map_err(|e| anyhow!("{}", messages::cannot_move(from, to, &e)))
        }
        Err(e) => Err(anyhow!("{}", messages::cannot_move(from, to, &e))),
    }
}

/// Move a live file into the set-aside folder.
fn set_aside(live: &Path, aside: &Path, log: &mut Vec<Op>) -> Result<()> {
    if let Some(dir) = aside.parent() {
        fs::create_dir_all(dir).map_err(|e| anyhow!("{}", messages::cannot_create(dir, &e)))?;
    }
    move_path(live, aside)?;
    log.push(Op::Moved {
        from: live.to_path_buf(),
        to: aside.to_path_buf(),
    });
    Ok(())
}

/// Create the missing folders above `dest` (below `out`), logging each; a file
/// where a folder must go stops the commit.
fn make_parents(out: &Path, dest: &Path, log: &mut Vec<Op>) -> Result<()> {
    let Some(rel) = dest.parent().and_then(|p| p.strip_prefix(out).ok()) else {
        return Ok(());
    };
    let mut dir = out.to_path_buf();
    for c in rel.components() {
        dir.push(c);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.file_type().is_symlink() && dir.is_dir() => {}
            Ok(_) => bail!("{}", messages::file_where_folder(&shown(out, &dir))),
            Err(_) => {
                fs::create_dir(&dir)
                    .map_err(|e| anyhow!("{}", messages::cannot_create(&dir, &e)))?;
                log.push(Op::CreatedDir(dir.clone()));
            }
        }
    }
    Ok(())
}

/// Undo logged steps in reverse. Every step is tried; the first failure is returned.
fn undo(log: &[Op]) -> Result<()> {
    let mut first = None;
    for op in log.iter().rev() {
        let r = match op {
            Op::Moved { from, to } => from
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .map_err(anyhow::Error::from)
                .and_then(|()| move_path(to, from)),
            // A folder that holds files now was not only ours: it stays.
            Op::CreatedDir(d) => {
                let _ = fs::remove_dir(d);
                Ok(())
            }
            Op::RemovedDir(d) => fs::create_dir(d).map_err(anyhow::Error::from),
        };
        if let Err(e) = r {
            first.get_or_insert(e);
        }
    }
    first.map_or(Ok(()), Err)
}

/// After a commit, remove folders its pruning left empty (not the audience folder).
fn remove_empty_parents(out: &Path, rel: &str) {
    let parts: Vec<&str> = rel.split('/').collect();
    for n in (2..parts.len()).rev() {
        if fs::remove_dir(out.join(parts[..n].join("/"))).is_err() {
            break;
        }
    }
}

/// `name` is `prefix` followed by a process id.
fn numbered(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Staging folders left by builds that are gone: a commit cut short is undone
/// from its journal first, so the output is the previous build's again.
fn recover_stale(out: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = numbered(&name, TXN_PREFIX);
        let legacy = LEGACY_STAGING.iter().any(|p| numbered(&name, p));
        if !(ours || legacy) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        if ours {
            roll_back(out, &dir)
                .map_err(|e| anyhow!("{}", messages::recovery_failed(&dir, &format!("{e:#}"))))?;
        }
        remove_tree(&dir).map_err(|e| anyhow!("{}", messages::cannot_remove(&dir, &e)))?;
    }
    Ok(())
}

/// Undo an interrupted commit from its journal and what the folders hold: a
/// file no longer in `new/` was moved in, a file in `old/` was set aside.
/// Safe to run again after a partial undo.
fn roll_back(out: &Path, txn: &Path) -> Result<()> {
    let path = txn.join("journal");
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        // No journal: nothing was moved yet, or the commit finished.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let journal: Journal = serde_json::from_slice(&bytes).context("journal")?;
    let (new, old) = (txn.join("new"), txn.join("old"));
    let exists = |p: &Path| fs::symlink_metadata(p).is_ok();
    let mut made = BTreeSet::new();
    for rel in journal.place.iter().filter(|r| valid_rel(r)).rev() {
        let dest = out.join(rel);
        if !exists(&new.join(rel)) && fs::symlink_metadata(&dest).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&dest)?;
        }
        let aside = old.join(rel);
        if exists(&aside) {
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir)?;
            }
            move_path(&aside, &dest)?;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        made.extend((2..parts.len()).map(|n| out.join(parts[..n].join("/"))));
    }
    for name in journal.whole.iter().filter(|r| valid_rel(r)).rev() {
        let (dest, staged) = (out.join(name), new.join(name));
        if !exists(&staged) && dest.is_dir() {
            fs::rename(&dest, &staged)?;
        }
    }
    for rel in journal.remove.iter().filter(|r| valid_rel(r)).rev() {
        let aside = old.join(rel);
        if exists(&aside) {
            let dest = out.join(rel);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir)?;
            }
            move_path(&aside, &dest)?;
        }
    }
    let mut made: Vec<PathBuf> = made.into_iter().collect();
    made.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in made {
        let _ = fs::remove_dir(&d); // a folder with files stays
    }
    fs::remove_file(&path)?;
    Ok(())
}

/// `dir` as shown to the user: relative to the output folder, with `/`.
fn shown(out: &Path, dir: &Path) -> String {
    dir.strip_prefix(out)
        .unwrap_or(dir)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Refuse an output folder inside the site's `content/`, `static/` or
/// `themes/`: the next build would publish the previous one (the internal
/// audience included) as site files. `dist/` in the site root is fine.
pub(crate) fn check_location(root: &Path, out: &Path) -> Result<()> {
    let out_abs = resolve(out);
    for part in ["content", "static", "themes"] {
        let dir = resolve(&root.join(part));
        if out_abs.starts_with(&dir) {
            bail!("{}", messages::output_inside_site(out, part));
        }
    }
    Ok(())
}

/// An absolute path with `.`/`..` taken out and the part that exists resolved
/// (symlinks followed), for comparing folders that may not exist yet.
fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_owned()),
            existing.parent(),
        ) {
            (Some(n), Some(parent)) => {
                rest.push(n);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}

/// A folder that wara made and that is never site content: a build output (it
/// holds the lock, a manifest, or every file of an audience output), a
/// staging folder, or a `wara serve` preview folder.
pub(crate) fn is_own_folder(dir: &Path) -> bool {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    numbered(&name, TXN_PREFIX)
        || numbered(&name, "wara-serve-")
        || LEGACY_STAGING.iter().any(|p| numbered(&name, p))
        || dir.join(LOCK_FILE).exists()
        || ["public", "internal"]
            .iter()
            .any(|a| dir.join(format!("{MANIFEST_PREFIX}{a}")).exists())
        || OUTPUT_SIGNATURE.iter().all(|f| dir.join(f).is_file())
}

/// A file of wara's bookkeeping (lock, manifest), never site content.
pub(crate) fn is_own_file(name: &str) -> bool {
    name == LOCK_FILE || name.starts_with(MANIFEST_PREFIX)
}

/// Remove a folder tree, files in parallel: on this kind of disk (ext4 with
/// `discard`) unlinking is mostly waiting, and waits overlap well.
pub(crate) fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files
        .par_iter()
        .with_min_len(64)
        .try_for_each(fs::remove_file)?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        fs::remove_dir(&d)?;
    }
    Ok(())
}

/// The output-relative file of a page URL: `/a/b/` → `a/b/index.html`;
/// `/404.html` → `404.html`, but `/tags/index.html/` is a folder like any other.
/// The output folder of a page URL, relative: `/a/b/` → `a/b/`.
pub(crate) fn out_dir(url: &str) -> String {
    url.trim_start_matches('/').to_owned()
}

pub(crate) fn page_file(url: &str) -> String {
    let u = url.trim_matches('/');
    if u.ends_with(".html") && !url.ends_with('/') {
        return u.to_owned();
    }
    if u.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{u}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local! {
        /// The OUT-relative path at which `apply` fails, to simulate a failure mid-commit.
        static FAIL_AT: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    pub(super) fn maybe_fail(rel: &str) -> Result<()> {
        FAIL_AT.with(|f| match f.borrow().as_deref() {
            Some(at) if at == rel => Err(anyhow!("simulated failure at `{rel}`")),
            _ => Ok(()),
        })
    }

    fn fail_at(rel: Option<&str>) {
        FAIL_AT.with(|f| *f.borrow_mut() = rel.map(str::to_owned));
    }

    /// Build `files` into `out/public` (a full build).
    fn build(out: &Path, files: &[(&str, &str)]) -> Result<()> {
        let (o, mut sinks) = Output::open(out, &["public"])?;
        let sink = sinks.remove(0);
        for (rel, text) in files {
            sink.write(rel, text.as_bytes())?;
        }
        o.commit(vec![sink], Prune::Stale)
    }

    /// Every path under a folder with its bytes (`None` for a folder).
    type Tree = Vec<(String, Option<Vec<u8>>)>;

    /// Every entry under `dir`: path → bytes (`None` for a folder).
    fn tree(dir: &Path) -> Tree {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (
                    rel,
                    e.file_type().is_file().then(|| fs::read(e.path()).unwrap()),
                )
            })
            .collect()
    }

    /// Write `text` through a [`SinkFile`] in pieces of `n` bytes.
    fn stream(sink: &Sink, rel: &str, text: &str, n: usize) {
        let mut f = sink.create(rel).unwrap();
        for piece in text.as_bytes().chunks(n) {
            f.write_all(piece).unwrap();
        }
        f.finish().unwrap();
    }

    /// The staged files of a sink, path → text.
    fn staged(sink: &Sink) -> Vec<(String, String)> {
        let dir = sink.staging.as_ref().unwrap();
        tree(dir)
            .into_iter()
            .filter_map(|(rel, b)| Some((rel, String::from_utf8(b?).unwrap())))
            .collect()
    }

    #[test]
    fn a_streamed_file_is_staged_only_when_it_differs_from_the_live_one() {
        let dir = tempfile::tempdir().unwrap();
        let live = [
            ("a.txt", "hello world"),
            ("b/same.txt", "the same bytes"),
            ("c.txt", "the live file goes on"),
            ("d.txt", "short"),
        ];
        build(dir.path(), &live).unwrap();
        let (o, mut sinks) = Output::open(dir.path(), &["public"]).unwrap();
        let sink = sinks.remove(0);
        stream(&sink, "a.txt", "hello there", 3); // differs in the middle
        stream(&sink, "b/same.txt", "the same bytes", 4); // unchanged
        stream(&sink, "c.txt", "the live file", 5); // a prefix of the live file
        stream(&sink, "d.txt", "short and more", 2); // the live file is its prefix
        stream(&sink, "e.txt", "new", 1);
        assert_eq!(
            staged(&sink),
            [
                ("a.txt".to_owned(), "hello there".to_owned()),
                ("c.txt".to_owned(), "the live file".to_owned()),
                ("d.txt".to_owned(), "short and more".to_owned()),
                ("e.txt".to_owned(), "new".to_owned()),
            ]
        );
        o.commit(vec![sink], Prune::Stale).unwrap();
        let public = dir.path().join("public");
        for (rel, text) in [
            ("a.txt", "hello there"),
            ("b/same.txt", "the same bytes"),
            ("c.txt", "the live file"),
            ("d.txt", "short and more"),
            ("e.txt", "new"),
        ] {
            assert_eq!(fs::read_to_string(public.join(rel)).unwrap(), text, "{rel}");
        }
    }

    #[test]
    fn a_streamed_file_is_compared_by_the_hash_the_caller_keeps() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &[("a.txt", "old"), ("b.txt", "kept")]).unwrap();
        let (o, mut sinks) = Output::open(dir.path(), &["public"]).unwrap();
        let mut sink = sinks.remove(0);
        // The hashes stand for the live files, which are not read: `a.txt` is said to be
        // "new" already, `b.txt` to be something else.
        let known: Hashes = [
            ("a.txt".to_owned(), hash_bytes(b"new")),
            ("b.txt".to_owned(), hash_bytes(b"other")),
        ]
        .into();
        sink.track_hashes(known);
        stream(&sink, "a.txt", "new", 1);
        stream(&sink, "b.txt", "kept", 3);
        assert_eq!(staged(&sink), [("b.txt".to_owned(), "kept".to_owned())]);
        let (_, made) = sink.take_hashes();
        // Written in pieces, hashed as the whole bytes (as `write` hashes them).
        assert_eq!(made.get("a.txt"), Some(&hash_bytes(b"new")));
        assert_eq!(made.get("b.txt"), Some(&hash_bytes(b"kept")));
        drop(o);
    }

    #[test]
    fn page_files() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/minutes/2563/05/"), "minutes/2563/05/index.html");
        assert_eq!(page_file("/404.html"), "404.html");
        assert_eq!(page_file("/tags/index.html/"), "tags/index.html/index.html");
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let (o, mut sinks) = Output::open(dir.path(), &["public"]).unwrap();
        let sink = sinks.remove(0);
        assert!(sink.write("../x", b"no").is_err());
        assert!(sink.write("a/../../x", b"no").is_err());
        sink.write("a/b.txt", b"ok").unwrap();
        o.commit(vec![sink], Prune::Stale).unwrap();
        assert_eq!(fs::read(dir.path().join("public/a/b.txt")).unwrap(), b"ok");
    }

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("public");
        build(
            dir.path(),
            &[("same.txt", "1"), ("old.txt", "1"), ("gone/x.txt", "1")],
        )
        .unwrap();
        let before = fs::metadata(live.join("same.txt"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        build(dir.path(), &[("same.txt", "1"), ("old.txt", "2")]).unwrap();
        assert_eq!(
            fs::metadata(live.join("same.txt"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert_eq!(fs::read(live.join("old.txt")).unwrap(), b"2");
        assert!(!live.join("gone").exists());
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".wara-lock", ".wara-manifest-public", "public"]);
    }

    #[test]
    fn only_files_of_the_manifest_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &[("a.html", "1"), ("sub/b.html", "1")]).unwrap();
        fs::write(dir.path().join("public/mine.php"), "<?php").unwrap();
        fs::write(dir.path().join("public/sub/photo.jpg"), "jpg").unwrap();
        build(dir.path(), &[("a.html", "2")]).unwrap();
        assert_eq!(
            fs::read(dir.path().join("public/mine.php")).unwrap(),
            b"<?php"
        );
        assert_eq!(
            fs::read(dir.path().join("public/sub/photo.jpg")).unwrap(),
            b"jpg"
        );
        assert!(!dir.path().join("public/sub/b.html").exists());
    }

    #[test]
    fn a_forged_manifest_prunes_nothing_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("out");
        build(&out, &[("a.html", "1")]).unwrap();
        fs::write(
            out.join(".wara-manifest-public"),
            r#"{"wara_manifest":1,"files":["../../victim.txt","a.html"]}"#,
        )
        .unwrap();
        build(&out, &[("a.html", "1")]).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
    }

    #[test]
    fn a_folder_with_files_and_no_manifest_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("public/photos")).unwrap();
        fs::write(dir.path().join("public/photos/wedding.jpg"), "jpg").unwrap();
        let before = tree(dir.path());
        let e = build(dir.path(), &[("index.html", "x")]).unwrap_err();
        assert!(e.to_string().contains("ไม่ได้แตะไฟล์ใดเลย"), "{e}");
        assert_eq!(tree(dir.path()), before, "not even a lock file is left");
        // Empty folders only: nothing of anyone's to lose.
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("public/empty")).unwrap();
        build(dir.path(), &[("index.html", "x")]).unwrap();
    }

    /// An output folder holding a.html, b/c.html and old.html from one build, and its tree.
    fn three_files_built() -> (tempfile::TempDir, Tree) {
        let dir = tempfile::tempdir().unwrap();
        build(
            dir.path(),
            &[("a.html", "1"), ("b/c.html", "1"), ("old.html", "1")],
        )
        .unwrap();
        let before = tree(dir.path());
        (dir, before)
    }

    #[test]
    fn a_failed_commit_is_undone_and_leaves_no_staging() {
        let (dir, before) = three_files_built();
        fail_at(Some("public/z/new.html"));
        let e = build(
            dir.path(),
            &[
                ("a.html", "2"),
                ("b/c.html", "2"),
                ("d/e.html", "2"),
                ("z/new.html", "2"),
            ],
        )
        .unwrap_err();
        fail_at(None);
        assert!(e.to_string().contains("คืนผลลัพธ์ครั้งก่อนให้ครบแล้ว"), "{e}");
        assert_eq!(tree(dir.path()), before);
    }

    #[test]
    fn a_commit_cut_short_is_undone_by_the_next_build() {
        let (dir, before) = three_files_built();
        // A commit that stops half way, as at a power cut: no undo, journal and set-aside files kept.
        let (mut o, mut sinks) = Output::open(dir.path(), &["public"]).unwrap();
        let sink = sinks.remove(0);
        for (rel, text) in [
            ("a.html", "2"),
            ("b/c.html", "2"),
            ("d/e.html", "2"),
            ("z.html", "2"),
        ] {
            sink.write(rel, text.as_bytes()).unwrap();
        }
        let journal = o.plan(vec![sink], Prune::Stale).unwrap();
        write_synced(
            &o.txn.join("journal"),
            &serde_json::to_vec(&journal).unwrap(),
        )
        .unwrap();
        fail_at(Some("public/z.html"));
        let mut log = Vec::new();
        assert!(o.apply(&journal, &mut log).is_err());
        fail_at(None);
        assert_eq!(
            fs::read(dir.path().join("public/a.html")).unwrap(),
            b"2",
            "half moved"
        );
        o.keep = true;
        drop(o);
        // The next build restores the previous output before it starts.
        drop(Output::open(dir.path(), &["public"]).unwrap());
        assert_eq!(tree(dir.path()), before);
    }

    #[test]
    fn a_user_file_where_the_build_writes_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &[("a.html", "1")]).unwrap();
        fs::write(dir.path().join("public/b.html"), "mine").unwrap();
        let before = tree(dir.path());
        let e = build(dir.path(), &[("a.html", "2"), ("b.html", "wara")]).unwrap_err();
        assert!(e.to_string().contains("public/b.html"), "{e}");
        assert_eq!(tree(dir.path()), before);
    }

    #[test]
    fn output_inside_content_static_or_themes_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["content/news", "static", "themes/default"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        for bad in [
            "content/news/out",
            "static",
            "static/x/y",
            "themes/default/out",
            "dist/../static/o",
        ] {
            assert!(check_location(root, &root.join(bad)).is_err(), "{bad}");
        }
        for good in ["dist", "contents", "public"] {
            assert!(check_location(root, &root.join(good)).is_ok(), "{good}");
        }
    }

    #[test]
    fn own_folders_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("o");
        build(&out, &[("a.html", "1")]).unwrap();
        assert!(is_own_folder(&out));
        assert!(is_own_folder(Path::new(".wara-staging-12")));
        assert!(is_own_folder(Path::new(".public.staging-12")));
        let internal = dir.path().join("internal");
        fs::create_dir_all(&internal).unwrap();
        for f in OUTPUT_SIGNATURE {
            fs::write(internal.join(f), "").unwrap();
        }
        assert!(is_own_folder(&internal));
        assert!(!is_own_folder(&dir.path().join(".well-known")));
        assert!(!is_own_folder(Path::new("wara-serve-demo")));
    }
}
