//! What [`super::finish`] does to plotters' SVG so that it is smaller and shows the same:
//! attribute-level replacements ([`TIDY`]), then thin lines, plain boxes and dots of one style
//! drawn as one path ([`merge_shapes`]), and runs of labels of one anchor and size grouped
//! ([`group_labels`]). A project page's S-curve goes from 6.3 to 2.7 KB.

/// Replacements in plotters' SVG: the family drawn with (the stylesheets state it instead),
/// attributes that only repeat SVG's defaults (no `<g>` sets others for them to inherit), font
/// sizes to two decimals (plotters writes 13 px text as 10.483870967741936), the dash pattern
/// of the [`super::DASHED`] lines, and the line breaks (plotters puts one after every element
/// and around every text's words, where SVG shows nothing of them).
const TIDY: [(&str, &str); 9] = [
    (" font-family=\"sans-serif\"", ""),
    (" opacity=\"1\"", ""),
    (" stroke-width=\"1\"", ""),
    (" stroke=\"none\"", ""),
    (" fill=\"#000000\"", ""),
    (" font-size=\"10.483870967741936\"", " font-size=\"10.48\""),
    (" font-size=\"9.67741935483871\"", " font-size=\"9.68\""),
    (" stroke=\"#555556\"", " stroke=\"#555556\" stroke-dasharray=\"6 4\""),
    ("\n", ""),
];

/// `svg` with every [`TIDY`] replacement made, in one pass, then [`merge_shapes`].
pub fn tidy(svg: &str) -> String {
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
    group_labels(&merge_shapes(&out))
}

/// What shapes drawn as one path share: the colour of a thin line, of a box's fill, or of a
/// dot and its radius.
#[derive(Clone, Copy, PartialEq)]
enum Style<'a> {
    Stroke(&'a str),
    Fill(&'a str),
    Dot { colour: &'a str, radius: &'a str },
}

impl Style<'_> {
    /// The opening of the path that draws shapes of this style, up to its `d` attribute's value.
    fn open(self, out: &mut String) {
        let (attributes, colour) = match self {
            Style::Stroke(colour) => ("<path fill=\"none\" stroke=\"", colour),
            Style::Fill(colour) => ("<path fill=\"", colour),
            Style::Dot { colour, .. } => ("<path fill=\"none\" stroke-linecap=\"round\" stroke=\"", colour),
        };
        out.push_str(attributes);
        out.push_str(colour);
        if let Style::Dot { radius, .. } = self {
            // A dot is a line of no length with round ends as wide as the dot.
            let width = radius.parse::<f64>().map_or(0.0, |r| 2.0 * r);
            out.push_str(&format!("\" stroke-width=\"{width}"));
        }
        out.push_str("\" d=\"");
    }
}

/// A shape that can join others of its style in one `<path>`.
enum Shape<'a> {
    /// A one-pixel line (grid lines, axes, ticks).
    Line { from: (&'a str, &'a str), to: (&'a str, &'a str) },
    /// A filled box without outline (bars).
    Box { x: &'a str, y: &'a str, width: &'a str, height: &'a str },
    /// A filled circle without outline (the points of a series).
    Dot { x: &'a str, y: &'a str },
}

impl<'a> Shape<'a> {
    /// The shape `element` draws and its style, if it is one plotters writes for a line or a box.
    fn of(element: &'a str) -> Option<(Style<'a>, Shape<'a>)> {
        let mut fields = Fields(element);
        if element.starts_with("<line ") {
            let stroke = fields.take("<line stroke=\"")?;
            let from = (fields.take(" x1=\"")?, fields.take(" y1=\"")?);
            let to = (fields.take(" x2=\"")?, fields.take(" y2=\"")?);
            fields.end()?;
            Some((Style::Stroke(stroke), Shape::Line { from, to }))
        } else if element.starts_with("<polyline ") {
            let stroke = fields.take("<polyline fill=\"none\" stroke=\"")?;
            let points = fields.take(" points=\"")?;
            fields.end()?;
            let mut points = points.split_whitespace().map(|p| p.split_once(','));
            let (from, to) = (points.next()??, points.next()??);
            points.next().is_none().then_some((Style::Stroke(stroke), Shape::Line { from, to }))
        } else if element.starts_with("<rect ") {
            let (x, y) = (fields.take("<rect x=\"")?, fields.take(" y=\"")?);
            let (width, height) = (fields.take(" width=\"")?, fields.take(" height=\"")?);
            let fill = fields.take(" fill=\"")?;
            fields.end()?;
            Some((Style::Fill(fill), Shape::Box { x, y, width, height }))
        } else if element.starts_with("<circle ") {
            let (x, y) = (fields.take("<circle cx=\"")?, fields.take(" cy=\"")?);
            let radius = fields.take(" r=\"").filter(|r| r.parse::<f64>().is_ok_and(|r| r > 0.0))?;
            let colour = fields.take(" fill=\"")?;
            fields.end()?;
            Some((Style::Dot { colour, radius }, Shape::Dot { x, y }))
        } else {
            None
        }
    }

