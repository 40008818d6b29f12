//! `tongbao demo`: synthetic data of any size, deterministic from a seed, valid by the contract:
//! for benchmarks and for trying tongbao on a province-size ledger. `tongbao check` is clean on
//! what it writes.

use rayon::prelude::*;
use std::fmt::Write;
use std::path::Path;

/// The size of a demo dataset.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub projects: usize,
    /// Years of monthly files, ending with the report year.
    pub years: i32,
    pub meetings: usize,
    pub seed: u64,
}

/// The report year of demo data.
pub const LAST_YEAR: i32 = 2026;

const INDUSTRIES: [&str; 9] = ["工业", "交通", "水利", "能源", "城建", "农业", "社会事业", "文旅", "商贸物流"];
const NATURES: [&str; 4] = ["新开工", "续建", "竣工投产", "前期"];
const LEVELS: [&str; 3] = ["省级重点", "市级重点", "县级重点"];
const BATCHES: [&str; 4] = ["谋划储备", "签约落地", "集中开竣工", "加快推进"];
const CATEGORIES: [&str; 9] = ["用地", "规划", "环评", "审批手续", "征地拆迁", "资金", "水电路气", "施工环境", "其他"];
const STATUSES: [&str; 4] = ["未启动", "正在办理", "已办结", "延期"];
const WORKS: [&str; 8] =
    ["主体施工", "设备安装", "基础施工", "路基施工", "管网铺设", "装饰装修", "场地平整", "钢结构吊装"];

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

struct Orgs {
    departments: Vec<String>,
    towns: Vec<String>,
    leaders: Vec<String>,
    hqs: Vec<String>,
}

fn orgs(size: Size) -> Orgs {
    let n = size.projects;
    let count = |per: usize, lo: usize, hi: usize| (n / per).clamp(lo, hi);
    Orgs {
        departments: (1..=count(60, 15, 300)).map(|i| format!("部门{i:03}局")).collect(),
        towns: (1..=count(40, 8, 600))
            .map(|i| if i % 10 == 0 { format!("园区{i:03}") } else { format!("乡镇{i:03}镇") })
            .collect(),
        leaders: (1..=count(150, 8, 200)).map(|i| format!("领导{i:03}")).collect(),
        hqs: (1..=count(250, 3, 100)).map(|i| format!("指挥部{i:03}")).collect(),
    }
}

fn write_orgs(o: &Orgs) -> String {
    let mut s = String::from("units:\n");
    for d in &o.departments {
        let _ = writeln!(s, "  - {{ name: {d}, kind: 部门 }}");
    }
    for t in &o.towns {
        let _ = writeln!(s, "  - {{ name: {t}, kind: {} }}", if t.starts_with("园区") { "园区" } else { "乡镇" });
    }
    s.push_str("hqs:\n");
    for (i, h) in o.hqs.iter().enumerate() {
        let _ = writeln!(s, "  - {{ name: {h}, commander: {} }}", o.leaders[i % o.leaders.len()]);
    }
    s.push_str("leaders:\n");
    for (i, l) in o.leaders.iter().enumerate() {
        let _ = writeln!(s, "  - {{ name: {l}, title: {} }}", if i == 0 { "县长" } else { "副县长" });
    }
    s
}

fn config(size: Size) -> String {
    let list = |items: &[&str]| items.join(", ");
    format!(
        "site:\n  title: 演示市重点项目建设\n  organization: 演示市重点项目推进服务中心\nreport:\n  year: {LAST_YEAR}\n  period: {LAST_YEAR}-12\n\
         lists:\n  industries: [{}]\n  natures: [{}]\n  levels: [{}]\n  batches: [{}]\n  issue_categories: [{}]\n  meeting_kinds: [调度会, 推进大会, 专题会议]\n\
         lights:\n  yellow_pp: 10\n  red_pp: 30\nrankings:\n  - {{ name: 责任单位逆排名, subject: lead_unit, order: asc, bottom: 3 }}\n  - {{ name: 乡镇（园区）排名, subject: town, order: desc, bottom: 3 }}\n\
         bulletin:\n  issuer: 演示市重点项目推进服务中心\n  series: 重点项目建设通报\n  cc: [市委办公室, 市政府办公室]\n# {} projects, {} years, {} meetings, seed {}\n",
        list(&INDUSTRIES),
        list(&NATURES),
        list(&LEVELS),
        list(&BATCHES),
        list(&CATEGORIES),
        size.projects,
        size.years,
        size.meetings,
        size.seed
    )
}

