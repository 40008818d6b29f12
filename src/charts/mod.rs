//! Charts drawn with plotters' SVG backend: the S-curve of cumulative investment against plan,
//! and horizontal bars of completion rates against 序时进度.
//!
//! Charts take display-ready numbers (already rounded by `render::format`) and return SVG text
//! to inline in a page. Legends and the data tables are written in HTML beside each chart, and
//! every series differs by line style or a text label, not by colour alone.

mod bars;
mod s_curve;

pub use bars::{BarRow, rate_bars};
pub use s_curve::{SCurve, SIZE as S_CURVE_SIZE, s_curve};

/// The font stack of chart text: the page's CJK fonts, never an outside font. Stated once per
/// chart by [`finish`].
pub const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

/// The family the charts are drawn with: a short name that [`finish`] takes off every text
/// again (plotters writes, and escapes character by character, the family of each text); the
/// first of [`TIDY`].
const DRAWN: &str = "sans-serif";

/// The colour of lines drawn dashed (the plan, the 序时 reference): plotters draws a dashed
/// series as one path per dash, so these are drawn solid and given a dash pattern afterwards.
const DASHED: plotters::style::RGBColor = plotters::style::RGBColor(0x55, 0x55, 0x56);

/// What [`finish`] changes in plotters' SVG: the family drawn with (stated once instead),
/// attributes that only repeat SVG's defaults (no `<g>` sets others for them to inherit), the
/// dash pattern of the [`DASHED`] lines, and the line breaks (plotters puts one after every
/// element and around every text's words, where SVG shows nothing of them).
const TIDY: [(&str, &str); 7] = [
    (" font-family=\"sans-serif\"", ""),
    (" opacity=\"1\"", ""),
    (" stroke-width=\"1\"", ""),
    (" stroke=\"none\"", ""),
    (" fill=\"#000000\"", ""),
    (" stroke=\"#555556\"", " stroke=\"#555556\" stroke-dasharray=\"6 4\""),
    ("\n", ""),
];

/// `svg` with every [`TIDY`] replacement made, in one pass.
fn tidy(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find([' ', '\n']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (from, to) =
            TIDY.iter().find(|(from, _)| rest.starts_with(from)).copied().unwrap_or((&rest[..1], &rest[..1]));
        out.push_str(to);
        rest = &rest[from.len()..];
    }
    out.push_str(rest);
    out
}

/// Gives the SVG a title and a text alternative, lets it scale with its container, and tidies
/// it ([`TIDY`]).
fn finish(svg: String, title: &str, description: &str) -> String {
    let escaped = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let svg = tidy(&svg);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_defaults_and_the_drawn_family_and_dashes_the_plan() {
        let drawn = format!(
            "<svg viewBox=\"0 0 9 9\">\n<rect fill=\"#FFFFFF\" stroke=\"none\"/>\n<text x=\"1\" font-family=\"{DRAWN}\" fill=\"#000000\" opacity=\"1\">\n1月\n</text>\n<polyline fill=\"none\" stroke=\"#555556\" stroke-width=\"2\" points=\"1,1 \"/>\n<line stroke=\"#E4E4E4\" stroke-width=\"1\"/>\n</svg>"
        );
        assert_eq!(
            tidy(&drawn),
            "<svg viewBox=\"0 0 9 9\"><rect fill=\"#FFFFFF\"/><text x=\"1\">1月</text><polyline fill=\"none\" stroke=\"#555556\" stroke-dasharray=\"6 4\" stroke-width=\"2\" points=\"1,1 \"/><line stroke=\"#E4E4E4\"/></svg>"
        );
    }
}