    /// Adds the path commands that draw this shape to `d`.
    fn draw(&self, d: &mut String) {
        let mut put = |parts: &[&str]| parts.iter().for_each(|p| d.push_str(p));
        match self {
            Shape::Line { from, to } if from.1 == to.1 => put(&["M", from.0, " ", from.1, "H", to.0]),
            Shape::Line { from, to } if from.0 == to.0 => put(&["M", from.0, " ", from.1, "V", to.1]),
            Shape::Line { from, to } => put(&["M", from.0, " ", from.1, "L", to.0, " ", to.1]),
            Shape::Box { x, y, width, height } => put(&["M", x, " ", y, "h", width, "v", height, "H", x, "z"]),
            Shape::Dot { x, y } => put(&["M", x, " ", y, "h0"]),
        }
    }
}

/// Reads the attribute values of one element in the order plotters writes them.
struct Fields<'a>(&'a str);

impl<'a> Fields<'a> {
    /// The value after `before` (which must come next), up to its closing quote.
    fn take(&mut self, before: &str) -> Option<&'a str> {
        let rest = self.0.strip_prefix(before)?;
        let (value, rest) = rest.split_once('"')?;
        self.0 = rest;
        Some(value)
    }

    /// Whether nothing but the element's end is left.
    fn end(&self) -> Option<()> {
        (self.0 == "/>").then_some(())
    }
}