/// One project's file and its cumulative ytd per year and month (万元).
struct Made {
    id: String,
    text: String,
    /// (year, [ytd at the end of each month], progress word)
    ytd: Vec<(i32, [u64; 12], &'static str)>,
}

fn project(size: Size, o: &Orgs, i: usize) -> Made {
    let mut r = Rng(size.seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let id = format!("DM-{i:06}");
    let first = LAST_YEAR - size.years + 1;
    let total = 1000 + r.below(200_000) as u64;
    let mut s = format!(
        "id: {id}\nname: 演示项目{i:06}\nindustry: {}\ntown: {}\ncontent: 建设内容{i}\nowner: 业主{}\nlead_unit: {}\nleaders: [{}]\n",
        INDUSTRIES[r.below(INDUSTRIES.len())],
        r.pick(&o.towns),
        r.below(1000),
        r.pick(&o.departments),
        r.pick(&o.leaders)
    );
    if r.below(3) == 0 {
        let _ = writeln!(s, "hq: {}", r.pick(&o.hqs));
    }
    let _ = write!(s, "total_investment: {total}\nstart_year: {first}\nend_year: {}\nyears:\n", LAST_YEAR + 1);
    let mut ytd = Vec::new();
    for year in first..=LAST_YEAR {
        let nature = NATURES[r.below(NATURES.len())];
        let plan = if nature == "前期" { 0 } else { total / (size.years as u64 + 2) };
        let pace = 50 + r.below(70) as u64; // percent of plan reached by December
        let mut months = [0u64; 12];
        for (m, v) in months.iter_mut().enumerate() {
            *v = plan * pace * (m as u64 + 1) / 1200;
        }
        let _ = write!(
            s,
            "  {year}:\n    level: {}\n    nature: {nature}\n    batch: {}\n    plan: {plan}\n",
            LEVELS[r.below(LEVELS.len())],
            BATCHES[r.below(BATCHES.len())]
        );
        ytd.push((year, months, WORKS[r.below(WORKS.len())]));
    }
    let blockers = [0, 0, 0, 1, 2][r.below(5)];
    if blockers > 0 {
        s.push_str("issues:\n");
        for b in 1..=blockers {
            let month = 1 + r.below(12);
            let resolved =
                if r.below(2) == 0 { format!("{LAST_YEAR}-{:02}-28", (month + 1).min(12)) } else { "null".into() };
            let _ = write!(
                s,
                "  - id: {b}\n    title: 问题{b}\n    kind: 卡点\n    category: {}\n    raised: {LAST_YEAR}-{month:02}-10\n    unit: {}\n    deadline: {LAST_YEAR}-{month:02}-25\n    measures: 措施{b}\n    resolved: {resolved}\n",
                CATEGORIES[r.below(CATEGORIES.len())],
                r.pick(&o.departments)
            );
        }
    }
    Made { id, text: s, ytd }
}

fn progress(made: &[Made], year: i32, month: usize) -> String {
    let mut s = format!(
        "period: {year}-{:02}\nas_of: {}\nentries:\n",
        month + 1,
        crate::model::Month { year, month: month as u32 + 1 }.last_day()
    );
    for m in made {
        if let Some((_, months, work)) = m.ytd.iter().find(|(y, _, _)| *y == year) {
            let v = months[month];
            // The month in the words: every month's report is that month's (no W0404).
            let _ = write!(
                s,
                "  {}:\n    ytd: {v}\n    started: {}\n    progress: {work}（{}月）\n",
                m.id,
                v > 0,
                month + 1
            );
        }
    }
    s
}

fn meeting(size: Size, o: &Orgs, k: usize) -> (String, String) {
    let mut r = Rng(size.seed ^ 0x5eed ^ (k as u64).wrapping_mul(0x9e37_79b9));
    let year = LAST_YEAR - (k % size.years as usize) as i32;
    let month = 1 + r.below(12);
    let day = 1 + r.below(28);
    let date = format!("{year}-{month:02}-{day:02}");
    let mut s = format!(
        "---\ntitle: 第{k}次重点项目调度会\nkind: 调度会\ndate: {date}\nhost: {}\nattendees: [{}]\nprojects: [",
        o.leaders[0], o.leaders[0]
    );
    let projects: Vec<String> = (0..1 + r.below(5)).map(|_| format!("DM-{:06}", r.below(size.projects))).collect();
    s.push_str(&projects.join(", "));
    s.push_str("]\ndecisions:\n");
    for no in 1..=1 + r.below(4) {
        let status = STATUSES[r.below(STATUSES.len())];
        let _ = write!(
            s,
            "  - no: {no}\n    text: 议定事项{no}\n    lead_unit: {}\n    deadline: {year}-{:02}-28\n    projects: [{}]\n    status: {status}\n",
            r.pick(&o.departments),
            (month + 1).min(12),
            projects[0]
        );
        if status == "已办结" {
            let _ = writeln!(s, "    closed: {year}-{:02}-28", (month + 1).min(12));
        }
    }
    s.push_str("---\n会议研究了项目推进中的问题。\n");
    (format!("meetings/{date}-m{k:05}.md"), s)
}

/// Writes a demo dataset of `size` into `out` (which must not exist yet or be empty).
pub fn write(size: Size, out: &Path) -> Result<usize, String> {
    let size = Size { years: size.years.max(1), projects: size.projects.max(1), ..size };
    let io = |e: std::io::Error| format!("错误：无法写入 {}：{e}\n", out.display());
    for dir in ["projects", "progress", "meetings"] {
        std::fs::create_dir_all(out.join(dir)).map_err(io)?;
    }
    let o = orgs(size);
    std::fs::write(out.join("config.yaml"), config(size)).map_err(io)?;
    std::fs::write(out.join("orgs.yaml"), write_orgs(&o)).map_err(io)?;
    let made: Vec<Made> = (0..size.projects).into_par_iter().map(|i| project(size, &o, i)).collect();
    made.par_iter()
        .try_for_each(|m| std::fs::write(out.join(format!("projects/{}.yaml", m.id)), &m.text))
        .map_err(io)?;
    let months: Vec<(i32, usize)> =
        (LAST_YEAR - size.years + 1..=LAST_YEAR).flat_map(|y| (0..12).map(move |m| (y, m))).collect();
    months
        .par_iter()
        .try_for_each(|&(y, m)| {
            std::fs::write(out.join(format!("progress/{y}-{:02}.yaml", m + 1)), progress(&made, y, m))
        })
        .map_err(io)?;
    (0..size.meetings)
        .into_par_iter()
        .try_for_each(|k| {
            let (path, text) = meeting(size, &o, k);
            std::fs::write(out.join(path), text)
        })
        .map_err(io)?;
    Ok(2 + made.len() + months.len() + size.meetings)
}
