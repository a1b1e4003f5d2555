//! Every shell script that ships passes shellcheck: each `run:` step of the
//! workflows and the Action (checked as the shell GitHub runs it with),
//! install.sh, the pre-commit hook and .ci/run.
//!
//! shellcheck is a system tool. `.ci/run` installs it when it is missing, so
//! under CI (`CI` set) a missing shellcheck fails these tests; on a developer's
//! machine without it they say so on stderr and pass (docs/decisions.md,
//! "Shipping").

use super::{repo_path, run_steps, workflows};
use std::process::Command;

/// Whether shellcheck can run; panics under CI when it cannot.
fn have_shellcheck() -> bool {
    let found = Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let under_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if !found && under_ci {
        panic!(
            "shellcheck is not installed, and CI is set: .ci/run installs it (apt-get install shellcheck)"
        );
    }
    if !found {
        eprintln!(
            "SKIPPED: shellcheck is not installed (apt-get install shellcheck); CI runs this check"
        );
    }
    found
}

/// shellcheck's complaints about a script, or `None` when it is clean.
fn shellcheck(script: &str, shell: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("step.sh");
    std::fs::write(&file, script).unwrap();
    let out = Command::new("shellcheck")
        .arg(format!("--shell={shell}"))
        .arg(&file)
        .output()
        .expect("shellcheck runs");
    if out.status.success() {
        None
    } else {
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// The shell shellcheck should read a step as: `bash` and `sh` as they are
/// (GitHub's `bash` is `bash -e -o pipefail`, still bash).
fn dialect(shell: &str) -> &'static str {
    match shell.split_whitespace().next().unwrap_or("") {
        "bash" => "bash",
        "sh" => "sh",
        other => {
            panic!("a run step uses shell {other:?}: keep to bash or sh so shellcheck can read it")
        }
    }
}

#[test]
fn every_run_step_passes_shellcheck() {
    if !have_shellcheck() {
        return;
    }
    let mut files = workflows();
    files.push("action.yml".to_string());
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        for step in run_steps(file) {
            checked += 1;
            // GitHub runs a step with `bash -e` (`-eo pipefail` when the
            // shell is named) or `sh -e`: line 1 says so, for shellcheck.
            let script = format!("set -e\n{}", step.script);
            if let Some(complaint) = shellcheck(&script, dialect(&step.shell)) {
                failures.push(format!("{} (line 1 added):\n{complaint}", step.place));
            }
        }
    }
    assert!(checked >= 10, "only {checked} run steps found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_shipped_scripts_pass_shellcheck() {
    if !have_shellcheck() {
        return;
    }
    for script in ["install.sh", "examples/ci/pre-commit", ".ci/run"] {
        let out = Command::new("shellcheck")
            .arg(repo_path(script))
            .output()
            .expect("shellcheck runs");
        assert!(
            out.status.success(),
            "{script}:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// install.sh is POSIX sh (its shebang), so shellcheck holds it to sh, not bash.
#[test]
fn install_sh_is_posix_sh() {
    let text = std::fs::read_to_string(repo_path("install.sh")).unwrap();
    assert!(text.starts_with("#!/bin/sh\n"));
}

/// The check has teeth: an unquoted expansion is reported.
#[test]
fn shellcheck_reports_a_bad_script() {
    if !have_shellcheck() {
        return;
    }
    assert!(shellcheck("rm -rf $1/*\n", "bash").is_some());
    assert!(shellcheck("echo \"$1\"\n", "bash").is_none());
}
