//! Where the data folder and the site are when the command line does not say, found the way
//! cargo finds Cargo.toml: the current folder or the nearest parent that holds `config.yaml`,
//! or a `data/` subfolder holding it. So `tongbao build` works from a data repository's root,
//! from inside its `data/`, and from any folder below either.

use std::path::{Path, PathBuf};

/// The data folder: `given` when the command line names one, otherwise the one found from
/// the current folder upwards.
pub fn data(given: Option<PathBuf>) -> Result<PathBuf, String> {
    match given {
        Some(dir) => Ok(dir),
        None => find_from(Path::new(".")),
    }
}

/// The data folder found from `start` upwards: as `start` with `..` added (`.`, `data`,
/// `../..`) when `start` is relative, so that messages name it briefly.
fn find_from(start: &Path) -> Result<PathBuf, String> {
    let full = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    for (up, folder) in full.ancestors().enumerate() {
        for sub in ["", "data"] {
            if folder.join(sub).join("config.yaml").is_file() {
                let found = if start.is_absolute() {
                    folder.to_path_buf()
                } else {
                    std::iter::repeat_n("..", up).fold(start.to_path_buf(), |path, _| path.join(".."))
                };
                return Ok(tidy(&found.join(sub)));
            }
        }
    }
    Err(format!(
        "错误：找不到数据目录：{} 及其上级目录中都没有 config.yaml 或 data/config.yaml\n\
         提示：在数据仓库中运行，或用 --data 指定数据目录；新建一个县的数据仓库用 tongbao init 目录 --name 某某县\n",
        full.display()
    ))
}

/// `./data` as `data`, `./..` as `..`, `.` as it is.
fn tidy(path: &Path) -> PathBuf {
    let tidied: PathBuf = path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    if tidied.as_os_str().is_empty() { PathBuf::from(".") } else { tidied }
}

/// The site's default place for the data folder `data`: `site/` beside a folder named `data`
/// (the layout of the tongbao repository), otherwise `site/` inside the data folder, which is
/// the root of its repository (what `tongbao init` makes; its `.gitignore` leaves `site/` out).
pub fn site(data: &Path) -> PathBuf {
    let shown = tidy(data);
    let named_data = |path: &Path| path.file_name().is_some_and(|name| name == "data");
    match shown.parent() {
        Some(parent) if named_data(&shown) => tidy(&parent.join("site")),
        _ if std::fs::canonicalize(data).is_ok_and(|full| named_data(&full)) => shown.join("..").join("site"),
        _ => tidy(&data.join("site")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_folder_is_found_from_below_and_beside() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-scratch/folders");
        let _ = std::fs::remove_dir_all(&root);
        let county = root.join("county");
        std::fs::create_dir_all(county.join("projects/2026")).unwrap();
        std::fs::write(county.join("config.yaml"), "").unwrap();
        let repo = root.join("repo");
        std::fs::create_dir_all(repo.join("data/progress")).unwrap();
        std::fs::write(repo.join("data/config.yaml"), "").unwrap();

        assert_eq!(find_from(&county).unwrap(), county);
        assert_eq!(find_from(&county.join("projects/2026")).unwrap(), county);
        assert_eq!(find_from(&repo).unwrap(), repo.join("data"));
        assert_eq!(find_from(&repo.join("data/progress")).unwrap(), repo.join("data"));
        // Nothing found: tests/binary.rs (outside this repository, which has a data/config.yaml).

        assert_eq!(site(&repo.join("data")), repo.join("site"));
        assert_eq!(site(&county), county.join("site"));
        assert_eq!(site(Path::new("data")), PathBuf::from("site"));
        assert_eq!(site(&repo.join("data/progress/..")), repo.join("data/progress/../../site"));
        assert_eq!(site(Path::new(".")), PathBuf::from("site"));
    }
}
