//! The S-curve: cumulative completed investment and cumulative plan by month, with the
//! month's completed investment as bars.

use super::{DASHED, DRAWN, finish};
use plotters::prelude::*;

/// One S-curve's data, in 万元 (display values).
pub struct SCurve<'a> {
    pub title: &'a str,
    /// Cumulative completed at the end of months 1..=N.
    pub actual: &'a [f64],
    /// Cumulative plan at the end of months 1..=12.
    pub plan: &'a [f64],
}

/// The drawing's size in SVG units (it scales with its container).
const SIZE: (u32, u32) = (640, 300);

/// The axis text's size as plotters takes it: it writes `font-size` as this over 1.24, so 22
/// is 17.7 SVG units. The bulletin and the project sheets print the chart 50 mm high
/// (print.css), a unit 1/6 mm, so its text is 2.96 mm (8.4 pt), above the 8 pt a printed chart
/// needs to be read.
const TEXT: u32 = 22;

const ACTUAL: RGBColor = RGBColor(0x1f, 0x4e, 0x8c);

const BARS: RGBColor = RGBColor(0xc9, 0xd3, 0xe0);

/// The width left of the axis for its labels and, turned upright beside them, its unit: the
/// widest label is about as long as the top of the axis (`80000`, or `2.5` below 10), each
/// character about 10 units of the [`TEXT`] size (11 leaves room), and the unit needs 30 more.
fn y_label_area(top: f64) -> u32 {
    let digits = format!("{}", top.trunc() as u64).len() + if top < 10.0 { 2 } else { 0 };
    (30 + 11 * digits as u32).max(64)
}

pub fn s_curve(c: &SCurve) -> String {
    let max = c.actual.iter().chain(c.plan).fold(0.0f64, |m, v| m.max(*v));
    // Large amounts read better in 亿元 on the axis.
    let (scale, unit) = if max >= 100_000.0 { (10_000.0, "亿元") } else { (1.0, "万元") };
    let top = (max / scale * 1.12).max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(y_label_area(top))
            .build_cartesian_2d(0.5f64..12.5f64, 0f64..top);
        let Ok(mut chart) = chart else { return String::new() };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .y_labels(6)
            .x_label_formatter(&|x| format!("{}月", x.round() as i64))
            .y_desc(unit)
            .y_label_formatter(&|y| format!("{}", (y * 100.0).round() / 100.0))
            .label_style((DRAWN, TEXT))
            .axis_desc_style((DRAWN, TEXT))
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xe4, 0xe4, 0xe4))
            .draw();
        let monthly = c.actual.iter().enumerate().map(|(i, v)| v - if i == 0 { 0.0 } else { c.actual[i - 1] });
        let _ = chart.draw_series(monthly.enumerate().map(|(i, v)| {
            let x = i as f64 + 1.0;
            Rectangle::new([(x - 0.3, 0.0), (x + 0.3, v / scale)], BARS.filled())
        }));
        let plan_points: Vec<(f64, f64)> =
            c.plan.iter().enumerate().map(|(i, v)| (i as f64 + 1.0, v / scale)).collect();
        let _ = chart.draw_series(LineSeries::new(plan_points, DASHED.stroke_width(2)));
        let actual_points: Vec<(f64, f64)> =
            c.actual.iter().enumerate().map(|(i, v)| (i as f64 + 1.0, v / scale)).collect();
        let _ = chart.draw_series(LineSeries::new(actual_points.clone(), ACTUAL.stroke_width(3)));
        let _ = chart.draw_series(actual_points.into_iter().map(|p| Circle::new(p, 4, ACTUAL.filled())));
        let _ = root.present();
    }
    let description = format!(
        "{}：实线为1-{}月累计完成投资，虚线为累计计划投资，柱为当月完成投资，单位{unit}。",
        c.title,
        c.actual.len()
    );
    finish(svg, "s-curve", c.title, &description)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers of attribute `name` in `svg`'s elements that have them, in order.
    fn numbers(svg: &str, name: &str) -> Vec<f64> {
        svg.split(&format!(" {name}=\"")).skip(1).filter_map(|s| s.split('"').next()?.parse().ok()).collect()
    }

    /// The axis's unit, turned upright at the left edge, never runs into the widest label, for
    /// axes of 5-digit 万元, of 亿元 and of amounts under 10: a label's characters are taken as
    /// 0.6 of the text size wide (its digits are 0.55), the unit's glyphs as reaching 0.9 of it
    /// right of its anchor (dy 0.76 em and the descent).
    #[test]
    fn the_unit_clears_the_widest_label() {
        for top in [85_000.0, 600_000.0, 5.0] {
            let plan: Vec<f64> = (1..=12).map(|m| top * m as f64 / 12.0).collect();
            let svg = s_curve(&SCurve { title: "t", actual: &plan[..3], plan: &plan });
            let size = numbers(&svg, "font-size")[0];
            let unit_right = numbers(&svg, "x")[0] + 0.9 * size;
            let labels = svg.split("text-anchor=\"end\"").nth(1).unwrap().split("</g>").next().unwrap();
            let ends = numbers(labels, "x");
            let widest = labels.split("</text>").filter_map(|t| t.rsplit('>').next()).map(str::len).max().unwrap();
            let label_left = ends[0] - 0.6 * size * widest as f64;
            assert!(unit_right < label_left, "top {top}: unit to {unit_right:.1}, label from {label_left:.1}");
        }
    }
}
