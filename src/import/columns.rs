//! Recognising a table's columns by the names offices give them: 项目编号/编号, 项目名称, the
//! 累计完成 (or 完成投资) column of the month being imported (`1-9月累计完成投资（万元）`; a
//! column of another month range, last month's in a form, is not it), 是否开工/开工情况,
//! 形象进度, 存在问题, 下步计划, and for new projects the identity columns (总投资, 年度计划,
//! 建设性质, 责任单位…). Headings are compared after [`normalize`].

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    Ytd,
    Started,
    Progress,
    Problems,
    Next,
    Total,
    Plan,
    Nature,
    LeadUnit,
    Leaders,
    Town,
    Industry,
    Content,
    Owner,
    Level,
    Years,
}

/// `text` without spaces of any width or line breaks, full-width letters, digits and signs as
/// half-width, and every dash or tilde of a month range (`1—9月`, `1～9月`, `1至9月`) as `-`.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| match c {
            '—' | '–' | '~' | '〜' | '至' => '-',
            // The brackets back to full width: Chinese headings and names write them so.
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// The month a cumulative heading ends with: 9 for `1-9月累计`, 1 for `1月累计`, `None` without
/// a month range.
fn month_range(heading: &str) -> Option<u32> {
    let at = heading.find("1-").map(|i| i + 2);
    if let Some(from) = at {
        let digits: String = heading[from..].chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && heading[from + digits.len()..].starts_with('月') {
            return digits.parse().ok();
        }
    }
    heading.contains("1月累计").then_some(1)
}

/// Whether a heading names a cumulative amount other than the year's so far: a plan, last
/// month's, last year's, the month's own, or since the start of works.
fn other_amount(h: &str) -> bool {
    ["计划", "上月", "上年", "当月", "本月", "开工至", "开工以来", "自开工", "率"].iter().any(|w| h.contains(w))
}

/// What the column headed `heading` (normalized) holds for a month `month` import, if anything.
pub fn field(heading: &str, month: u32) -> Option<Field> {
    let h = heading;
    let has = |w: &str| h.contains(w);
    Some(match () {
        _ if has("项目编号") || h == "编号" => Field::Id,
        _ if has("项目名称") || h == "名称" => Field::Name,
        _ if (has("累计") || has("完成投资")) && !other_amount(h) => {
            return month_range(h).is_none_or(|m| m == month).then_some(Field::Ytd);
        }
        _ if has("是否开") || has("开工情况") || has("开复工情况") => Field::Started,
        _ if has("形象进度") => Field::Progress,
        _ if has("问题") => Field::Problems,
        _ if has("下步") || has("下一步") => Field::Next,
        _ if has("总投资") => Field::Total,
        _ if has("年度计划") || (has("计划投资") && !other_amount(&h.replace("计划投资", ""))) => {
            Field::Plan
        }
        _ if has("建设性质") => Field::Nature,
        _ if has("责任单位") || has("牵头单位") => Field::LeadUnit,
        _ if has("挂包") || has("包抓") || has("联系县领导") => Field::Leaders,
        _ if has("乡镇") || has("建设地点") || has("所在地") => Field::Town,
        _ if has("行业") || has("产业类别") => Field::Industry,
        _ if has("建设内容") => Field::Content,
        _ if has("业主") => Field::Owner,
        _ if has("项目级别") || h == "级别" => Field::Level,
        _ if has("建设年限") || has("起止年限") => Field::Years,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_read_as_offices_write_them() {
        let f = |h: &str| field(&normalize(h), 9);
        assert_eq!(f("项目编号"), Some(Field::Id));
        assert_eq!(f("编 号"), Some(Field::Id));
        assert_eq!(f("项目名称"), Some(Field::Name));
        assert_eq!(f("2026年实际完成情况1-9月实际完成投资（万元）"), Some(Field::Ytd));
        assert_eq!(f("1～9月累计完成(万元)"), Some(Field::Ytd));
        assert_eq!(f("１－９月累计完成"), Some(Field::Ytd));
        assert_eq!(f("累计完成投资"), Some(Field::Ytd), "no month range: the month being imported");
        assert_eq!(f("1-8月累计完成"), None, "another month's column is not this month's");
        assert_eq!(f("上月累计：1-8月累计完成（万元）"), None);
        assert_eq!(f("开工至上年底累计完成投资"), None);
        assert_eq!(f("2026年计划投资"), Some(Field::Plan));
        assert_eq!(f("1-9月计划完成投资"), None);
        assert_eq!(f("当月完成投资"), None);
        assert_eq!(f("完成率"), None);
        assert_eq!(f("是否开工"), Some(Field::Started));
        assert_eq!(f("开工情况"), Some(Field::Started));
        assert_eq!(f("形象进度"), Some(Field::Progress));
        assert_eq!(f("存在问题"), Some(Field::Problems));
        assert_eq!(f("下步计划"), Some(Field::Next));
        assert_eq!(f("总投资（万元）"), Some(Field::Total));
        assert_eq!(field(&normalize("1月累计完成"), 1), Some(Field::Ytd));
    }
}