/// Draws every group of two or more lines of one stroke, or boxes of one fill, as one path, in
/// the place of the first of them. What was drawn between them is drawn after them now: the
/// grid, the axes and their ticks come before the labels and series either way, and bars are
/// drawn together; labels beside bars can only come out on top of them, never under.
fn merge_shapes(svg: &str) -> String {
    struct Group<'a> {
        style: Style<'a>,
        /// The position of its first shape among the pieces.
        first: usize,
        d: String,
        count: usize,
    }
    let mut groups: Vec<Group> = Vec::new();
    // Elements and the text between them (plotters escapes '<' and '>' in attributes and
    // text), each with its group if it is a shape.
    let mut pieces: Vec<(&str, Option<usize>)> = Vec::with_capacity(128);
    let mut rest = svg;
    while !rest.is_empty() {
        let end = match rest.starts_with('<') {
            true => rest.find('>').map_or(rest.len(), |e| e + 1),
            false => rest.find('<').unwrap_or(rest.len()),
        };
        let (piece, after) = rest.split_at(end);
        rest = after;
        let group = Shape::of(piece).map(|(style, shape)| {
            let g = groups.iter().position(|g| g.style == style).unwrap_or_else(|| {
                groups.push(Group { style, first: pieces.len(), d: String::new(), count: 0 });
                groups.len() - 1
            });
            shape.draw(&mut groups[g].d);
            groups[g].count += 1;
            g
        });
        pieces.push((piece, group));
    }
    let mut out = String::with_capacity(svg.len());
    for (i, (piece, group)) in pieces.iter().enumerate() {
        match group.map(|g| &groups[g]) {
            Some(g) if g.count > 1 => {
                if g.first == i {
                    g.style.open(&mut out);
                    out.push_str(&g.d);
                    out.push_str("\"/>");
                }
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// A text element as plotters writes a label, `<text x=".." y=".." dy="..">` with its anchor
/// and size last: `own` is what it alone says, `shared` what a run of labels may share.
struct Label<'a> {
    own: &'a str,
    shared: &'a str,
    /// The font size, from `shared`.
    size: &'a str,
    text: &'a str,
}

impl<'a> Label<'a> {
    /// The label at the start of `svg`, and what follows it.
    fn of(svg: &'a str) -> Option<(Label<'a>, &'a str)> {
        let (tag, rest) = svg.strip_prefix("<text ")?.split_once('>')?;
        let (text, rest) = rest.split_once("</text>")?;
        let at = tag.find(" text-anchor=\"")?;
        let (own, shared) = (&tag[..at], &tag[at + 1..]);
        let mut fields = Fields(shared);
        let size = fields.take("text-anchor=\"").and(fields.take(" font-size=\""))?;
        (fields.0.is_empty() && !text.contains('<')).then_some((Label { own, shared, size, text }, rest))
    }

    /// What the label alone says, with a shift down given in em (plotters puts a label's top
    /// at its `y` by `dy="0.76em"`) added to its `y` instead: an em is the font size.
    fn own(&self) -> std::borrow::Cow<'a, str> {
        let folded = || {
            let (before, dy) = self.own.split_once(" dy=\"")?;
            let em: f64 = dy.strip_suffix("em\"")?.parse().ok()?;
            let (x, y) = before.split_once(" y=\"")?;
            let y: f64 = y.strip_suffix('"')?.parse().ok()?;
            let size: f64 = self.size.parse().ok()?;
            Some(format!("{x} y=\"{}\"", ((y + em * size) * 100.0).round() / 100.0))
        };
        folded().map_or(self.own.into(), Into::into)
    }
}

/// Every run of two or more labels with the same anchor and size inside one `<g>` that states
/// them once (SVG's text inherits both): the twelve month labels of an S-curve, the values of
/// its axis. A label's shift in em goes into its `y` ([`Label::own`]).
fn group_labels(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find("<text ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let mut run = Vec::new();
        let mut after = rest;
        while let Some((label, next)) = Label::of(after) {
            if run.first().is_some_and(|first: &Label| first.shared != label.shared) {
                break;
            }
            run.push(label);
            after = next;
        }
        if run.len() < 2 {
            let end = rest.find("</text>").map_or(rest.len(), |e| e + "</text>".len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push_str("<g ");
        out.push_str(run[0].shared);
        out.push('>');
        for label in &run {
            for part in ["<text ", label.own().as_ref(), ">", label.text, "</text>"] {
                out.push_str(part);
            }
        }
        out.push_str("</g>");
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_defaults_and_the_drawn_family_and_dashes_the_plan() {
        let drawn = "<svg viewBox=\"0 0 9 9\">\n<rect fill=\"#FFFFFF\" stroke=\"none\"/>\n<text x=\"1\" font-family=\"sans-serif\" fill=\"#000000\" opacity=\"1\" font-size=\"10.483870967741936\">\n1月\n</text>\n<polyline fill=\"none\" stroke=\"#555556\" stroke-width=\"2\" points=\"1,1 \"/>\n<line stroke=\"#E4E4E4\" stroke-width=\"1\"/>\n</svg>";
        assert_eq!(
            tidy(drawn),
            "<svg viewBox=\"0 0 9 9\"><rect fill=\"#FFFFFF\"/><text x=\"1\" font-size=\"10.48\">1月</text><polyline fill=\"none\" stroke=\"#555556\" stroke-dasharray=\"6 4\" stroke-width=\"2\" points=\"1,1 \"/><line stroke=\"#E4E4E4\"/></svg>"
        );
    }

    #[test]
    fn dots_of_one_colour_become_one_path_and_labels_of_one_anchor_and_size_one_group() {
        let drawn = concat!(
            "<svg viewBox=\"0 0 640 300\">",
            "<text x=\"12\" y=\"136\" dy=\"0.76em\" text-anchor=\"middle\" font-size=\"10.48\" transform=\"rotate(270, 12, 136)\">万元</text>",
            "<text x=\"58\" y=\"259\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"10.48\">0</text>",
            "<text x=\"58\" y=\"208\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"10.48\">20000</text>",
            "<text x=\"91\" y=\"270\" dy=\"0.76em\" text-anchor=\"middle\" font-size=\"10.48\">1月</text>",
            "<text x=\"137\" y=\"270\" dy=\"0.76em\" text-anchor=\"middle\" font-size=\"10.48\">2月</text>",
            "<text x=\"160\" y=\"20\" text-anchor=\"middle\" font-size=\"15.72\">标题</text>",
            "<circle cx=\"91\" cy=\"245\" r=\"4\" fill=\"#1F4E8C\"/>",
            "<circle cx=\"137\" cy=\"230\" r=\"4\" fill=\"#1F4E8C\"/>",
            // Another size is another path; a lone dot stays a circle.
            "<circle cx=\"184\" cy=\"214\" r=\"2.5\" fill=\"#1F4E8C\"/>",
            "<circle cx=\"231\" cy=\"198\" r=\"2.5\" fill=\"#1F4E8C\"/>",
            "<circle cx=\"277\" cy=\"182\" r=\"4\" fill=\"#C00000\"/>",
            "</svg>",
        );
        assert_eq!(
            tidy(drawn),
            concat!(
                "<svg viewBox=\"0 0 640 300\">",
                "<text x=\"12\" y=\"136\" dy=\"0.76em\" text-anchor=\"middle\" font-size=\"10.48\" transform=\"rotate(270, 12, 136)\">万元</text>",
                "<g text-anchor=\"end\" font-size=\"10.48\"><text x=\"58\" y=\"259\" dy=\"0.5ex\">0</text><text x=\"58\" y=\"208\" dy=\"0.5ex\">20000</text></g>",
                // 0.76em of 10.48 is 7.96: the month labels' tops stay where they were.
                "<g text-anchor=\"middle\" font-size=\"10.48\"><text x=\"91\" y=\"277.96\">1月</text><text x=\"137\" y=\"277.96\">2月</text></g>",
                "<text x=\"160\" y=\"20\" text-anchor=\"middle\" font-size=\"15.72\">标题</text>",
                "<path fill=\"none\" stroke-linecap=\"round\" stroke=\"#1F4E8C\" stroke-width=\"8\" d=\"M91 245h0M137 230h0\"/>",
                "<path fill=\"none\" stroke-linecap=\"round\" stroke=\"#1F4E8C\" stroke-width=\"5\" d=\"M184 214h0M231 198h0\"/>",
                "<circle cx=\"277\" cy=\"182\" r=\"4\" fill=\"#C00000\"/>",
                "</svg>",
            )
        );
    }

    #[test]
    fn lines_of_one_stroke_and_boxes_of_one_fill_become_one_path_where_the_first_was() {
        let drawn = concat!(
            "<svg viewBox=\"0 0 640 300\">",
            "<rect x=\"0\" y=\"0\" width=\"640\" height=\"300\" fill=\"#FFFFFF\"/>",
            "<line stroke=\"#E4E4E4\" x1=\"68\" y1=\"259\" x2=\"627\" y2=\"259\"/>",
            "<line stroke=\"#E4E4E4\" x1=\"82\" y1=\"239\" x2=\"82\" y2=\"10\"/>",
            "<polyline fill=\"none\" stroke=\"#000000\" points=\"67,12 67,259 \"/>",
            "<text x=\"58\" y=\"259\">0</text>",
            "<polyline fill=\"none\" stroke=\"#000000\" points=\"62,259 67,259 \"/>",
            "<rect x=\"77\" y=\"243\" width=\"28\" height=\"16\" fill=\"#C9D3E0\"/>",
            "<text x=\"91\" y=\"270\">1月</text>",
            "<rect x=\"123\" y=\"243\" width=\"28\" height=\"16\" fill=\"#C9D3E0\"/>",
            // Not a thin line: a series keeps its own element, as does a polyline of 3 points.
            "<polyline fill=\"none\" stroke=\"#1F4E8C\" stroke-width=\"3\" points=\"91,243 137,226 \"/>",
            "<polyline fill=\"none\" stroke=\"#000000\" points=\"1,1 2,2 3,3 \"/>",
            "</svg>",
        );
        assert_eq!(
            tidy(drawn),
            concat!(
                "<svg viewBox=\"0 0 640 300\">",
                "<rect x=\"0\" y=\"0\" width=\"640\" height=\"300\" fill=\"#FFFFFF\"/>",
                "<path fill=\"none\" stroke=\"#E4E4E4\" d=\"M68 259H627M82 239V10\"/>",
                "<path fill=\"none\" stroke=\"#000000\" d=\"M67 12V259M62 259H67\"/>",
                "<text x=\"58\" y=\"259\">0</text>",
                "<path fill=\"#C9D3E0\" d=\"M77 243h28v16H77zM123 243h28v16H123z\"/>",
                "<text x=\"91\" y=\"270\">1月</text>",
                "<polyline fill=\"none\" stroke=\"#1F4E8C\" stroke-width=\"3\" points=\"91,243 137,226 \"/>",
                "<polyline fill=\"none\" stroke=\"#000000\" points=\"1,1 2,2 3,3 \"/>",
                "</svg>",
            )
        );
    }
}
