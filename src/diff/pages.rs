//! The published pages themselves compared: each side's whole site rendered in memory (as
//! `build` writes it) and every page's fingerprint compared, so that `diff` says "no change"
//! exactly when the two builds would write the same bytes, whatever the change was (a meeting's
//! text, a unit's name, the config).

use super::side::Side;
use crate::Failure;
use crate::render::{Page, Theme};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::Mutex;

/// Pages that differ, by path in the site: changed, only after, only before.
#[derive(Debug, Default, Clone)]
pub struct PageChanges {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl PageChanges {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

/// A page's fingerprint: its length and two hashes of its bytes (fixed keys, the same in
/// every run).
fn fingerprint(page: &Page) -> (usize, u64, u64) {
    let (mut a, mut b) = (std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
    b.write_u8(0x5a);
    for part in &page.parts {
        a.write(part);
        b.write(part);
    }
    (page.parts.iter().map(Vec::len).sum(), a.finish(), b.finish())
}

/// Every page of `side`'s site by path, as fingerprints.
fn fingerprints(side: &Side, theme: &Theme) -> Result<BTreeMap<String, (usize, u64, u64)>, Failure> {
    let seen = Mutex::new(BTreeMap::new());
    crate::render_pages(&side.ds, &side.figures, side.now().period, theme, &|page: Page| {
        let print = fingerprint(&page);
        seen.lock().map_err(|_| "错误：内部锁失效\n".to_string())?.insert(page.path, print);
        Ok(())
    })?;
    seen.into_inner().map_err(|_| Failure::Other("错误：内部锁失效\n".into()))
}

/// The pages whose bytes differ between the two sides' sites.
pub fn compare(old: &Side, new: &Side, theme: &Theme) -> Result<PageChanges, Failure> {
    let (before, after) = (fingerprints(old, theme)?, fingerprints(new, theme)?);
    let mut out = PageChanges::default();
    for (path, print) in &after {
        match before.get(path) {
            None => out.added.push(path.clone()),
            Some(p) if p != print => out.changed.push(path.clone()),
            _ => {}
        }
    }
    out.removed = before.keys().filter(|p| !after.contains_key(*p)).cloned().collect();
    Ok(out)
}
