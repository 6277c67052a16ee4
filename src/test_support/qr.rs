//! QR codes read back the way a phone reads them: the SVG is rasterized (resvg) on a
//! white page and every code in the picture is decoded (rqrr).

/// Every inline `<svg …class="qr"…>…</svg>` of a page, in order.
pub(crate) fn qr_svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let tail = &rest[start..];
        let Some(end) = tail.find("</svg>") else {
            break;
        };
        let svg = &tail[..end + "</svg>".len()];
        let tag = &svg[..svg.find('>').unwrap_or(svg.len())];
        let is_qr = tag
            .split("class=\"")
            .nth(1)
            .and_then(|c| c.split('"').next())
            .is_some_and(|classes| classes.split_whitespace().any(|c| c == "qr"));
        if is_qr {
            found.push(svg);
        }
        rest = &tail[end..];
    }
    found
}

/// Rasterizes `svg` at `scale` pixels per viewBox unit and decodes every QR code in
/// it: (payload, version). Panics when the SVG does not parse or a code does not decode.
pub(crate) fn decode_at(svg: &str, scale: f32) -> Vec<(String, usize)> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("the QR SVG does not parse ({e}): {svg}"));
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("non-empty pixmap");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let pixels = pixmap.pixels();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        let p = pixels[y * w as usize + x].demultiply();
        ((u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue())) / 3) as u8
    });
    image
        .detect_grids()
        .into_iter()
        .map(|grid| {
            let (meta, text) = grid
                .decode()
                .unwrap_or_else(|e| panic!("a QR code does not decode ({e:?})"));
            (text, meta.version.0)
        })
        .collect()
}

/// The payloads of every QR code in `svg`, rasterized at 4 px per module.
pub(crate) fn decode(svg: &str) -> Vec<String> {
    decode_at(svg, 4.0)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}
