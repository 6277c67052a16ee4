//! Helpers shared by every kind of test: the unit tests (`#[cfg(test)] mod test_support`
//! in `lib.rs`), the integration tests (`tests/cli/support.rs` includes this module with
//! `#[path]`) and, for `photos`, `examples/make_photos.rs`. So that one file serves all
//! three crates, nothing here names `crate::`: only std, the dependencies and the
//! dev-dependencies.

pub(crate) mod fixtures;
pub(crate) mod http;
pub(crate) mod photos;
pub(crate) mod qr;
