//! Charts drawn with plotters' SVG backend: the S-curve of cumulative investment against plan,
//! and horizontal bars of completion rates against 序时进度.
//!
//! Charts take display-ready numbers (already rounded by `render::format`) and return SVG text
//! to inline in a page. Legends and the data tables are written in HTML beside each chart, and
//! every series differs by line style or a text label, not by colour alone. The theme's
//! stylesheets give a chart its white background and its text's font (`svg.chart`): a page
//! states them once, not every chart.

mod bars;
mod s_curve;
mod tidy;

pub use bars::{BarRow, rate_bars};
pub use s_curve::{SCurve, s_curve};

/// The family the charts are drawn with: a short name that [`finish`] takes off every text
/// again (plotters writes, and escapes character by character, the family of each text): see
/// [`tidy`].
const DRAWN: &str = "sans-serif";

/// The colour of lines drawn dashed (the plan, the 序时 reference): plotters draws a dashed
/// series as one path per dash, so these are drawn solid and given a dash pattern afterwards.
const DASHED: plotters::style::RGBColor = plotters::style::RGBColor(0x55, 0x55, 0x56);

/// Gives the SVG a title and a text alternative and the classes the stylesheets style it by
/// (`chart` and the chart's `kind`), and tidies it ([`tidy`]).
fn finish(svg: String, kind: &str, title: &str, description: &str) -> String {
    let escaped = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let svg = tidy::tidy(&svg);
    let open_end = svg.find('>').unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen("<svg ", &format!("<svg role=\"img\" class=\"chart {kind}\" "), 1);
    format!("{open}><title>{}</title><desc>{}</desc>{}", escaped(title), escaped(description), &rest[1..])
}
