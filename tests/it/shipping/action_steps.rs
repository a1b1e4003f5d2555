//! The Action's steps run here as a runner would run them, against the local
//! release (fixture.rs): `DEALCHECK_INSTALL_BASE_URL` points install.sh at it,
//! as it can point at a mirror. Only the expressions the Action uses are
//! understood (`inputs.*`, `steps.*.outputs.*`); anything else fails the test.

use super::fixture::{FAKE_VERSION, Fixture};
use super::{read, repo_path, yaml};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};

/// A job running the Action: its inputs, the outputs of the steps run so far
/// and the folders added to PATH.
struct Job {
    fixture: Fixture,
    action: Value,
    inputs: HashMap<String, String>,
    outputs: HashMap<String, HashMap<String, String>>,
    env: Vec<(String, String)>,
}

impl Job {
    /// The Action with its default inputs, `inputs` overriding them, its
    /// release binaries fetched from `fixture`.
    fn new(fixture: Fixture, inputs: &[(&str, &str)]) -> Job {
        let action = yaml("action.yml");
        let mut all: HashMap<String, String> = action["inputs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap_or("").to_string()))
            .collect();
        for (k, v) in inputs {
            all.insert(k.to_string(), v.to_string());
        }
        std::fs::create_dir(fixture.path("runner-temp")).unwrap();
        let env = vec![("DEALCHECK_INSTALL_BASE_URL".to_string(), fixture.release())];
        Job {
            fixture,
            action,
            inputs: all,
            outputs: HashMap::new(),
            env,
        }
    }

    /// `text` with each `${{ ... }}` replaced by its value.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("closed expression") + start;
            let expression = rest[start + 3..end].trim();
            let parts: Vec<&str> = expression.split('.').collect();
            let value = match parts[..] {
                ["inputs", name] => self.inputs[name].clone(),
                ["steps", id, "outputs", name] => self
                    .outputs
                    .get(id)
                    .and_then(|o| o.get(name))
                    .cloned()
                    .unwrap_or_default(),
                _ => panic!("this test does not understand ${{{{ {expression} }}}}"),
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Runs the step named `name` (its `if:` is the test's business) with
    /// bash as GitHub does, and records its outputs under its id.
    fn run(&mut self, name: &str) -> Output {
        let step = self.action["runs"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step {name:?}"))
            .clone();
        let output_file = self.fixture.path("github-output");
        std::fs::write(&output_file, "").unwrap();
        let mut command = self.bash(step["run"].as_str().unwrap());
        command.env("GITHUB_OUTPUT", &output_file);
        if let Some(env) = step["env"].as_object() {
            for (k, v) in env {
                command.env(k, self.expand(v.as_str().unwrap()));
            }
        }
        let out = command.output().expect("bash runs");
        if let Some(id) = step["id"].as_str() {
            let outputs = std::fs::read_to_string(&output_file)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            self.outputs.insert(id.to_string(), outputs);
        }
        out
    }

    /// `bash` running `script` as GitHub does, in the runner's environment:
    /// the folders earlier steps added to GITHUB_PATH come first in PATH.
    fn bash(&self, script: &str) -> Command {
        let file = self.fixture.path("step.sh");
        std::fs::write(&file, script).unwrap();
        let github_path = self.fixture.path("github-path");
        let added: Vec<PathBuf> = std::fs::read_to_string(&github_path)
            .unwrap_or_default()
            .lines()
            .rev()
            .map(PathBuf::from)
            .collect();
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .env("PATH", self.fixture.search_path_with(&added))
            .env("HOME", self.fixture.path("home"))
            .env("GITHUB_ACTION_PATH", repo_path(""))
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_TEMP", self.fixture.path("runner-temp"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(self.fixture.path("home"));
        command
    }

    fn output(&self, step: &str, name: &str) -> &str {
        self.outputs[step].get(name).map_or("", String::as_str)
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", text(out));
}

/// The version in Cargo.toml: the Action's own.
fn own_version() -> String {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    manifest["package"]["version"].as_str().unwrap().to_string()
}

#[test]
fn the_action_installs_the_release_binary_and_checks_the_deals_with_it() {
    let mut job = Job::new(Fixture::new().with_fake_cargo(), &[]);
    assert_exit(&job.run("Choose the dealcheck to install"), 0);
    assert_eq!(job.output("plan", "version"), own_version());
    let source = job.output("plan", "source").to_string();
    assert!(source.starts_with("src-") && source.len() == 20, "{source}");
    let root = PathBuf::from(job.output("plan", "root"));

    let out = job.run("Install the release binary");
    assert_exit(&out, 0);
    assert!(text(&out).contains("checksum verified"), "{}", text(&out));
    assert!(text(&out).contains(&format!("installed {FAKE_VERSION}")));
    assert_eq!(job.output("binary", "installed"), "true");
    assert!(root.join("bin/dealcheck").is_file());

    // dealcheck is on PATH for the next step (and the rest of the job).
    let out = job.run("Check the deals");
    assert_exit(&out, 0);
    let words: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let expected = [
        "check",
        "--format",
        "github",
        "--fail-on",
        "infeasible",
        "--",
        "deals",
    ];
    assert_eq!(words, expected);
    assert_eq!(job.fixture.cargo_calls(), None, "nothing built");
}

#[test]
fn without_a_release_binary_the_action_builds_its_own_source_with_cargo() {
    let mut job = Job::new(Fixture::empty().with_fake_cargo(), &[]);
    assert_exit(&job.run("Choose the dealcheck to install"), 0);
    let out = job.run("Install the release binary");
    assert_exit(&out, 0);
    assert!(text(&out).contains("::notice title=dealcheck::no release binary"));
    assert_eq!(job.output("binary", "installed"), "false");

    assert_exit(&job.run("Build dealcheck with cargo"), 0);
    let root = job.output("plan", "root").to_string();
    let action_path = repo_path("").display().to_string();
    let expected = [
        "install",
        "--locked",
        "--root",
        &root,
        "--path",
        &action_path,
    ];
    assert_eq!(job.fixture.cargo_calls().unwrap(), expected);
    let out = job.run("Check the deals");
    assert!(text(&out).contains("built by cargo"), "{}", text(&out));
}

#[test]
fn another_version_is_built_from_crates_io() {
    let inputs = [("version", "v9.9.9"), ("install", "cargo")];
    let mut job = Job::new(Fixture::new().with_fake_cargo(), &inputs);
    assert_exit(&job.run("Choose the dealcheck to install"), 0);
    assert_eq!(job.output("plan", "version"), "9.9.9");
    assert_eq!(job.output("plan", "source"), "crates-io");
    assert_exit(&job.run("Build dealcheck with cargo"), 0);
    let root = job.output("plan", "root").to_string();
    let expected = [
        "install",
        "--locked",
        "--root",
        &root,
        "--version",
        "9.9.9",
        "dealcheck",
    ];
    assert_eq!(job.fixture.cargo_calls().unwrap(), expected);
}

#[test]
fn install_binary_without_a_binary_fails_instead_of_building() {
    let mut job = Job::new(Fixture::empty().with_fake_cargo(), &[("install", "binary")]);
    assert_exit(&job.run("Choose the dealcheck to install"), 0);
    let out = job.run("Install the release binary");
    assert_exit(&out, 1);
    assert!(text(&out).contains("::error title=dealcheck::no release binary"));
}

#[test]
fn a_checksum_mismatch_fails_the_action() {
    let fixture = Fixture::new().with_fake_cargo();
    for entry in std::fs::read_dir(fixture.path("release")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sha256") {
            std::fs::write(&path, format!("{}  x\n", "0".repeat(64))).unwrap();
        }
    }
    let mut job = Job::new(fixture, &[]);
    assert_exit(&job.run("Choose the dealcheck to install"), 0);
    let out = job.run("Install the release binary");
    assert_exit(&out, 3);
    assert!(text(&out).contains("checksum mismatch"));
    assert_eq!(job.outputs["binary"].get("installed"), None);
}

#[test]
fn wrong_inputs_stop_the_action_before_installing() {
    for inputs in [
        [("install", "maybe")],
        [("cache", "yes")],
        [("version", "latest")],
    ] {
        let mut job = Job::new(Fixture::new(), &inputs);
        let out = job.run("Choose the dealcheck to install");
        assert_exit(&out, 2);
        assert!(
            text(&out).contains("::error title=dealcheck::input"),
            "{inputs:?}"
        );
    }
}
