//! `tongbao schema`: JSON Schema (draft-07) of the data files for editors. yaml-language-server
//! (VS Code and others) reads it to complete keys and check values as one types.
//!
//! The schema mirrors `model` by hand: every key with its Chinese name and meaning, unknown
//! keys refused, and the county's names as enums where each is expected: the config lists, the
//! units, towns, HQs and leaders of orgs.yaml and the project ids, so that an editor completes
//! them and flags `县水力局` as one types. A test validates the sample against it with an
//! independent validator, so the two cannot drift apart unnoticed.

use crate::model::{Config, Dataset};
use serde_json::{Value, json};

/// The names the data may refer to, each kind sorted.
struct Names {
    units: Vec<String>,
    towns: Vec<String>,
    hqs: Vec<String>,
    leaders: Vec<String>,
    projects: Vec<String>,
}

impl Names {
    fn of(ds: &Dataset) -> Names {
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v.dedup();
            v
        };
        let o = &ds.orgs;
        Names {
            units: sorted(o.units.iter().map(|u| u.name.clone()).collect()),
            towns: sorted(o.units.iter().filter(|u| o.is_town(&u.name)).map(|u| u.name.clone()).collect()),
            hqs: sorted(o.hqs.iter().map(|h| h.name.clone()).collect()),
            leaders: sorted(o.leaders.iter().map(|l| l.name.clone()).collect()),
            projects: ds.projects.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// A list whose every item is one of `values`.
fn names_of(title: &str, description: &str, values: &[String]) -> Value {
    json!({ "type": "array", "items": { "type": "string", "enum": values }, "title": title, "description": description })
}

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn text(title: &str, description: &str) -> Value {
    json!({ "type": "string", "title": title, "description": description })
}

fn one_of(title: &str, description: &str, values: &[String]) -> Value {
    json!({ "type": "string", "title": title, "description": description, "enum": values })
}

fn money(title: &str, description: &str) -> Value {
    json!({ "type": "number", "minimum": 0, "title": title, "description": format!("{description}（万元，最多 4 位小数）") })
}

fn date(title: &str) -> Value {
    json!({ "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "title": title, "description": format!("{title}，写作 YYYY-MM-DD") })
}

fn date_or_null(title: &str, description: &str) -> Value {
    json!({ "type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$", "title": title, "description": description })
}

fn month(title: &str) -> Value {
    json!({ "type": "string", "pattern": r"^\d{4}-\d{2}$", "title": title, "description": format!("{title}，写作 YYYY-MM") })
}

fn names(title: &str, description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "title": title, "description": description })
}

fn integer(title: &str, description: &str) -> Value {
    json!({ "type": "integer", "title": title, "description": description })
}

/// An object with these properties, of which `required` must be present, and no other key.
fn object(title: &str, required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "title": title, "description": title, "additionalProperties": false, "required": required, "properties": properties })
}

fn document(id: &str, mut schema: Value) -> Value {
    schema["$schema"] = json!(DRAFT);
    schema["$id"] = json!(format!("tongbao/{id}.schema.json"));
    schema
}

