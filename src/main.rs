//! The `wara` binary: arguments in, exit code out; everything else is in the library.

#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (its `malloc_conf`, read before `main`; `tikv-jemalloc-sys` prefixes
/// its symbols with `_rjem_`): two arenas shared by all threads, not four per CPU. A
/// build's threads free much of what another made (pages rendered side by side, then
/// listings); with an arena per thread the freed memory of one is not reused by the next,
/// and the peak at 100,000 minutes pages was 632 MiB (issue 13). One arena peaked lowest
/// (468–480 MiB) but its lock cost a two-audience build of 10,000 pages 15 % of its time
/// (5.83 s with one against 4.93 s with two), and two peak at 495–500 MiB (README,
/// Performance). The environment (`_RJEM_MALLOC_CONF=narenas:1`) overrides it.
#[cfg(not(windows))]
#[unsafe(no_mangle)]
#[allow(non_upper_case_globals)] // the C name jemalloc reads
pub static _rjem_malloc_conf: &[u8; 10] = b"narenas:2\0";

fn main() {
    std::process::exit(wara::run(std::env::args_os()));
}
