//! Make test photos the way phones make them: JPEGs drawn from simple shapes (no
//! people), stored sideways with an EXIF orientation flag and carrying GPS tags, a
//! camera serial and an owner name, for wara to strip.
//!
//! `cargo run --release --example make_photos -- sample DIR`: the four photos of
//! examples/activities (small). `cargo run --release --example make_photos -- bench
//! DIR N`: N photos of 4000×3000 for benches/photos.sh.

use std::path::Path;

use image::{Rgb, RgbImage};

// The phone-photo EXIF writer the tests use too; the example needs only part of it.
#[allow(dead_code)]
#[path = "../src/test_support/photos.rs"]
mod photos;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("sample") if args.len() == 3 => sample(Path::new(&args[2])),
        Some("bench") if args.len() == 4 => match args[3].parse::<usize>() {
            Ok(n) => bench(Path::new(&args[2]), n),
            Err(e) => Err(e.to_string()),
        },
        _ => Err("usage: make_photos sample DIR | make_photos bench DIR N".into()),
    };
    if let Err(e) = result {
        eprintln!("make_photos: {e}");
        std::process::exit(2);
    }
}

type Scene = fn(u32, u32, u32, u32, u32) -> Rgb<u8>;

fn sample(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("gallery")).map_err(|e| e.to_string())?;
    // (file, scene, upright width, height, stored sideways?)
    let photos: [(&str, Scene, u32, u32, bool); 4] = [
        ("garden.jpg", garden, 1600, 1067, true),
        ("gallery/seedlings.jpg", seedlings, 1200, 900, false),
        ("gallery/training.jpg", training, 1200, 900, true),
        ("gallery/winners.jpg", winners, 900, 1200, false),
    ];
    for (i, (name, scene, w, h, sideways)) in photos.into_iter().enumerate() {
        let bytes = photo(w, h, scene, sideways, i as u32, 50, false);
        std::fs::write(dir.join(name), bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn bench(dir: &Path, n: usize) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let scenes: [Scene; 4] = [garden, seedlings, training, winners];
    for i in 0..n {
        let bytes = photo(4000, 3000, scenes[i % 4], true, i as u32, 90, true);
        std::fs::write(dir.join(format!("photo-{i:03}.jpg")), bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One photo `w`×`h` upright; when `sideways`, stored turned 90° with orientation 6.
/// With `noise`, sensor-like noise that depends on `seed`: every photo differs, and
/// its JPEG is as large as a phone's (3–5 MB at 4000×3000).
fn photo(
    w: u32,
    h: u32,
    scene: Scene,
    sideways: bool,
    seed: u32,
    quality: u8,
    noise: bool,
) -> Vec<u8> {
    let upright = RgbImage::from_fn(w, h, |x, y| {
        let mut p = scene(x, y, w, h, seed);
        if noise {
            let n = x.wrapping_mul(73_856_093)
                ^ y.wrapping_mul(19_349_663)
                ^ seed.wrapping_mul(83_492_791).wrapping_add(seed);
            let n = n.wrapping_mul(2_654_435_761) >> 27; // 0..32
            for c in &mut p.0 {
                *c = (i32::from(*c) + n as i32 - 16).clamp(0, 255) as u8;
            }
        }
        p
    });
    let (stored, orientation) = if sideways {
        // Orientation 6 means "rotate 90° clockwise to view": store it turned the other way.
        (image::imageops::rotate270(&upright), 6)
    } else {
        (upright, 1)
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode_image(&stored)
        .unwrap_or_else(|e| panic!("encode: {e}"));
    let owner = photos::Owner {
        make: Some("PhoneMaker"),
        artist: "Office Staff",
        serial: "SN-0042",
        latitude_seconds: seed % 60,
    };
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&photos::exif_block(orientation, &owner));
    photos::with_app1(&jpeg, &[&app1])
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> Rgb<u8> {
    let t = t.clamp(0.0, 1.0);
    let c = |i: usize| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t) as u8;
    Rgb([c(0), c(1), c(2)])
}

/// Sky, sun, and rows of vegetable beds.
fn garden(x: u32, y: u32, w: u32, h: u32, _: u32) -> Rgb<u8> {
    let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
    let (sx, sy) = (fx - 0.8, fy - 0.18);
    if sx * sx + sy * sy < 0.006 {
        return Rgb([250, 210, 60]);
    }
    if fy < 0.4 {
        return mix([120, 180, 235], [205, 230, 250], fy / 0.4);
    }
    let row = ((fy - 0.4) * 14.0).fract();
    if row < 0.55 {
        mix([40, 130, 50], [90, 170, 70], fx)
    } else {
        mix([120, 85, 50], [150, 110, 70], fx)
    }
}

/// Seedling trays: a grid of green dots on brown.
fn seedlings(x: u32, y: u32, w: u32, h: u32, _: u32) -> Rgb<u8> {
    let cell = (w.min(h) / 10).max(1);
    let (cx, cy) = (
        (x % cell) as f32 / cell as f32 - 0.5,
        (y % cell) as f32 / cell as f32 - 0.5,
    );
    if cx * cx + cy * cy < 0.08 {
        mix([60, 150, 60], [120, 200, 90], y as f32 / h as f32)
    } else {
        mix([110, 80, 50], [140, 100, 60], x as f32 / w as f32)
    }
}

/// A training room: a whiteboard with bar-chart strokes, on a wall over a floor.
fn training(x: u32, y: u32, w: u32, h: u32, _: u32) -> Rgb<u8> {
    let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
    if fy > 0.8 {
        return mix([150, 120, 90], [110, 85, 60], (fy - 0.8) * 5.0);
    }
    if (0.15..0.85).contains(&fx) && (0.12..0.62).contains(&fy) {
        let bar = ((fx - 0.2) / 0.12) as i32;
        let top = 0.55 - 0.08 * bar as f32;
        if (0..5).contains(&bar) && ((fx - 0.2) / 0.12).fract() < 0.6 && fy > top && fy < 0.58 {
            return Rgb([40, 90, 170]);
        }
        return Rgb([245, 245, 240]);
    }
    mix([225, 215, 190], [200, 190, 165], fy)
}

/// Three trophies on a podium.
fn winners(x: u32, y: u32, w: u32, h: u32, _: u32) -> Rgb<u8> {
    let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
    let podium = [(0.1, 0.37, 0.7), (0.37, 0.63, 0.6), (0.63, 0.9, 0.75)];
    for (a, b, top) in podium {
        if fx > a && fx < b {
            if fy > top {
                return mix([170, 40, 50], [120, 25, 35], fy);
            }
            let mid = (a + b) / 2.0;
            let (dx, dy) = (fx - mid, fy - (top - 0.12));
            if dx.abs() < 0.07 && dy.abs() < 0.07 && dx * dx + dy * dy < 0.006 {
                return Rgb([230, 185, 40]);
            }
            if dx.abs() < 0.015 && fy > top - 0.06 && fy <= top {
                return Rgb([200, 160, 30]);
            }
        }
    }
    mix([240, 235, 250], [200, 200, 230], fy)
}