fn config() -> Value {
    let list = |t: &str| json!({ "type": "array", "items": { "type": "string" }, "title": t, "description": format!("{t}的允许取值") });
    document(
        "config",
        object(
            "config.yaml：站点与本县规则",
            &["site", "report", "lists", "lights"],
            json!({
                "site": object("站点", &["title", "organization"], json!({
                    "title": text("站点名称", "如 渠县重点项目建设"),
                    "organization": text("主办单位", "每页页眉与通报上显示")
                })),
                "report": object("报告期设置", &["year"], json!({
                    "year": integer("报告年度", "如 2026"),
                    "period": month("报告期"),
                    "time_progress": { "type": "string", "enum": ["month", "plan"], "title": "序时进度口径", "description": "month：N ÷ 12；plan：累计月度计划 ÷ 年度计划" },
                    "measure_word": text("量词", "个 / 项 / 宗"),
                    "decimals": object("小数位数", &[], json!({
                        "money_table": integer("表格金额（万元）小数位", "默认 0"),
                        "money_yi": integer("亿元小数位", "默认 2"),
                        "percent": integer("百分比小数位", "默认 1")
                    })),
                    "yi_threshold": money("亿元门槛", "文字中达到此数改用亿元")
                })),
                "lists": object("允许取值", &["industries", "natures", "levels", "batches", "issue_categories", "meeting_kinds"], json!({
                    "industries": list("行业"), "natures": list("建设性质"), "levels": list("项目级别"),
                    "batches": list("四个一批"), "issue_categories": list("问题类别"), "meeting_kinds": list("会议类型")
                })),
                "lights": object("亮灯阈值（个百分点）", &["yellow_pp", "red_pp"], json!({
                    "yellow_pp": { "type": "number", "title": "黄灯", "description": "低于序时进度达此点数亮黄灯" },
                    "red_pp": { "type": "number", "title": "红灯", "description": "低于序时进度超过此点数亮红灯" }
                })),
                "rankings": { "type": "array", "title": "排名", "description": "通报与网站中的排名，可有多项", "items": object("一项排名", &["name", "subject"], json!({
                    "name": text("排名名称", "如 逆排名"),
                    "subject": { "type": "string", "enum": ["industry", "town", "nature", "level", "lead_unit", "leader", "hq"], "title": "排名对象", "description": "按什么分组排名：industry 行业、town 乡镇（园区）、nature 建设性质、level 级别、lead_unit 责任单位、leader 挂包县领导、hq 指挥部" },
                    "order": { "type": "string", "enum": ["asc", "desc"], "title": "顺序", "description": "asc：由低到高（逆排名）；desc：由高到低" },
                    "bottom": integer("点名后 N 名", "0 为不点名")
                })) },
                "bulletin": object("通报", &["issuer", "series"], json!({
                    "issuer": text("发文机关", "红头"),
                    "series": text("通报名称", "如 重点项目建设通报"),
                    "cc": names("抄送", "版记中的抄送单位"),
                    "page_numbers": { "type": "string", "enum": ["sides", "center"], "title": "页码位置", "description": "sides：单页居右、双页居左（默认）；center：居中" }
                })),
                "contest": object("观摩评比的评分规则", &["criteria"], json!({
                    "criteria": { "type": "array", "title": "评分项", "description": "评委打分的评分项，依次列出", "items": object("评分项", &["name", "points"], json!({
                        "name": text("名称", "如 形象进度"),
                        "points": { "type": "number", "minimum": 0, "title": "满分", "description": "该项的满分" }
                    })) },
                    "progress_points": { "type": "number", "minimum": 0, "title": "进度得分满分", "description": "按指标计算的部分：完成率达到序时进度得满分，不到按比例" },
                    "red_light_penalty": { "type": "number", "minimum": 0, "title": "红灯扣分", "description": "每个亮红灯的项目从进度得分中扣的分数" },
                    "trim": { "type": "boolean", "title": "去掉最高分和最低分", "description": "某项至少 3 位评委打分时，去掉一个最高分和一个最低分再平均" },
                    "red_list": integer("红榜个数", "先进，从第 1 名起"),
                    "black_list": integer("黑榜个数", "后进，从最后一名起")
                }))
            }),
        ),
    )
}

fn orgs(n: &Names) -> Value {
    document(
        "orgs",
        object(
            "orgs.yaml：单位、指挥部与县领导",
            &[],
            json!({
                "units": { "type": "array", "title": "单位", "description": "部门、乡镇、园区和企业", "items": object("单位", &["name", "kind"], json!({
                    "name": text("名称", "其他文件引用的名称"),
                    "kind": { "type": "string", "enum": ["部门", "乡镇", "园区", "企业"], "title": "类别", "description": "乡镇、园区可作为项目所在地（town）" }
                })) },
                "hqs": { "type": "array", "title": "指挥部", "description": "项目建设指挥部及其指挥长", "items": object("指挥部", &["name", "commander"], json!({
                    "name": text("名称", "项目建设指挥部"),
                    "commander": one_of("指挥长", "须为 leaders 中的县领导", &n.leaders)
                })) },
                "leaders": { "type": "array", "title": "县领导", "description": "可挂包项目、担任指挥长的县领导", "items": object("县领导", &["name", "title"], json!({
                    "name": text("姓名", "其他文件引用的县领导姓名"),
                    "title": text("职务", "如 副县长")
                })) }
            }),
        ),
    )
}

