//! The crate package holds only what `cargo install dealcheck` needs, and
//! its binstall metadata points at the archives the release workflow builds.

use super::{TARGETS, asset, read, repo_path};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Every file under `dir`, as a path relative to the repository with `/`.
fn files_under(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            let relative = path.strip_prefix(repo_path("")).unwrap();
            out.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// `cargo package --list` is the whole of src/ (the library, the binary and
/// the starter files `init` embeds) and the six files around it: no tests,
/// benchmarks, examples, docs, CI files or install script.
#[test]
fn the_package_holds_only_what_a_user_needs() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    // --allow-dirty: the list is the same, and the test runs on work in progress.
    let out = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(repo_path(""))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: BTreeSet<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // Written by cargo when packaging from a git checkout.
        .filter(|line| *line != ".cargo_vcs_info.json")
        .map(str::to_string)
        .collect();

    let mut expected: BTreeSet<String> = [
        "CHANGELOG.md",
        "Cargo.lock",
        "Cargo.toml",
        "Cargo.toml.orig",
        "LICENSE",
        "README.md",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    files_under(&repo_path("src"), &mut expected);
    assert!(expected.contains("src/lib.rs") && expected.contains("src/bin/dealcheck/main.rs"));

    let extra: Vec<_> = listed.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&listed).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "packaged but not needed: {extra:?}\nneeded but not packaged: {missing:?}"
    );
}

/// `cargo binstall dealcheck` finds the archive install.sh downloads, for
/// every target: the release workflow's asset under `v<version>`, with the
/// binary at its root (where the workflow puts it).
#[test]
fn binstall_metadata_names_the_release_archives() {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let package = manifest["package"].as_table().unwrap();
    let repository = package["repository"].as_str().unwrap();
    let binstall = package["metadata"]["binstall"].as_table().unwrap();
    assert_eq!(binstall["bin-dir"].as_str(), Some("{ bin }{ binary-ext }"));

    let install_sh = read("install.sh");
    assert!(
        install_sh.contains(&format!("\nrepo_url={repository}\n")),
        "install.sh downloads from another repository than Cargo.toml's"
    );
    for (target, archive) in TARGETS {
        let chosen = binstall
            .get("overrides")
            .and_then(|o| o.get(target))
            .and_then(|o| o.as_table())
            .filter(|o| o.contains_key("pkg-url"))
            .unwrap_or(binstall);
        let url = chosen["pkg-url"]
            .as_str()
            .unwrap()
            .replace("{ repo }", repository)
            .replace("{ version }", "0.1.0")
            .replace("{ name }", "dealcheck")
            .replace("{ target }", target);
        assert_eq!(
            url,
            format!(
                "{repository}/releases/download/v0.1.0/{}",
                asset(target, archive)
            )
        );
        let format = match archive {
            "zip" => "zip",
            _ => "tgz",
        };
        assert_eq!(chosen["pkg-fmt"].as_str(), Some(format), "{target}");
    }
}

/// The release workflow builds with `--profile dist`: Cargo.toml must
/// define it (a missing profile fails the tag's build, not this repo's CI),
/// as the release profile plus whole-program optimisation, so the shipped
/// binary is the quickest one; `cargo install` keeps the release profile.
#[test]
fn the_profile_the_release_builds_with_is_release_with_whole_program_optimisation() {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let workflow = read(".github/workflows/release.yml");
    let profile = workflow
        .split("cargo build --profile ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the release workflow builds with a named profile");
    // Every step that takes the built binary (the check, the archive) takes
    // it from the folder of the profile the build step named.
    let folders: Vec<&str> = workflow
        .split("target/$TARGET/")
        .skip(1)
        .map(|rest| rest.split('/').next().unwrap_or_default())
        .collect();
    assert!(folders.len() >= 2, "{folders:?}");
    assert!(
        folders.iter().all(|f| *f == profile),
        "the workflow takes the binary from {folders:?}, its build writes {profile}"
    );
    let dist = manifest["profile"][profile].as_table().unwrap();
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
    let release = manifest["profile"]["release"].as_table().unwrap();
    assert!(
        !release.contains_key("lto"),
        "cargo install and the README's build would wait for whole-program optimisation"
    );
}
