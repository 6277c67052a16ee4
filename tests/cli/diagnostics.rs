//! Snapshots of what `wara check --lang both` prints for each kind of diagnostic, with
//! its position: one small site per kind (the `minimal` fixture plus the files named).
//! Review a change with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

use super::Fixture;

/// `wara check --lang both` on `minimal` with `files` written: exit code and stderr.
fn check(files: &[(&str, &str)]) -> String {
    let f = Fixture::new("minimal");
    for (path, text) in files {
        f.write(path, text);
    }
    let r = f.run(&["check", "--lang", "both"]);
    format!("exit: {:?}\n{}", r.code, r.stderr)
}

const MINUTES: &str = "---\ntitle: ประชุม\nmeeting: \"5/2563\"\ndate: 2020-05-14\n---\n\n";

macro_rules! snap {
    ($name:ident, $files:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), check($files));
        }
    };
}

// Front matter.
snap!(
    yaml_syntax_after_a_blank_line,
    &[("content/a.md", "---\n\ntitle: a: b\n---\nbody\n")]
);
snap!(
    yaml_strict_boolean_in_a_crlf_file,
    &[(
        "content/a.md",
        "---\r\n\r\ntitle: a\r\ndraft: yes\r\n---\r\n"
    )]
);
snap!(
    unknown_key,
    &[("content/a.md", "---\ntitle: a\ntitel: b\n---\n")]
);
snap!(
    bad_date_and_be_year,
    &[(
        "content/a.md",
        "---\ntitle: a\ndate: 2563-05-14\ndeadlines:\n  - {date: 31 เม.ย. 2563, task: x}\n---\n"
    )]
);
snap!(
    missing_title_at_the_closing_fence,
    &[("content/a.md", "---\ntitle: \"\"\n---\n")]
);
snap!(
    minutes_without_meeting_or_date,
    &[("content/minutes/2563/05.md", "---\ntitle: ประชุม\n---\n")]
);
snap!(
    no_front_matter_and_unclosed,
    &[
        ("content/a.md", "title: a\n"),
        ("content/b.md", "---\ntitle: b\n"),
    ]
);
#[test]
fn not_utf8() {
    let f = Fixture::new("minimal");
    // `ข่าว` in TIS-620, as Notepad's "ANSI" saves it.
    let bytes = b"---\ntitle: \xa2\xe8\xd2\xc7\n---\n";
    std::fs::write(f.root().join("content/a.md"), bytes).expect("write");
    let r = f.run(&["check", "--lang", "both"]);
    insta::assert_snapshot!("not_utf8", format!("exit: {:?}\n{}", r.code, r.stderr));
}
snap!(
    public_page_in_internal_section,
    &[
        (
            "content/staff/_index.md",
            "---\ntitle: s\naccess: internal\n---\n"
        ),
        ("content/staff/a.md", "---\ntitle: a\naccess: public\n---\n"),
    ]
);

// Body.
snap!(
    shortcode_errors_after_a_blank_line_front_matter,
    &[(
        "content/a.md",
        "---\n\ntitle: a\n---\n\nก่อน {{ tabel(src=\"t.yaml\") }}\n\n{{ download(title=\"x\") }}\n"
    )]
);
snap!(
    shortcode_error_in_a_crlf_file,
    &[(
        "content/a.md",
        "---\r\n\r\ntitle: a\r\n---\r\n\r\nวันที่ {{ deadline(date=\"2020-13-01\", task=\"x\") }}\r\n"
    )]
);
snap!(
    missing_download,
    &[(
        "content/a.md",
        "---\ntitle: a\n---\n\n{{ download(file=\"nope.pdf\") }}\n"
    )]
);
snap!(
    bad_links_and_raw_html,
    &[(
        "content/a.md",
        "---\ntitle: a\n---\n\nดู [หน้า](/nope/) และ [ไฟล์](nope.pdf)\n\nx <b>y</b> [s](javascript:alert(1))\n"
    )]
);

// Tables.
snap!(
    table_errors,
    &[
        (
            "content/a/index.md",
            "---\ntitle: a\n---\n\n{{ table(src=\"t.yaml\") }}\n"
        ),
        (
            "content/a/t.yaml",
            "title: t\ncolumns:\n  - {key: n, label: จำนวน, type: int}\n  - {key: d, label: วัน, type: date}\n  - {key: s, label: รวม, type: int, formula: n +* 2}\nrows:\n  - {n: สิบ, d: 2563-05-14}\n"
        ),
    ]
);
snap!(
    table_empty_and_yaml_error,
    &[
        (
            "content/a/index.md",
            "---\ntitle: a\n---\n\n{{ table(src=\"e.yaml\") }}\n\n{{ table(src=\"y.yaml\") }}\n"
        ),
        ("content/a/e.yaml", ""),
        ("content/a/y.yaml", "title: t\ncolumns: [\n"),
    ]
);

// Minutes.
snap!(
    minutes_structure_warnings,
    &[(
        "content/minutes/2563/05.md",
        &format!(
            "{MINUTES}## ระเบียบวาระที่ ๒ x\n\n### ๒.๑ ก\n\n### ๒.๑ ข\n\n## ระเบียบวาระที่ ๑ y\n\nมติที่ประชุม รับทราบ\n"
        )
    )]
);
snap!(
    duplicate_meeting,
    &[
        ("content/minutes/2563/05.md", MINUTES),
        ("content/minutes/2563/05-copy.md", MINUTES),
    ]
);

// Files and the site.
snap!(
    files_that_are_not_pages,
    &[
        ("content/a/index.md", "---\ntitle: a\n---\n"),
        ("content/a/old.md", "---\ntitle: old\n---\n"),
        ("content/b - Copy.md", "---\ntitle: b\n---\n"),
    ]
);
snap!(
    site_yaml_values,
    &[(
        "site.yaml",
        "title: Minimal\nbase_url: example.go.th\npublish_extensions: [md]\n"
    )]
);

/// A blank line after the opening `---`, and `\r\n` line ends, keep every later position
/// true: in the YAML and in the body.
#[test]
fn blank_line_and_crlf_front_matter_keep_true_lines() {
    let cases = [
        (
            "---\n\ntitle: a: b\n---\n",
            "content/a.md:3:9: error: อ่าน YAML ไม่ได้",
        ),
        (
            "---\r\n\r\ntitle: a: b\r\n---\r\n",
            "content/a.md:3:9: error: อ่าน YAML ไม่ได้",
        ),
        (
            "---\n\ntitle: a\n---\n\n{{ tabel() }}\n",
            "content/a.md:6:1: error: ไม่รู้จัก shortcode `tabel`",
        ),
        (
            "---\r\n\r\ntitle: a\r\n---\r\n\r\nx {{ tabel() }}\r\n",
            "content/a.md:6:3: error: ไม่รู้จัก shortcode `tabel`",
        ),
    ];
    for (text, want) in cases {
        let out = check(&[("content/a.md", text)]);
        assert!(out.contains(&format!("\n{want}")), "{text:?}:\n{out}");
    }
}
