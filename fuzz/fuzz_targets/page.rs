//! A whole page: the input is the `index.md` of a page bundle in a small fixed site (with a
//! table, a chart's data, a PDF to download and a second page to link to), checked by
//! `wara::fuzz_api::check_site` (a dry-run build), as `wara check` does, for both audiences. The first byte
//! picks the section: a page, minutes or a contest (each reads different front matter).
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const SITE: &str = "title: ฟัซ\nbase_url: https://example.go.th\ninternal_base_url: https://intranet.example.go.th\ndistricts: [เมืองลพบุรี, บ้านหมี่]\n";
const TABLE: &str = "title: ตาราง\nunit: บาท\ncolumns:\n  - {key: district, label: อำเภอ, type: district}\n  - {key: budget, label: งบประมาณ, type: baht}\n  - {key: spent, label: เบิกจ่าย, type: baht}\n  - {key: pct, label: ร้อยละ, type: percent, formula: spent * 100 / budget}\nrows:\n  - {district: เมืองลพบุรี, budget: 818400, spent: 632000}\n  - {district: บ้านหมี่, budget: 100, spent: 12}\ntotal: true\n";
const BUNDLES: [&str; 3] = ["pages/p", "minutes/2563/05", "contests/c"];

/// The fixed site, made once per process in the temp folder.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("wara-fuzz-page-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let c = root.join("content");
        let write = |rel: &str, text: &[u8]| {
            let p = c.join(rel);
            fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            fs::write(p, text).expect("write");
        };
        fs::create_dir_all(&root).expect("mkdir root");
        fs::write(root.join("site.yaml"), SITE).expect("site.yaml");
        write("_index.md", "---\ntitle: หน้าแรก\n---\n\nสวัสดี\n".as_bytes());
        write(
            "minutes/_index.md",
            "---\ntitle: รายงานการประชุม\n---\n".as_bytes(),
        );
        write("contests/_index.md", "---\ntitle: ประกวด\n---\n".as_bytes());
        write(
            "pages/other.md",
            "---\ntitle: อื่น\naccess: internal\n---\n\nข้อความ\n".as_bytes(),
        );
        for b in BUNDLES {
            write(&format!("{b}/t.yaml"), TABLE.as_bytes());
            write(&format!("{b}/files/a.pdf"), b"%PDF-1.4\n%%EOF\n");
        }
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, text)) = data.split_first() else {
        return;
    };
    let root = root();
    let bundle = BUNDLES[usize::from(which) % BUNDLES.len()];
    let c = root.join("content");
    for b in BUNDLES {
        let _ = fs::remove_file(c.join(b).join("index.md"));
    }
    fs::write(c.join(bundle).join("index.md"), text).expect("write page");
    wara::fuzz_api::check_site(root);
});
