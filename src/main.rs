//! The `wara` binary: arguments in, exit code out; everything else is in the library.

#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (its `malloc_conf`, read before `main`; `tikv-jemalloc-sys` prefixes
/// its symbols with `_rjem_`): one arena for every thread. A build's threads free much of
/// what another made (pages rendered side by side, then listings); with an arena per thread
/// (jemalloc's default is four per CPU) the freed memory of one is not reused by the next,
/// and the peak at 100,000 minutes pages was 632 MiB rather than 480 MiB (issue 13). The
/// price is the arena's lock: a two-audience build of 10,000 pages takes about 12 % longer
/// (README, Performance). The environment (`_RJEM_MALLOC_CONF=narenas:2`) overrides it.
#[cfg(not(windows))]
#[unsafe(no_mangle)]
#[allow(non_upper_case_globals)] // the C name jemalloc reads
pub static _rjem_malloc_conf: &[u8; 10] = b"narenas:1\0";

fn main() {
    std::process::exit(wara::run(std::env::args_os()));
}
