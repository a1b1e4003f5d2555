use super::*;

fn root() -> SourceRoot {
    SourceRoot {
        cwd: PathBuf::from("/repo/sub"),
        root: PathBuf::from("/repo"),
    }
}

fn uri(path: &str) -> (String, Option<String>) {
    let l = root().location(path);
    (l.uri, l.uri_base_id)
}

#[test]
fn paths_are_normalised_and_relative_to_the_root() {
    let rel = ("sub/deals/x.toml".to_string(), Some(SRCROOT.to_string()));
    assert_eq!(uri("./deals/x.toml"), rel);
    assert_eq!(uri("deals/../deals/x.toml"), rel);
    assert_eq!(uri("/repo/sub/deals/x.toml"), rel);
    assert_eq!(uri("../sub/./deals/x.toml"), rel);
    assert_eq!(
        uri("deals/my deal#1.toml"),
        ("sub/deals/my%20deal%231.toml".into(), Some(SRCROOT.into()))
    );
    assert_eq!(uri("dé.toml").0, "sub/d%C3%A9.toml");
    assert_eq!(
        uri("/elsewhere/x.toml"),
        ("file:///elsewhere/x.toml".into(), None)
    );
    assert_eq!(root().root_uri(), "file:///repo/");
}

#[test]
fn the_root_is_the_git_work_tree_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("deals/q1")).unwrap();
    // A linked work tree has a `.git` file, not a folder.
    std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").unwrap();
    let cwd = repo.join("deals");
    let found = SourceRoot::new(&cwd, Some(Path::new("q1/x.toml")));
    assert_eq!(found.root(), repo.as_path());
    let absolute = repo.join("deals/q1/x.toml");
    let found = SourceRoot::new(dir.path(), Some(&absolute));
    assert_eq!(found.root(), repo.as_path());
    assert_eq!(
        found.location(&absolute.to_string_lossy()).uri,
        "deals/q1/x.toml"
    );
    // No work tree anywhere: the current folder.
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let found = SourceRoot::new(&plain, Some(Path::new("x.toml")));
    if git_root(dir.path()).is_none() {
        assert_eq!(found.root(), plain.as_path());
    }
}

#[test]
fn fingerprints_ignore_lines_and_number_repeats() {
    use crate::gap::{GapKind, UnknownRequirement};
    let gap = |line| {
        Gap::new(GapKind::UnknownRequirement(UnknownRequirement {
            requirement: "seats".into(),
            nearest: None,
        }))
        .at(&crate::load::Location {
            path: "d.toml".into(),
            line,
            column: 1,
        })
    };
    let mut a = Fingerprints::default();
    let mut b = Fingerprints::default();
    let first = a.next(&gap(3), "d.toml");
    assert_eq!(
        first,
        b.next(&gap(9), "d.toml"),
        "a moved line keeps its identity"
    );
    assert!(first.ends_with(":1"));
    let again = a.next(&gap(3), "d.toml");
    assert_eq!(again, first.replace(":1", ":2"));
    assert_ne!(
        a.next(&gap(3), "e.toml").split(':').next(),
        first.split(':').next()
    );
}

#[test]
fn messages_are_plain_inert_text() {
    let m = message("see [x](https://evil.io) @dana\\ \x1b[2J");
    let m = m["text"].as_str().unwrap();
    assert_eq!(
        m,
        "see \\[x\\](https:\u{2060}//evil.io) @\u{2060}dana\\\\ \\\\u{1b}\\[2J"
    );
}