fn project(cfg: &Config, n: &Names) -> Value {
    let l = &cfg.lists;
    let year = object(
        "年度属性",
        &["level", "nature", "batch", "plan"],
        json!({
            "level": one_of("项目级别", "config.yaml 的 lists.levels 之一", &l.levels),
            "nature": one_of("建设性质", "config.yaml 的 lists.natures 之一", &l.natures),
            "batch": one_of("四个一批", "config.yaml 的 lists.batches 之一", &l.batches),
            "plan": money("年度计划投资", "前期项目可为 0"),
            "before_year": money("开工至上年底累计完成", "开工以来到上年年底的累计完成投资"),
            "monthly_plan": { "type": "array", "items": { "type": "number", "minimum": 0 }, "minItems": 12, "maxItems": 12, "title": "1–N 月累计计划", "description": "12 个逐月不减的累计值，最后一个等于年度计划（万元）" },
            "target": text("年度目标", "本年度要达到的形象进度")
        }),
    );
    let blocker = object(
        "卡点/堵点/难点",
        &["id", "title", "kind", "category", "raised", "unit"],
        json!({
            "id": integer("编号", "项目内唯一，引用为 项目编号#编号"),
            "title": text("问题", "问题的简短标题"),
            "kind": { "type": "string", "enum": ["卡点", "堵点", "难点"], "title": "类型", "description": "卡点、堵点或难点" },
            "category": one_of("类别", "config.yaml 的 lists.issue_categories 之一", &l.issue_categories),
            "raised": date("提出日期"),
            "unit": one_of("责任单位", "orgs.yaml 中的单位", &n.units),
            "leader": one_of("协调领导", "orgs.yaml 中的县领导", &n.leaders),
            "deadline": date_or_null("解决时限", "写作 YYYY-MM-DD，未定为 null"),
            "measures": text("解决措施", "正在采取的措施"),
            "resolved": date_or_null("销号日期", "未解决为 null"),
            "resolution": { "type": ["string", "null"], "title": "解决情况", "description": "销号时写明如何解决" }
        }),
    );
    document(
        "project",
        object(
            "重点项目",
            &["id", "name", "industry", "town", "lead_unit", "total_investment", "start_year", "end_year"],
            json!({
                "id": { "type": "string", "pattern": "^[A-Za-z0-9-]+$", "title": "项目编号", "description": "与文件名相同，只含字母、数字和 -" },
                "name": text("项目名称", "项目的正式名称"),
                "industry": one_of("行业", "config.yaml 的 lists.industries 之一", &l.industries),
                "town": one_of("乡镇（园区）", "orgs.yaml 中 kind 为 乡镇 或 园区 的单位", &n.towns),
                "content": text("建设内容及规模", "主要建设内容和规模"),
                "owner": text("业主单位", "自由文本"),
                "lead_unit": one_of("责任单位", "orgs.yaml 中的单位", &n.units),
                "co_units": names_of("配合单位", "orgs.yaml 中的单位", &n.units),
                "leaders": names_of("挂包县领导", "orgs.yaml 中的县领导，可多人", &n.leaders),
                "hq": one_of("指挥部", "orgs.yaml 中的指挥部", &n.hqs),
                "total_investment": money("总投资", "项目的计划总投资"),
                "start_year": integer("建设起年", "开工年份"),
                "end_year": integer("建设止年", "竣工年份"),
                "planned_start": date_or_null("计划开工", "写作 YYYY-MM-DD，未定为 null"),
                "actual_start": date_or_null("实际开工", "写作 YYYY-MM-DD，未定为 null"),
                "planned_completion": date_or_null("计划竣工", "写作 YYYY-MM-DD，未定为 null"),
                "actual_completion": date_or_null("实际竣工", "写作 YYYY-MM-DD，未定为 null"),
                "tags": names("标签", "自由标签"),
                "years": { "type": "object", "title": "年度属性", "description": "以年份为键，每年重新下达", "propertyNames": { "pattern": r"^\d{4}$" }, "additionalProperties": year },
                "milestones": { "type": "array", "title": "节点", "description": "项目的关键节点", "items": object("节点", &["name", "due"], json!({
                    "name": text("节点", "节点名称，如 主体封顶"), "due": date("计划完成"), "done": date_or_null("实际完成", "未完成为 null"), "unit": one_of("责任单位", "orgs.yaml 中的单位", &n.units)
                })) },
                "issues": { "type": "array", "title": "卡点/堵点/难点", "description": "项目遇到的问题，销号后保留", "items": blocker },
                "central_budget": { "type": "array", "title": "中央预算内投资", "description": "各批中央预算内资金的下达与支付", "items": object("一批资金", &["year", "batch", "allocated", "paid"], json!({
                    "year": integer("年度", "资金下达年度"), "batch": text("批次", "如 第二批"), "allocated": money("下达", "下达的资金"), "paid": money("已支付", "已支付的资金")
                })) }
            }),
        ),
    )
}

fn progress(n: &Names) -> Value {
    let entry = object(
        "本月报送",
        &["ytd"],
        json!({
            "ytd": money("1–N 月累计完成投资", "年内不得减少"),
            "started": { "type": "boolean", "title": "已开（复）工", "description": "true 或 false" },
            "progress": text("形象进度", "本月末的形象进度"),
            "next": text("下步计划", "下月的工作安排"),
            "problems": text("存在问题", "单位报送的本月存在问题；需限期解决的卡点堵点难点另记在项目文件 issues 中")
        }),
    );
    document(
        "progress",
        object(
            "月报",
            &["period", "as_of"],
            json!({
                "period": month("报告月份"),
                "as_of": date("数据截止日期"),
                "entries": { "type": "object", "title": "各项目本月数据", "description": "以项目编号为键", "propertyNames": { "enum": n.projects }, "additionalProperties": entry }
            }),
        ),
    )
}

