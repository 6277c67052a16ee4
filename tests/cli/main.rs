//! Integration tests: one binary, one module per feature. Each test copies a
//! fixture site to a temp dir and runs the real `wara` binary on it.

mod audience;
mod build;
mod contests;
mod deadlines;
mod diagnostics;
mod expected;
mod files;
mod kinds;
mod markdown;
mod mistakes;
mod names;
mod output;
mod photos;
mod preview;
mod qr;
mod reader;
mod robustness;
mod search;
mod serve;
mod support;
mod tables;
mod tags;
mod thai;

use support::{Fixture, Run, assert_link_reported, copy_tree, snapshot};
