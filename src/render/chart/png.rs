//! The chart as a PNG, drawn in-process from its SVG by resvg with the bundled DejaVu Sans, so
//! text renders the same on a machine with no fonts installed and the same plan always gives
//! the same bytes.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// DejaVu Sans and DejaVu Sans Bold 2.37 (Bitstream Vera licence: `assets/fonts/LICENSE`).
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Pixels per SVG unit: twice the SVG's size, sharp on a high-density screen or a projector.
const SCALE: f32 = 2.0;

/// The fonts the chart may use: the bundled ones only, never the machine's.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// Rasterises an SVG document written by [`super::render_chart`] into PNG bytes.
pub(super) fn rasterise(svg: &str) -> Vec<u8> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    // The document is csplan's own, well formed by construction.
    let tree = usvg::Tree::from_str(svg, &options).expect("the chart's SVG parses");
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .expect("the chart has a size");
    let mut pixmap = Pixmap::new(size.width(), size.height()).expect("the chart has a size");
    resvg::render(
        &tree,
        Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .expect("encoding into memory cannot fail")
}
