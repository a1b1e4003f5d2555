//! Shipping: the release workflow, the GitHub Action, install.sh and the
//! crate package. The names of the release archives are the contract between
//! them (docs/install.md), so every part is checked against [`TARGETS`].

mod action_steps;
mod fixture;
mod install_script;
mod package;
mod release_steps;
mod schemas;
mod shellcheck;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every platform a release ships a binary for, with its archive format: the
/// release workflow's matrix, install.sh's detection and the binstall
/// metadata must all name exactly these `dealcheck-<target>.<archive>`.
pub const TARGETS: [(&str, &str); 5] = [
    ("x86_64-unknown-linux-musl", "tar.gz"),
    ("aarch64-unknown-linux-musl", "tar.gz"),
    ("aarch64-apple-darwin", "tar.gz"),
    ("x86_64-apple-darwin", "tar.gz"),
    ("x86_64-pc-windows-msvc", "zip"),
];

/// The release asset of a target: no version in the name, so
/// `releases/latest/download/<asset>` always works.
pub fn asset(target: &str, archive: &str) -> String {
    format!("dealcheck-{target}.{archive}")
}

/// A file of this repository.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn read(relative: &str) -> String {
    let path = repo_path(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A YAML file of this repository as JSON, the way the schemas see it.
pub fn yaml(relative: &str) -> Value {
    serde_norway::from_str(&read(relative))
        .unwrap_or_else(|e| panic!("{relative} is not valid YAML: {e}"))
}

/// The files with GitHub Actions steps: the release workflow (and any other
/// workflow added later), the example workflow and the Action.
pub fn workflows() -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(repo_path(".github/workflows"))
        .expect(".github/workflows exists")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".yml") || name.ends_with(".yaml"))
        .map(|name| format!(".github/workflows/{name}"))
        .collect();
    found.sort();
    assert!(
        found.contains(&".github/workflows/release.yml".to_string()),
        "{found:?}"
    );
    found.push("examples/ci/dealcheck.yml".to_string());
    found
}

/// One `run:` step: where it is, the shell that runs it and its script.
pub struct RunStep {
    pub place: String,
    pub shell: String,
    pub script: String,
}

/// Every `run:` step of a workflow or of the Action, with the shell GitHub
/// runs it with (the step's, else the job's or the workflow's default, else
/// bash, the default on Linux and macOS runners).
pub fn run_steps(file: &str) -> Vec<RunStep> {
    let doc = yaml(file);
    let default_shell = |v: &Value| v["defaults"]["run"]["shell"].as_str().map(str::to_string);
    let workflow_shell = default_shell(&doc);
    let mut jobs: Vec<(String, Option<String>, &Vec<Value>)> = Vec::new();
    if let Some(steps) = doc["runs"]["steps"].as_array() {
        jobs.push(("runs".to_string(), None, steps));
    }
    if let Some(map) = doc["jobs"].as_object() {
        for (name, job) in map {
            if let Some(steps) = job["steps"].as_array() {
                jobs.push((format!("jobs.{name}"), default_shell(job), steps));
            }
        }
    }
    let mut out = Vec::new();
    for (job, job_shell, steps) in jobs {
        for (i, step) in steps.iter().enumerate() {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            let shell = step["shell"]
                .as_str()
                .map(str::to_string)
                .or_else(|| job_shell.clone())
                .or_else(|| workflow_shell.clone())
                .unwrap_or_else(|| "bash".to_string());
            let name = step["name"].as_str().unwrap_or("(unnamed)");
            out.push(RunStep {
                place: format!("{file} {job}.steps[{i}] \"{name}\""),
                shell,
                script: script.to_string(),
            });
        }
    }
    out
}
