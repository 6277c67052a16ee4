//! `site.yaml`: the site configuration, read strictly (an unknown key is an error naming it).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::Msg;
use crate::diag::{Diagnostic, Diagnostics};
use crate::messages;
use crate::thai::Digits;
use crate::yaml;

/// One entry of the main menu.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// The whole site configuration. Defaults live here and nowhere else.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub base_url: String,
    #[serde(default)]
    pub internal_base_url: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub digits: Digits,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// File types (extensions, e.g. `[pdf, jpg]`) a page bundle publishes even
    /// when no page refers to them. Default: none, so only referenced files go out.
    #[serde(default)]
    pub publish_extensions: Vec<String>,
    #[serde(default)]
    pub photos: Photos,
}

/// `photos:` in site.yaml: how photos from content/ are resized, and when one is too big.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Photos {
    /// A photo with more pixels than this is a warning (default 40 000 000: a 40 MP camera).
    #[serde(default = "default_max_pixels")]
    pub max_pixels: u64,
    /// A photo file larger than this many bytes is a warning (default 20 000 000).
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// The widths, in pixels, of the published renditions (never more than the photo's own).
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
}

impl Default for Photos {
    fn default() -> Self {
        Photos {
            max_pixels: default_max_pixels(),
            max_bytes: default_max_bytes(),
            widths: default_widths(),
        }
    }
}

fn default_max_pixels() -> u64 {
    40_000_000
}

fn default_max_bytes() -> u64 {
    20_000_000
}

fn default_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}

fn default_language() -> String {
    "th".to_owned()
}

fn default_theme() -> String {
    "default".to_owned()
}

/// The file name of the configuration, relative to the site root.
pub const CONFIG_FILE: &str = "site.yaml";

impl Config {
    /// Parse `site.yaml` text; every problem becomes a diagnostic at its line.
    pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Config> {
        let path = Path::new(CONFIG_FILE);
        let config: Config = yaml::from_str(text, path, 0, diags)?;
        let mut ok = true;
        let mut fail = |key: &str, (msg, hint): (Msg, Msg)| {
            let line = yaml::key_line(text, key).unwrap_or(1);
            diags.push(
                Diagnostic::error(path, line, 1, msg)
                    .with_hint(hint)
                    .with_source(text),
            );
            ok = false;
        };
        if config.title.trim().is_empty() {
            fail("title", messages::empty_title());
        }
        for (key, url) in [
            ("base_url", Some(&config.base_url)),
            ("internal_base_url", config.internal_base_url.as_ref()),
        ] {
            if let Some(url) = url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                fail(key, messages::bad_base_url(key, url));
            }
        }
        if config.language != "th" && config.language != "en" {
            fail("language", messages::bad_language(&config.language));
        }
        if config.theme != "default" {
            fail("theme", messages::unknown_theme(&config.theme));
        }
        if config.photos.widths.is_empty()
            || config
                .photos
                .widths
                .iter()
                .any(|w| !(16..=8192).contains(w))
        {
            fail("photos", messages::bad_photo_widths());
        }
        let mut config = config;
        for ext in &mut config.publish_extensions {
            *ext = ext.trim().trim_start_matches('.').to_lowercase();
        }
        for ext in &config.publish_extensions {
            if ext.is_empty()
                || matches!(ext.as_str(), "md" | "yaml" | "yml")
                || ext.contains(['/', '\\'])
            {
                let line = yaml::key_line(text, "publish_extensions").unwrap_or(1);
                diags.push(
                    Diagnostic::error(path, line, 1, crate::messages::bad_publish_extension(ext))
                        .with_hint(crate::messages::bad_publish_extension_help())
                        .with_source(text),
                );
                ok = false;
            }
        }
        ok.then_some(config)
    }

    /// Whether `site.yaml` lets bundle files of this extension out unreferenced.
    pub fn publishes_extension(&self, ext: &str) -> bool {
        let ext = ext.to_lowercase();
        self.publish_extensions.contains(&ext)
    }
}
