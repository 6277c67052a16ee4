//! The private output dir of `wara serve`: `<parent>/wara-serve-<pid>`,
//! never the user's `dist/`, removed on a clean stop (and by the next serve
//! if this one was killed).

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The private output dir, removed on drop.
pub(super) struct TempOut {
    pub(super) path: PathBuf,
}

impl TempOut {
    pub(super) fn create() -> anyhow::Result<Self> {
        let parent = parent_dir();
        remove_orphans(&parent);
        let path = parent.join(format!("wara-serve-{}", std::process::id()));
        if path.symlink_metadata().is_ok() {
            // Left over from an earlier process with the same id.
            std::fs::remove_dir_all(&path).with_context(|| crate::messages::cannot_clear(&path))?;
        }
        create_private(&path)
            .with_context(|| crate::messages::cannot_create_preview_folder(&path))?;
        let path = path
            .canonicalize()
            .with_context(|| crate::messages::cannot_resolve(&path))?;
        Ok(Self { path })
    }
}

/// Create `path` (not its parents) readable by its owner only: the preview
/// holds the internal portal, and the temp folder is shared by every user.
/// Fails if anything, a symlink included, is already there.
fn create_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    let builder = {
        let mut b = std::fs::DirBuilder::new();
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b
    };
    #[cfg(not(unix))]
    let builder = std::fs::DirBuilder::new();
    builder.create(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

impl Drop for TempOut {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// `$TMPDIR` when the user set it; else the tmpfs `/dev/shm` when it is
/// writable and roomy, because every rebuild writes the whole site and deletes
/// the previous one, which on a disk with few IOPS costs tens of seconds for
/// 10,000 pages (0.9 s on tmpfs; see `benches/serve_latency.sh`); else the
/// system temp dir.
pub(super) fn parent_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none()
        && let Ok(mounts) = std::fs::read_to_string("/proc/mounts")
        && roomy_tmpfs(&mounts, "/dev/shm")
        && writable(shm)
    {
        return shm.to_path_buf();
    }
    std::env::temp_dir()
}

/// Smallest tmpfs worth using: a 10,000-page site's output is about 85 MB.
const MIN_TMPFS_KIB: u64 = 1024 * 1024;

/// Whether `/proc/mounts` text shows a tmpfs at `at` of at least `MIN_TMPFS_KIB`
/// (containers often mount a 64 MB one). No `size=` means half the RAM.
pub(super) fn roomy_tmpfs(mounts: &str, at: &str) -> bool {
    mounts.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, point, kind, options, ..] = fields[..] else {
            return false;
        };
        point == at
            && kind == "tmpfs"
            && options
                .split(',')
                .find_map(|o| o.strip_prefix("size="))
                .is_none_or(|size| size_kib(size).is_some_and(|k| k >= MIN_TMPFS_KIB))
    })
}

/// `24684096k`, `64m`, `2g`, `1048576` (bytes) → KiB. A `%` size is unknown.
fn size_kib(size: &str) -> Option<u64> {
    let split = size
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(size.len());
    let (digits, unit) = size.split_at(split);
    let n: u64 = digits.parse().ok()?;
    match unit {
        "" => Some(n / 1024),
        "k" | "K" => Some(n),
        "m" | "M" => n.checked_mul(1024),
        "g" | "G" => n.checked_mul(1024 * 1024),
        _ => None,
    }
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".wara-serve-probe-{}", std::process::id()));
    let ok = std::fs::create_dir(&probe).is_ok();
    let _ = std::fs::remove_dir(&probe);
    ok
}

/// Remove `wara-serve-<pid>` dirs in `parent` of processes that no longer
/// exist (killed with SIGKILL, so they could not clean up). Only where
/// `/proc` can tell.
pub(super) fn remove_orphans(parent: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name.to_str().and_then(|n| n.strip_prefix("wara-serve-"));
        if let Some(pid) = pid.filter(|p| p.parse::<u32>().is_ok())
            && !proc.join(pid).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_only_a_roomy_tmpfs() {
        let cases = [
            ("tmpfs /dev/shm tmpfs rw,relatime,size=24684096k 0 0", true),
            (
                "shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k 0 0",
                false,
            ),
            ("tmpfs /dev/shm tmpfs rw,size=2g 0 0", true),
            ("tmpfs /dev/shm tmpfs rw,size=512m 0 0", false),
            ("tmpfs /dev/shm tmpfs rw,size=2147483648 0 0", true),
            ("tmpfs /dev/shm tmpfs rw,size=50% 0 0", false),
            ("tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0", true),
            ("/dev/vda /dev/shm ext4 rw 0 0", false),
            ("tmpfs /run tmpfs rw,size=4g 0 0", false),
            ("garbage", false),
            ("", false),
        ];
        for (mounts, want) in cases {
            assert_eq!(roomy_tmpfs(mounts, "/dev/shm"), want, "{mounts}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_preview_folder_is_private_and_never_a_planted_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wara-serve-1");
        create_private(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{mode:o}");
        let planted = dir.path().join("wara-serve-2");
        let target = dir.path().join("elsewhere");
        std::fs::create_dir(&target).unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::symlink(&target, &planted).unwrap();
        assert!(create_private(&planted).is_err(), "a symlink is not taken");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o700, "the link's target is left alone");
    }

    #[test]
    fn removes_output_dirs_of_dead_servers_only() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join("wara-serve-999999999");
        let alive = dir
            .path()
            .join(format!("wara-serve-{}", std::process::id()));
        let other = dir.path().join("wara-serve-notapid");
        for d in [&dead, &alive, &other] {
            std::fs::create_dir_all(d).unwrap();
        }
        remove_orphans(dir.path());
        assert!(!dead.exists(), "no process 999999999 (above any pid_max)");
        assert!(alive.exists(), "a live server's output stays");
        assert!(other.exists(), "only `wara-serve-<number>` is ours");
    }
}
