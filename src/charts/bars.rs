//! Horizontal bars of completion rates (%) with a dashed 序时进度 line; each bar is labelled
//! with its rate and, where lit, its light in words.

use super::{DASHED, DRAWN, finish};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar: a name, its rate in percent (display value, `None` for "—"), and the text written
/// after the bar ("62.0% 黄灯").
pub struct BarRow {
    pub label: String,
    pub percent: Option<f64>,
    pub text: String,
    /// CSS-like key of the bar's colour: red, yellow, green, none.
    pub tone: &'static str,
}

fn tone_color(tone: &str) -> RGBColor {
    match tone {
        "red" => RGBColor(0xd9, 0x3a, 0x2b),
        "yellow" => RGBColor(0xe6, 0xa8, 0x17),
        "green" => RGBColor(0x3c, 0x9a, 0x5f),
        _ => RGBColor(0x8a, 0x9b, 0xb0),
    }
}

/// Bars for `rows` against the time-progress reference `reference` (percent), labelled
/// `reference_text`.
pub fn rate_bars(title: &str, rows: &[BarRow], reference: f64, reference_text: &str) -> String {
    let label_width =
        rows.iter().map(|r| unicode_width::UnicodeWidthStr::width(r.label.as_str())).max().unwrap_or(4) as u32 * 7 + 16;
    // One row of headroom above the bars carries the 序时进度 tag.
    let height = 66 + 26 * rows.len().max(1) as u32;
    let max = rows.iter().filter_map(|r| r.percent).fold(reference, f64::max);
    let right = (max * 1.25).max(10.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        let chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(24)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..right, 0f64..rows.len().max(1) as f64 + 1.0);
        let Ok(mut chart) = chart else { return String::new() };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .label_style((DRAWN, 12))
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xe4, 0xe4, 0xe4))
            .draw();
        let n = rows.len() as f64;
        let name_style = TextStyle::from((DRAWN, 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        let value_style = TextStyle::from((DRAWN, 12).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
        // How many of the axis's units a pixel is, to know where a bar's text ends.
        let per_pixel = right / f64::from(640 - 20 - label_width);
        for (i, row) in rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            let value = row.percent.unwrap_or(0.0);
            let text_end =
                value + (unicode_width::UnicodeWidthStr::width(row.text.as_str()) as f64 * 6.5 + 5.0) * per_pixel;
            // A text that would run over the 序时 line is written after it instead.
            let text_at = if value < reference && text_end > reference - per_pixel * 2.0 { reference } else { value };
            let _ = chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - 0.32), (value, y + 0.32)],
                tone_color(row.tone).filled(),
            )));
            let name = EmptyElement::at((0.0, y)) + Text::new(row.label.clone(), (-6, 0), name_style.clone());
            let value_label = EmptyElement::at((text_at, y)) + Text::new(row.text.clone(), (5, 0), value_style.clone());
            let _ = chart.draw_series([name, value_label]);
        }
        let _ = chart.draw_series(LineSeries::new(
            vec![(reference, 0.0), (reference, n.max(1.0) + 0.5)],
            DASHED.stroke_width(2),
        ));
        let tag_style = TextStyle::from((DRAWN, 12).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
        let _ = chart.draw_series(std::iter::once(
            EmptyElement::at((reference, n.max(1.0) + 0.5))
                + Text::new(format!("序时进度 {reference_text}"), (4, 0), tag_style),
        ));
        let _ = root.present();
    }
    let description = format!("{title}：每行一根横条表示完成率，虚线为序时进度{reference_text}，数据见下表。");
    finish(svg, "bars", title, &description)
}

#[cfg(test)]
mod tests {
    use super::{BarRow, rate_bars};

    /// The x of the text element whose content starts with `content`.
    fn text_x(svg: &str, content: &str) -> f64 {
        let end = svg.find(&format!(">{content}")).unwrap_or_else(|| panic!("no text {content:?} in {svg}"));
        let open = &svg[svg[..end].rfind("<text").unwrap()..end];
        let at = open.find(" x=\"").unwrap() + 4;
        open[at..at + open[at..].find('"').unwrap()].parse().unwrap()
    }

    fn bar(percent: f64) -> Vec<BarRow> {
        vec![BarRow { label: "甲".into(), percent: Some(percent), text: format!("{percent}% 黄灯"), tone: "yellow" }]
    }

    #[test]
    fn a_bars_text_that_would_cross_the_time_line_is_written_after_it() {
        // 40 % against 序时 42 %: the text would run over the line, so it starts where the tag does.
        let svg = rate_bars("t", &bar(40.0), 42.0, "42%");
        let (text, tag) = (text_x(&svg, "40% 黄灯"), text_x(&svg, "序时进度"));
        assert!((text - tag).abs() <= 2.0, "text at {text}, 序时 tag at {tag}");
        // Far from the line, it follows its bar.
        let svg = rate_bars("t", &bar(20.0), 42.0, "42%");
        assert!(text_x(&svg, "20% 黄灯") < text_x(&svg, "序时进度") - 50.0);
    }
}
