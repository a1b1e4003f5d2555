//! The release workflow, the example workflow and the Action are valid
//! against SchemaStore's schemas (the ones editors use), and say what the
//! shipping design needs: the five archives, their checksums, the
//! checksum-verified install with a cached cargo fallback.

use super::{TARGETS, asset, read, repo_path, run_steps, workflows, yaml};
use crate::common::{Offline, schema_errors as errors};
use serde_json::{Value, json};

/// A vendored SchemaStore schema (tests/data/README.md); fails, never skips,
/// when it is missing.
fn validator(file: &str) -> jsonschema::Validator {
    let path = repo_path(&format!("tests/data/{file}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "SchemaStore's schema is needed at {} ({e}); see tests/data/README.md",
            path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .with_retriever(Offline)
        .build(&schema)
        .expect("the schema compiles offline")
}

#[test]
fn workflows_are_valid_against_the_github_workflow_schema() {
    let validator = validator("github-workflow.json");
    for file in workflows() {
        let found = errors(&validator, &yaml(&file));
        assert!(found.is_empty(), "{file}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_action_is_valid_against_the_github_action_schema() {
    let found = errors(&validator("github-action.json"), &yaml("action.yml"));
    assert!(found.is_empty(), "action.yml:\n{}", found.join("\n"));
}

/// The validation has teeth: a job without `runs-on` and an action step
/// without `shell` are refused.
#[test]
fn the_schemas_refuse_what_github_refuses() {
    let mut workflow = yaml(".github/workflows/release.yml");
    workflow["jobs"]["build"]
        .as_object_mut()
        .unwrap()
        .remove("runs-on");
    assert!(!errors(&validator("github-workflow.json"), &workflow).is_empty());

    let mut action = yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s.get("run").is_some())
        .unwrap();
    step.as_object_mut().unwrap().remove("shell");
    assert!(!errors(&validator("github-action.json"), &action).is_empty());
}

#[test]
fn the_release_workflow_builds_every_archive_on_a_version_tag() {
    let workflow = yaml(".github/workflows/release.yml");
    assert_eq!(workflow["on"]["push"]["tags"], json!(["v*"]));
    let matrix: Vec<(String, String)> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["target"].as_str().unwrap().to_string(),
                row["archive"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = TARGETS
        .iter()
        .map(|(t, a)| (t.to_string(), a.to_string()))
        .collect();
    assert_eq!(matrix, expected);

    let text = read(".github/workflows/release.yml");
    for needle in [
        // The asset name, the same as `asset()`: no version in it.
        r#"asset="dealcheck-$TARGET.$ARCHIVE""#,
        r#">"$asset.sha256""#,
        "cargo build --profile dist --locked --target",
        "SHA256SUMS",
        "sha256sum --check --strict SHA256SUMS",
        "cp install.sh dist/",
        "gh release create",
        "statically linked",
    ] {
        assert!(text.contains(needle), "release.yml lacks {needle:?}");
    }
    assert_eq!(asset("x", "zip"), "dealcheck-x.zip");
    // Only the job that publishes may write.
    assert_eq!(workflow["permissions"], json!({ "contents": "read" }));
    assert_eq!(
        workflow["jobs"]["release"]["permissions"],
        json!({ "contents": "write" })
    );
}

/// The Action installs the release binary through install.sh (which checks
/// the SHA-256), builds with `cargo install --locked` only where there is no
/// binary, and caches that build on version and runner.
#[test]
fn the_action_installs_the_verified_binary_and_caches_the_fallback() {
    let action = yaml("action.yml");
    for input in ["version", "install", "cache"] {
        assert!(action["inputs"][input].is_object(), "no input {input}");
    }
    assert_eq!(action["inputs"]["install"]["default"], "auto");
    assert_eq!(action["inputs"]["cache"]["default"], "true");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let step = |id: &str| {
        steps
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no step {id}"))
    };
    let binary = step("binary")["run"].as_str().unwrap();
    assert!(binary.contains(r#"sh "$GITHUB_ACTION_PATH/install.sh""#));
    assert!(binary.contains("--no-fallback"));
    let cache = step("cache");
    assert_eq!(cache["uses"], "actions/cache@v4");
    let key = cache["with"]["key"].as_str().unwrap();
    for part in ["runner.os", "runner.arch", "steps.plan.outputs.version"] {
        assert!(key.contains(part), "cache key {key:?} lacks {part}");
    }
    let build = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("cargo install"))
        })
        .expect("a cargo install fallback");
    assert!(build["run"].as_str().unwrap().contains("--locked"));
    let condition = build["if"].as_str().unwrap();
    assert!(condition.contains("steps.cache.outputs.cache-hit != 'true'"));
}

/// The example workflow installs through the Action with its cache on.
#[test]
fn the_example_workflow_caches_its_install() {
    let workflow = yaml("examples/ci/dealcheck.yml");
    let uses: Vec<&Value> = workflow["jobs"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|job| job["steps"].as_array().unwrap())
        .filter(|s| s["uses"] == "your-org/dealcheck@v1")
        .collect();
    assert!(!uses.is_empty());
    for step in uses {
        assert_eq!(step["with"]["cache"], "true", "{step}");
    }
}

/// Inputs and contexts reach scripts through `env:`, never pasted into their
/// text, where a branch name or an input could inject shell code.
#[test]
fn no_script_interpolates_an_expression() {
    let mut files = workflows();
    files.push("action.yml".to_string());
    for file in files {
        for step in run_steps(&file) {
            assert!(
                !step.script.contains("${{"),
                "{} pastes an expression into its script",
                step.place
            );
        }
    }
}
