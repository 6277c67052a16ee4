//! The `wara` binary: arguments in, exit code out; everything else is in the library.

fn main() {
    std::process::exit(wara::run(std::env::args_os()));
}
