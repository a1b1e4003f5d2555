//! The release workflow's packaging scripts run here on a fake build: each
//! target's archive and `.sha256`, then the release job's SHA256SUMS, and
//! install.sh installs from the result. The build itself (cargo, the
//! runners' toolchains) only runs on GitHub.

use super::fixture::{FAKE_VERSION, Fixture, make_executable};
use super::{TARGETS, asset, repo_path, yaml};
use std::path::Path;
use std::process::{Command, Output};

/// The script of the step `name` of `job` in the release workflow.
fn step_script(job: &str, name: &str) -> String {
    let workflow = yaml(".github/workflows/release.yml");
    let steps = workflow["jobs"][job]["steps"].as_array().unwrap();
    let step = steps
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name:?} in job {job}"));
    step["run"].as_str().unwrap().to_string()
}

/// Runs a script as the workflow's default shell does (`bash -eo pipefail`).
fn run_bash(fixture: &Fixture, script: &str, workspace: &Path, env: &[(&str, &str)]) -> Output {
    let file = fixture.path("step.sh");
    std::fs::write(&file, script).unwrap();
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&file)
        .current_dir(workspace)
        .env("PATH", fixture.search_path_with(&[fixture.path("tools")]));
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("bash runs")
}

fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A stand-in for Windows' 7-Zip (`7z a -tzip OUT FILE...`): the archive's
/// format does not matter to the checksums.
fn fake_7z(fixture: &Fixture) {
    std::fs::create_dir(fixture.path("tools")).unwrap();
    let path = fixture.path("tools/7z");
    std::fs::write(
        &path,
        "#!/bin/sh\nshift 2\nout=$1\nshift\ntar -cf \"$out\" \"$@\"\n",
    )
    .unwrap();
    make_executable(&path);
}

#[test]
fn the_release_packaging_makes_what_install_sh_installs() {
    let fixture = Fixture::new();
    fake_7z(&fixture);
    let workspace = fixture.path("workspace");
    std::fs::create_dir(&workspace).unwrap();
    for file in ["README.md", "LICENSE", "install.sh"] {
        std::fs::copy(repo_path(file), workspace.join(file)).unwrap();
    }
    let archive_step = step_script("build", "Archive with its checksum");
    for (target, archive) in TARGETS {
        let (os, exe) = if target.contains("windows") {
            ("Windows", ".exe")
        } else {
            ("Linux", "")
        };
        let built = workspace.join(format!("target/{target}/dist"));
        std::fs::create_dir_all(&built).unwrap();
        std::fs::copy(
            fixture.path("stage/dealcheck"),
            built.join(format!("dealcheck{exe}")),
        )
        .unwrap();
        let env = [("TARGET", target), ("ARCHIVE", archive), ("RUNNER_OS", os)];
        assert_success(&run_bash(&fixture, &archive_step, &workspace, &env));

        let name = asset(target, archive);
        let sum = std::fs::read_to_string(workspace.join(format!("dist/{name}.sha256"))).unwrap();
        let (hex, file) = sum.trim_end().split_once("  ").unwrap();
        assert_eq!(file, name);
        assert_eq!(
            hex,
            super::fixture::sha256(&workspace.join("dist").join(&name))
        );
    }

    // The release job: every artifact downloaded into dist/, then this.
    let sums_step = step_script("release", "SHA256SUMS, checked against every archive");
    assert_success(&run_bash(&fixture, &sums_step, &workspace, &[]));
    let sums = std::fs::read_to_string(workspace.join("dist/SHA256SUMS")).unwrap();
    let mut named: Vec<&str> = sums
        .lines()
        .map(|l| l.split_once("  ").unwrap().1)
        .collect();
    named.sort();
    let mut expected: Vec<String> = TARGETS.iter().map(|(t, a)| asset(t, a)).collect();
    expected.push("install.sh".to_string());
    expected.sort();
    assert_eq!(named, expected);

    // What the release publishes installs.
    let to = fixture.path("bin");
    let out = fixture.run(&[
        "--source",
        &workspace.join("dist").display().to_string(),
        "--to",
        &to.display().to_string(),
        "--target",
        "aarch64-unknown-linux-musl",
    ]);
    assert_success(&out);
    let version = Command::new(to.join("dealcheck"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        FAKE_VERSION
    );
}

/// A release missing an archive is not published.
#[test]
fn the_release_job_refuses_a_missing_archive() {
    let fixture = Fixture::new();
    fake_7z(&fixture);
    let workspace = fixture.path("workspace");
    std::fs::create_dir_all(workspace.join("dist")).unwrap();
    std::fs::copy(repo_path("install.sh"), workspace.join("install.sh")).unwrap();
    // The four Unix archives only.
    for entry in std::fs::read_dir(fixture.path("release")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            workspace.join("dist").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    let sums_step = step_script("release", "SHA256SUMS, checked against every archive");
    let out = run_bash(&fixture, &sums_step, &workspace, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected 5 archives, found 4"));
}
