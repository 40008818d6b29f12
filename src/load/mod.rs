//! Stage 1, load: walk `data/`, read every file in parallel, parse YAML and front matter into
//! the model, and keep each file's text and value positions for the findings of later stages.
//!
//! Loading never stops at the first bad file: every file is read and every finding collected.

mod locate;
mod parse;
mod pieces;
mod source;
mod walk;

pub use locate::Seg;
pub use source::SourceFile;

use crate::diagnostic::Diagnostic;
use crate::model::{
    BulletinFront, BulletinText, Config, Dataset, Meeting, MeetingFront, Month, Orgs, Progress, Project,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use walk::Role;

/// What a data folder holds, as far as it could be read.
#[derive(Debug)]
pub struct Loaded {
    /// `None` when config.yaml or orgs.yaml could not be read.
    pub dataset: Option<Dataset>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Each file read, by its path relative to the data folder, and which file each record came from.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: BTreeMap<String, Arc<SourceFile>>,
    pub config: String,
    pub orgs: String,
    pub projects: BTreeMap<String, String>,
    /// Later files that repeat an id already taken: (id, file). Left out of the dataset.
    pub duplicate_projects: Vec<(String, String)>,
    /// Files that could not be read (their findings already say why).
    pub unreadable: std::collections::BTreeSet<String>,
    /// Project ids in doubt: stems of project files that could not be read or whose `id`
    /// differs from the stem. References to them are not reported again as unknown.
    pub doubtful_ids: std::collections::BTreeSet<String>,
    /// Files read past a bad value (see [`parse::yaml`]): their record holds a stand-in for it,
    /// so the checks that compare values skip them (they would report what the stand-in did).
    pub read_past: std::collections::BTreeSet<String>,
    pub progress: BTreeMap<Month, String>,
    pub meetings: BTreeMap<String, String>,
}

impl Sources {
    pub fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.files.get(rel).map(Arc::as_ref)
    }

    /// The position of the value at `path` in file `rel` (1:1 when the file is unknown).
    pub fn at(&self, rel: &str, path: &[Seg]) -> (usize, usize) {
        self.files.get(rel).map_or((1, 1), |f| f.at(path))
    }

    /// Whether the project `id` came from a file read past a bad value (no lookup at all when,
    /// as almost always, no file was).
    pub fn project_read_past(&self, id: &str) -> bool {
        !self.read_past.is_empty() && self.projects.get(id).is_some_and(|f| self.read_past.contains(f))
    }

    pub fn key_at(&self, rel: &str, path: &[Seg]) -> (usize, usize) {
        self.files.get(rel).map_or((1, 1), |f| f.key_at(path))
    }
}

#[derive(Debug, Clone)]
enum Record {
    Config(Config),
    Orgs(Orgs),
    Project(Project),
    Progress(Progress),
    Meeting(Meeting),
    Bulletin(BulletinText),
}

#[derive(Debug, Clone)]
struct Read {
    role: Role,
    rel: String,
    source: Option<Arc<SourceFile>>,
    record: Result<Record, Diagnostic>,
    /// The findings of bad values the file was read past (see [`parse::yaml`]).
    read_past: Vec<Diagnostic>,
}

/// Files read before, with the size and modification time they had then: `tongbao serve`
/// re-reads only the files that changed.
#[derive(Debug, Default)]
pub struct Cache {
    reads: BTreeMap<String, ((u64, std::time::SystemTime), Read)>,
}

/// How many files are read at once: more than the cores, so that reading files the operating
/// system no longer holds in memory waits on the disk for several at a time.
const READERS: usize = 16;

