//! Charts drawn with plotters' SVG backend: the S-curve of cumulative investment against plan,
//! and horizontal bars of completion rates against 序时进度.
//!
//! Charts take display-ready numbers (already rounded by `render::format`) and return SVG text
//! to inline in a page. Legends and the data tables are written in HTML beside each chart, and
//! every series differs by line style or a text label, not by colour alone.

mod bars;
mod s_curve;
mod tidy;

pub use bars::{BarRow, rate_bars};
pub use s_curve::{SCurve, SIZE as S_CURVE_SIZE, s_curve};

/// The font stack of chart text: the page's CJK fonts, never an outside font. Stated once per
/// chart by [`finish`].
pub const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

/// The family the charts are drawn with: a short name that [`finish`] takes off every text
/// again (plotters writes, and escapes character by character, the family of each text): see
/// [`tidy`].
const DRAWN: &str = "sans-serif";

/// The colour of lines drawn dashed (the plan, the 序时 reference): plotters draws a dashed
/// series as one path per dash, so these are drawn solid and given a dash pattern afterwards.
const DASHED: plotters::style::RGBColor = plotters::style::RGBColor(0x55, 0x55, 0x56);

/// Gives the SVG a title and a text alternative, lets it scale with its container, and tidies
/// it ([`tidy`]).
fn finish(svg: String, title: &str, description: &str) -> String {
    let escaped = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let svg = tidy::tidy(&svg);
    let open_end = svg.find('>').unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen("<svg ", "<svg role=\"img\" class=\"chart\" preserveAspectRatio=\"xMidYMid meet\" ", 1);
    format!(
        "{open}><title>{}</title><desc>{}</desc><style>text{{font-family:{FONT}}}</style>{}",
        escaped(title),
        escaped(description),
        &rest[1..]
    )
}
