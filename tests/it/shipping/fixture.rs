//! A local release for install.sh and the Action: a folder holding archives
//! of a fake dealcheck with their checksums, and a fake `cargo` that records
//! how it was called, so the fallback is seen without building anything.

use super::{TARGETS, asset, repo_path};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What the fake release's dealcheck prints for `--version`.
pub const FAKE_VERSION: &str = "dealcheck 0.1.0 (release fixture)";

/// A scratch folder: `release/` (the assets), `home/`, `fake-bin/` (a fake
/// cargo, only when asked for) and `cargo.log` (its arguments, one a line).
pub struct Fixture {
    dir: tempfile::TempDir,
    with_cargo: bool,
}

impl Fixture {
    /// A release holding every Unix archive with its `.sha256`.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
            with_cargo: false,
        };
        for sub in ["release", "home", "fake-bin", "stage"] {
            std::fs::create_dir(fixture.path(sub)).unwrap();
        }
        let binary = fixture.path("stage/dealcheck");
        // `--version` says which it is; anything else is echoed, a word a line.
        let script = format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{FAKE_VERSION}'; else printf '%s\\n' \"$@\"; fi\n"
        );
        std::fs::write(&binary, script).unwrap();
        make_executable(&binary);
        for (target, archive) in TARGETS {
            if archive == "tar.gz" {
                fixture.add_archive(&asset(target, archive));
            }
        }
        fixture
    }

    /// A release with nothing in it: no binary for any machine.
    pub fn empty() -> Fixture {
        let fixture = Fixture::new();
        for entry in std::fs::read_dir(fixture.path("release")).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        fixture
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn release(&self) -> String {
        self.path("release").display().to_string()
    }

    pub fn add_archive(&self, name: &str) {
        let status = Command::new("tar")
            .arg("-C")
            .arg(self.path("stage"))
            .arg("-czf")
            .arg(self.path("release").join(name))
            .arg("dealcheck")
            .status()
            .expect("tar runs");
        assert!(status.success());
        let line = format!("{}  {name}\n", sha256(&self.path("release").join(name)));
        std::fs::write(self.path(&format!("release/{name}.sha256")), line).unwrap();
    }

    /// Puts a fake `cargo` on the script's PATH: it logs its arguments and
    /// "builds" a dealcheck into its `--root`.
    pub fn with_fake_cargo(mut self) -> Fixture {
        let log = self.path("cargo.log");
        let script = format!(
            r#"#!/bin/sh
printf '%s\n' "$@" > '{log}'
root=
while [ $# -gt 0 ]; do
  if [ "$1" = --root ]; then root=$2; fi
  shift
done
mkdir -p "$root/bin"
printf '#!/bin/sh\necho "dealcheck 0.1.0 (built by cargo)"\n' > "$root/bin/dealcheck"
chmod +x "$root/bin/dealcheck"
"#,
            log = log.display()
        );
        let cargo = self.path("fake-bin/cargo");
        std::fs::write(&cargo, script).unwrap();
        make_executable(&cargo);
        self.with_cargo = true;
        self
    }

    /// The arguments the fake cargo was called with, if it was.
    pub fn cargo_calls(&self) -> Option<Vec<String>> {
        let text = std::fs::read_to_string(self.path("cargo.log")).ok()?;
        Some(text.lines().map(str::to_string).collect())
    }

    /// Runs install.sh with `shell`, a HOME of its own, no DEALCHECK_*
    /// settings and a PATH without any real cargo.
    pub fn run_with(&self, shell: &[&str], args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(shell[0]);
        command
            .args(&shell[1..])
            .arg(repo_path("install.sh"))
            .args(args)
            .env("HOME", self.path("home"))
            .env("PATH", self.search_path())
            .env_remove("DEALCHECK_INSTALL_DIR")
            .env_remove("DEALCHECK_INSTALL_BASE_URL")
            .env_remove("DEALCHECK_VERSION");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("the shell runs")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(&["sh"], args, &[])
    }

    /// The system's PATH without the folders holding a real cargo, after the
    /// fake cargo's folder (when there is one).
    pub fn search_path(&self) -> String {
        self.search_path_with(&[])
    }

    /// [`Self::search_path`] with `first` in front.
    pub fn search_path_with(&self, first: &[PathBuf]) -> String {
        let system = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs: Vec<PathBuf> = first.to_vec();
        dirs.extend(std::env::split_paths(&system).filter(|dir| !dir.join("cargo").exists()));
        if self.with_cargo {
            dirs.insert(first.len(), self.path("fake-bin"));
        }
        std::env::join_paths(dirs)
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }
}

pub fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The SHA-256 of a file, in hex, from the system's tool.
pub fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .or_else(|_| {
            Command::new("shasum")
                .args(["-a", "256"])
                .arg(path)
                .output()
        })
        .expect("sha256sum or shasum");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace().next().unwrap().to_string()
}