/// Reads the data folder at `root`; with `cache`, re-reads only files that changed since the
/// cache saw them and keeps what it read there (`tongbao serve`).
pub fn load(root: &std::path::Path, cache: Option<&mut Cache>) -> Loaded {
    let (found, mut diagnostics) = walk::walk(root);
    let unchanged = |f: &walk::Found, stamp: Option<(u64, std::time::SystemTime)>| {
        let (then, read) = cache.as_deref()?.reads.get(&f.rel)?;
        (Some(*then) == stamp).then(|| read.clone())
    };
    let wanted = |f: &walk::Found| {
        let stamp = std::fs::metadata(&f.full).ok().and_then(|m| Some((m.len(), m.modified().ok()?)));
        match unchanged(f, stamp) {
            Some(read) => (stamp, Ok(read)),
            None => (stamp, Err(std::fs::read(&f.full))),
        }
    };
    let readers = rayon::ThreadPoolBuilder::new().num_threads(READERS).build();
    let fetched: Vec<_> = match &readers {
        Ok(pool) => pool.install(|| found.par_iter().map(wanted).collect()),
        Err(_) => found.par_iter().map(wanted).collect(),
    };
    let stamped: Vec<(Read, Option<(u64, std::time::SystemTime)>)> = fetched
        .into_par_iter()
        .zip(&found)
        // One task per file: a province's monthly files are a few MB each and take 100 ms to
        // parse, and they sit together in the list; in larger tasks one core parsed them all
        // while the other, done with the small project files, waited (measured at 50k: parse
        // 1.2–1.8 s → 1.0–1.2 s; 10k: 240 → 190 ms).
        .with_max_len(1)
        .map(|((stamp, fetched), f)| (fetched.unwrap_or_else(|bytes| read_one(f, bytes)), stamp))
        .collect();
    if let Some(cache) = cache {
        cache.reads =
            stamped.iter().filter_map(|(read, stamp)| Some((read.rel.clone(), ((*stamp)?, read.clone())))).collect();
    }
    let reads: Vec<Read> = stamped.into_iter().map(|(read, _)| read).collect();
    let mut sources = Sources::default();
    let (mut config, mut orgs) = (None, None);
    let mut projects = Vec::new();
    let mut progress = BTreeMap::new();
    let mut meetings = Vec::new();
    let mut bulletins = BTreeMap::new();
    for read in reads {
        if let Some(source) = read.source {
            sources.files.insert(read.rel.clone(), source);
        }
        if !read.read_past.is_empty() {
            sources.read_past.insert(read.rel.clone());
            diagnostics.extend(read.read_past);
        }
        match read.record {
            Err(d) => {
                if read.role == Role::Project {
                    sources.doubtful_ids.insert(file_stem(&read.rel));
                }
                sources.unreadable.insert(read.rel);
                diagnostics.push(d);
            }
            Ok(Record::Config(c)) => {
                sources.config = read.rel;
                config = Some(c);
            }
            Ok(Record::Orgs(o)) => {
                sources.orgs = read.rel;
                orgs = Some(o);
            }
            Ok(Record::Project(p)) => {
                if file_stem(&read.rel) != p.id {
                    sources.doubtful_ids.insert(file_stem(&read.rel));
                }
                projects.push((p, read.rel));
            }
            Ok(Record::Progress(p)) => {
                sources.progress.insert(p.period, read.rel);
                progress.insert(p.period, p);
            }
            Ok(Record::Meeting(m)) => {
                sources.meetings.insert(m.stem.clone(), read.rel);
                meetings.push(m);
            }
            Ok(Record::Bulletin(b)) => {
                bulletins.insert(b.period, b);
            }
        }
    }
    for (name, value) in [("config.yaml", config.is_some()), ("orgs.yaml", orgs.is_some())] {
        if !value && !sources.files.contains_key(name) {
            diagnostics
                .push(Diagnostic::error("E0001", name, (1, 1), format!("数据目录中没有 {name}")).with_hint(Some(
                    "用 --data 指向包含 config.yaml、orgs.yaml、projects/ 和 progress/ 的目录".into(),
                )));
        }
    }
    projects.sort_by(|a, b| (&a.0.id, &a.1).cmp(&(&b.0.id, &b.1)));
    let mut unique: Vec<Project> = Vec::with_capacity(projects.len());
    for (project, rel) in projects {
        if unique.last().is_some_and(|p| p.id == project.id) {
            sources.duplicate_projects.push((project.id, rel));
        } else {
            sources.projects.insert(project.id.clone(), rel);
            unique.push(project);
        }
    }
    let projects = unique;
    meetings.sort_by(|a, b| (a.front.date, &a.stem).cmp(&(b.front.date, &b.stem)));
    let dataset = match (config, orgs) {
        (Some(config), Some(orgs)) => Some(Dataset { config, orgs, projects, progress, meetings, bulletins }),
        _ => None,
    };
    diagnostics.sort();
    Loaded { dataset, sources, diagnostics }
}

/// Parses one file from its `bytes` (or the error reading it).
fn read_one(found: &walk::Found, bytes: std::io::Result<Vec<u8>>) -> Read {
    let rel = found.rel.clone();
    let text = match bytes {
        Ok(bytes) => parse::text(&rel, bytes),
        Err(e) => Err(Diagnostic::error("E0002", &rel, (1, 1), format!("无法读取文件：{e}"))),
    };
    let text = match text {
        Ok(t) => t,
        Err(d) => return Read { role: found.role, rel, source: None, record: Err(d), read_past: Vec::new() },
    };
    let (yaml, body, first_line) = if matches!(found.role, Role::Meeting | Role::Bulletin) {
        match parse::front_matter(&rel, &text) {
            Ok((yaml, body)) => (yaml, body, 2),
            Err(d) => {
                return Read {
                    role: found.role,
                    source: Some(Arc::new(SourceFile::new(rel.clone(), text, 0..0, 1))),
                    rel,
                    record: Err(d),
                    read_past: Vec::new(),
                };
            }
        }
    } else {
        (text.as_str(), "", 1)
    };
    let mut read_past = Vec::new();
    let past = &mut read_past;
    let record = parse::nesting(&rel, yaml, first_line).and_then(|()| match found.role {
        Role::Config => parse::yaml(&rel, yaml, first_line, past).map(Record::Config),
        Role::Orgs => parse::yaml(&rel, yaml, first_line, past).map(Record::Orgs),
        Role::Project => parse::yaml(&rel, yaml, first_line, past).map(Record::Project),
        Role::Progress => match pieces::progress(yaml) {
            Some(progress) => Ok(Record::Progress(progress)),
            None => parse::yaml(&rel, yaml, first_line, past).map(Record::Progress),
        },
        Role::Meeting => parse::yaml::<MeetingFront>(&rel, yaml, first_line, past).map(|front| {
            let stem = file_stem(&rel);
            Record::Meeting(Meeting { stem, front, body: body.to_string() })
        }),
        Role::Bulletin => match file_stem(&rel).parse::<Month>() {
            Ok(period) => parse::yaml::<BulletinFront>(&rel, yaml, first_line, past)
                .map(|front| Record::Bulletin(BulletinText { period, front, body: body.to_string() })),
            Err(e) => Err(Diagnostic::error("E0205", &rel, (1, 1), format!("通报文字的文件名应为 YYYY-MM.md：{e}"))),
        },
    });
    // The YAML part is a slice of `text`: its byte range, so the text can move into the source.
    let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
    let range = start..start + yaml.len();
    let source = SourceFile::new(rel.clone(), text, range, first_line);
    Read { role: found.role, rel, source: Some(Arc::new(source)), record, read_past }
}

/// The file name without folder and extension: the id of a project, the stem of a meeting.
pub fn file_stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
}
