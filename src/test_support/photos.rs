//! Photos the way phones make them: a JPEG with an APP1 Exif segment holding an
//! orientation, GPS coordinates, a camera serial and an owner name, and (for the
//! tests) an XMP segment naming a place; and the check that a published file carries
//! none of it. `examples/make_photos.rs` draws the example site's photos with the same
//! EXIF writer.

use std::io::{BufReader, Cursor};

use exif::{Field, In, Rational, Tag, Value};

/// Who took a photo and where: what a phone writes into its EXIF.
pub(crate) struct Owner<'a> {
    /// The camera maker, when the phone names it.
    pub(crate) make: Option<&'a str>,
    pub(crate) artist: &'a str,
    pub(crate) serial: &'a str,
    /// Seconds of the latitude 14°47′N (the longitude is 100°39′15″E).
    pub(crate) latitude_seconds: u32,
}

/// The test photos' owner: the strings [`assert_no_metadata`] looks for.
pub(crate) const TEST_OWNER: Owner<'static> = Owner {
    make: None,
    artist: "Somchai Owner",
    serial: "SN123456",
    latitude_seconds: 30,
};

/// The EXIF (TIFF) block of a phone photo with `orientation` (1 upright, 6 "turn 90°
/// clockwise to view", …).
pub(crate) fn exif_block(orientation: u16, owner: &Owner<'_>) -> Vec<u8> {
    let f = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let r = |num, denom| Rational { num, denom };
    let mut fields = vec![f(Tag::Orientation, Value::Short(vec![orientation]))];
    if let Some(make) = owner.make {
        fields.push(f(Tag::Make, ascii(make)));
    }
    fields.extend([
        f(Tag::Artist, ascii(owner.artist)),
        f(Tag::BodySerialNumber, ascii(owner.serial)),
        f(Tag::GPSLatitudeRef, ascii("N")),
        f(
            Tag::GPSLatitude,
            Value::Rational(vec![r(14, 1), r(47, 1), r(owner.latitude_seconds, 1)]),
        ),
        f(Tag::GPSLongitudeRef, ascii("E")),
        f(
            Tag::GPSLongitude,
            Value::Rational(vec![r(100, 1), r(39, 1), r(15, 1)]),
        ),
    ]);
    let mut w = exif::experimental::Writer::new();
    for field in &fields {
        w.push_field(field);
    }
    let mut buf = Cursor::new(Vec::new());
    w.write(&mut buf, false)
        .unwrap_or_else(|e| panic!("exif: {e}"));
    buf.into_inner()
}

/// `jpeg` with each of `segments` spliced in as an APP1 segment right after SOI.
pub(crate) fn with_app1(jpeg: &[u8], segments: &[&[u8]]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec(); // SOI
    for seg in segments {
        out.extend_from_slice(&[0xFF, 0xE1]);
        let len = u16::try_from(seg.len() + 2).expect("an APP1 segment under 64 KiB");
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(seg);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A JPEG stored `w`×`h` (a gradient with a dark block top-left, to see orientation)
/// with [`TEST_OWNER`]'s EXIF and the given orientation, plus an XMP segment naming a place.
pub(crate) fn gps_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        if x < w / 4 && y < h / 4 {
            image::Rgb([10, 10, 10])
        } else {
            image::Rgb([200, (x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&img)
        .expect("encode");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&exif_block(orientation, &TEST_OWNER));
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><photoshop:City>Nong Muang</photoshop:City></x:xmpmeta>";
    with_app1(&jpeg, &[&app1, xmp])
}

/// The markers of a JPEG's segments before its image data (SOS), e.g. `[0xE0, 0xDB, …]`,
/// and the offset where the image data starts.
pub(crate) fn jpeg_segments(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let m = bytes[i + 1];
        markers.push(m);
        if m == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        i += 2 + len;
    }
    (markers, i)
}

/// What a published file must not carry: no EXIF for kamadak-exif; for a JPEG, no
/// segment but JFIF (APP0), tables and frame before the image data, and none of the
/// test photos' metadata strings there. (The entropy-coded data after SOS is not
/// searched: three random bytes there can spell "GPS".)
pub(crate) fn assert_no_metadata(bytes: &[u8], what: &str) {
    assert!(
        exif::Reader::new()
            .read_from_container(&mut BufReader::new(Cursor::new(bytes)))
            .is_err(),
        "{what}: has EXIF"
    );
    let head = if bytes.starts_with(&[0xFF, 0xD8]) {
        let (markers, end) = jpeg_segments(bytes);
        for m in &markers {
            assert!(
                matches!(m, 0xE0 | 0xDB | 0xC0..=0xC3 | 0xC4 | 0xDD | 0xDA),
                "{what}: segment FF{m:02X} (APPn/COM carry metadata): {markers:02X?}"
            );
        }
        &bytes[..end]
    } else {
        bytes
    };
    for needle in [
        &b"Exif"[..],
        b"GPS",
        b"http://ns.adobe.com/xap",
        TEST_OWNER.serial.as_bytes(),
        b"Somchai",
        b"Nong Muang",
        b"8BIM",
    ] {
        assert!(
            !head.windows(needle.len()).any(|w| w == needle),
            "{what}: contains {:?}",
            String::from_utf8_lossy(needle)
        );
    }
}