fn meeting(cfg: &Config, n: &Names) -> Value {
    let decision = object(
        "议定事项",
        &["no", "text", "lead_unit", "status"],
        json!({
            "no": integer("编号", "第N件"),
            "text": text("内容", "议定事项的内容"),
            "lead_unit": one_of("牵头单位", "orgs.yaml 中的单位", &n.units),
            "co_units": names_of("配合单位", "orgs.yaml 中的单位", &n.units),
            "deadline": date_or_null("完成时限", "写作 YYYY-MM-DD，未定为 null"),
            "projects": names_of("相关项目", "项目编号", &n.projects),
            "status": { "type": "string", "enum": ["未启动", "正在办理", "已办结", "延期"], "title": "状态", "description": "未启动、正在办理、已办结或延期" },
            "closed": date_or_null("办结日期", "已办结时必填"),
            "feedback": { "type": "array", "title": "办理记录", "description": "按日期记录的办理过程：进展、催办、延期（带新的时限）、办结、退办", "items": object("办理记录", &["date", "text"], json!({
                "date": date("日期"),
                "text": text("内容", "办理情况"),
                "kind": { "type": "string", "enum": ["进展", "催办", "延期", "办结", "退办"], "title": "类别", "description": "进展（默认）、催办、延期、办结或退办" },
                "deadline": date("延期后的办理时限（仅延期记录）"),
                "lead_unit": one_of("改派的牵头单位", "退办后改由哪个单位牵头（仅退办记录）：orgs.yaml 中的单位", &n.units)
            })) },
            "report_back": text("反馈要求", "交办单上写明的反馈要求；不填则用通用的反馈要求")
        }),
    );
    document(
        "meeting",
        object(
            "会议纪要（YAML 头部）",
            &["title", "kind", "date"],
            json!({
                "title": text("会议名称", "会议的正式名称"),
                "kind": one_of("会议类型", "config.yaml 的 lists.meeting_kinds 之一", &cfg.lists.meeting_kinds),
                "number": text("届次", "如 2026年第3次"),
                "date": date("会议日期"),
                "place": text("地点", "会议地点"),
                "host": one_of("主持", "orgs.yaml 中的县领导", &n.leaders),
                "attendees": names_of("出席", "orgs.yaml 中的县领导", &n.leaders),
                "absent": names_of("请假", "orgs.yaml 中的县领导", &n.leaders),
                "observers": names_of("列席", "orgs.yaml 中的单位", &n.units),
                "projects": names_of("研究项目", "项目编号", &n.projects),
                "decisions": { "type": "array", "title": "议定事项", "description": "会议议定的事项，逐件编号", "items": decision },
                "contest": object("观摩评比", &["by", "entrants", "judges"], json!({
                    "by": { "type": "string", "enum": ["project", "town", "lead_unit", "hq"], "title": "参评对象", "description": "project 项目、town 乡镇（园区）、lead_unit 责任单位、hq 指挥部" },
                    "entrants": names("参评对象", "项目编号，或乡镇、单位、指挥部的名称"),
                    "judges": names("评委", "评委姓名"),
                    "scores": { "type": "array", "title": "评分表", "description": "每位评委给每个参评对象一张", "items": object("评分表", &["judge", "entrant", "points"], json!({
                        "judge": text("评委", "judges 中的一位"),
                        "entrant": text("参评对象", "entrants 中的一个"),
                        "points": { "type": "object", "title": "得分", "description": "按 config.yaml 的评分项逐项打分", "additionalProperties": { "type": "number", "minimum": 0 } }
                    })) }
                }))
            }),
        ),
    )
}

fn bulletin() -> Value {
    document(
        "bulletin",
        object(
            "通报文字（YAML 头部）",
            &[],
            json!({
                "date": date("印发日期"),
                "number": text("期号", "默认按报告期生成，如 2026年第10期"),
                "lead": text("导语", "“一、总体情况”之前的一段话"),
                "title": text("标题", "默认“关于2026年1-10月全县重点项目建设情况的通报”")
            }),
        ),
    )
}

/// Every schema of a data folder, as (file name, pretty JSON text): regenerate after the
/// config lists, orgs.yaml or the projects change (`tongbao schema`; `tongbao new` does it).
pub fn all(ds: &Dataset) -> Vec<(&'static str, String)> {
    let pretty = |v: Value| serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    let (cfg, n) = (&ds.config, &Names::of(ds));
    vec![
        ("bulletin.schema.json", pretty(bulletin())),
        ("config.schema.json", pretty(config())),
        ("meeting.schema.json", pretty(meeting(cfg, n))),
        ("orgs.schema.json", pretty(orgs(n))),
        ("progress.schema.json", pretty(progress(n))),
        ("project.schema.json", pretty(project(cfg, n))),
    ]
}

/// Writes every schema of `ds` into `dir`.
pub fn write(ds: &Dataset, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    all(ds).into_iter().try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
}
