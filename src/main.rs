//! The `wara` binary: arguments in, exit code out; everything else is in the library.

#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(wara::run(std::env::args_os()));
}
