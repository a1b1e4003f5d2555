//! install.sh against a local release (tests/it/shipping/fixture.rs), from a
//! folder, a file:// URL and a loopback web server.

use super::fixture::{FAKE_VERSION, Fixture, sha256};
use super::{TARGETS, asset};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The archive install.sh should pick on this machine, where one is built.
fn host_asset() -> Option<String> {
    let target = match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "x86_64-unknown-linux-musl",
        ("linux", "aarch64") => "aarch64-unknown-linux-musl",
        ("macos", "aarch64") => "aarch64-apple-darwin",
        ("macos", "x86_64") => "x86_64-apple-darwin",
        _ => return None,
    };
    Some(asset(target, "tar.gz"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "stderr:\n{}", stderr(out));
}

fn installed_version(binary: &Path) -> String {
    let out = Command::new(binary).arg("--version").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn installs_the_verified_binary_for_this_machine_with_any_posix_shell() {
    let Some(expected_asset) = host_asset() else {
        eprintln!("SKIPPED: no release binary is built for this machine");
        return;
    };
    let shells: &[&[&str]] = &[&["sh"], &["dash"], &["bash", "--posix"], &["busybox", "sh"]];
    let mut ran = 0;
    for shell in shells {
        if Command::new(shell[0])
            .arg("-c")
            .arg("true")
            .output()
            .is_err()
        {
            continue;
        }
        let fixture = Fixture::new().with_fake_cargo();
        let to = fixture.path("home/tools/bin");
        let to_arg = to.display().to_string();
        let out = fixture.run_with(
            shell,
            &["--source", &fixture.release(), "--to", &to_arg],
            &[],
        );
        assert_exit(&out, 0);
        let said = stderr(&out);
        assert!(
            said.contains(&format!("/{expected_asset}\n")),
            "{shell:?}: {said}"
        );
        assert!(said.contains("checksum verified"), "{said}");
        assert!(
            said.contains(&format!("installed {FAKE_VERSION} to {to_arg}/dealcheck")),
            "{said}"
        );
        assert_eq!(installed_version(&to.join("dealcheck")), FAKE_VERSION);
        assert_eq!(
            fixture.cargo_calls(),
            None,
            "no build when the binary is there"
        );
        ran += 1;
    }
    assert!(ran > 0);
}

#[test]
fn a_file_url_from_the_environment_is_a_source() {
    let fixture = Fixture::new();
    let url = format!("file://{}/", fixture.release());
    let out = fixture.run_with(
        &["sh"],
        &["--version", "v0.1.0", "--target", "aarch64-apple-darwin"],
        &[("DEALCHECK_INSTALL_BASE_URL", url.as_str())],
    );
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("dealcheck-aarch64-apple-darwin.tar.gz"));
    // No --to: the default folder under HOME.
    assert!(fixture.path("home/.local/bin/dealcheck").is_file());
}

#[test]
fn a_checksum_mismatch_is_refused_and_nothing_is_installed() {
    let fixture = Fixture::new().with_fake_cargo();
    // The archive changes after its checksum was published.
    for (target, _) in TARGETS.iter().filter(|(_, a)| *a == "tar.gz") {
        let name = asset(target, "tar.gz");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(fixture.path(&format!("release/{name}")))
            .unwrap();
        file.write_all(b"tampered").unwrap();
    }
    let to = fixture.path("bin");
    std::fs::create_dir(&to).unwrap();
    std::fs::write(to.join("dealcheck"), "the old one").unwrap();
    let out = fixture.run(&[
        "--source",
        &fixture.release(),
        "--to",
        &to.display().to_string(),
        "--target",
        "x86_64-unknown-linux-musl",
    ]);
    assert_exit(&out, 3);
    let said = stderr(&out);
    assert!(
        said.contains(
            "checksum mismatch for dealcheck-x86_64-unknown-linux-musl.tar.gz: expected "
        ),
        "{said}"
    );
    assert!(said.contains("nothing was installed"), "{said}");
    assert_eq!(
        std::fs::read_to_string(to.join("dealcheck")).unwrap(),
        "the old one"
    );
    assert_eq!(
        std::fs::read_dir(&to).unwrap().count(),
        1,
        "no partial file left"
    );
    assert_eq!(
        fixture.cargo_calls(),
        None,
        "a mismatch never falls back to a build"
    );
}

#[test]
fn an_archive_without_a_checksum_is_refused() {
    let fixture = Fixture::new().with_fake_cargo();
    let name = asset("x86_64-unknown-linux-musl", "tar.gz");
    std::fs::remove_file(fixture.path(&format!("release/{name}.sha256"))).unwrap();
    let to = fixture.path("bin").display().to_string();
    let args = [
        "--source",
        &fixture.release(),
        "--to",
        &to,
        "--target",
        "x86_64-unknown-linux-musl",
    ];
    let out = fixture.run(&args);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("refusing to install it unverified"));
    assert!(!fixture.path("bin/dealcheck").exists());

    // SHA256SUMS, the release's combined list, is enough.
    let line = format!(
        "{}  {name}\n",
        sha256(&fixture.path(&format!("release/{name}")))
    );
    std::fs::write(
        fixture.path("release/SHA256SUMS"),
        format!("{}  other\n{line}", "0".repeat(64)),
    )
    .unwrap();
    assert_exit(&fixture.run(&args), 0);
    assert!(fixture.path("bin/dealcheck").is_file());
}

#[test]
fn with_no_binary_and_no_fallback_it_fails_without_building() {
    let fixture = Fixture::empty().with_fake_cargo();
    let to = fixture.path("bin").display().to_string();
    let out = fixture.run(&["--source", &fixture.release(), "--to", &to, "--no-fallback"]);
    assert_exit(&out, 4);
    assert!(
        stderr(&out).contains("not building from source (--no-fallback)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fixture.cargo_calls(), None);
    assert!(!fixture.path("bin").exists());
}

#[test]
fn with_no_binary_it_builds_with_cargo_install_locked() {
    let fixture = Fixture::empty().with_fake_cargo();
    let to = fixture.path("bin");
    let to_arg = to.display().to_string();
    let out = fixture.run(&[
        "--source",
        &fixture.release(),
        "--to",
        &to_arg,
        "--version",
        "0.1.0",
    ]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("building from source instead"),
        "{}",
        stderr(&out)
    );
    let calls = fixture.cargo_calls().expect("cargo was called");
    assert_eq!(calls[..3], ["install", "--locked", "dealcheck"]);
    assert_eq!(calls[3], "--root");
    assert_eq!(calls[5..], ["--version", "0.1.0"]);
    assert_eq!(
        installed_version(&to.join("dealcheck")),
        "dealcheck 0.1.0 (built by cargo)"
    );
}

#[test]
fn with_no_binary_and_no_cargo_it_says_where_to_get_rust() {
    let fixture = Fixture::empty();
    let to = fixture.path("bin").display().to_string();
    let out = fixture.run(&["--source", &fixture.release(), "--to", &to]);
    assert_exit(&out, 4);
    assert!(stderr(&out).contains("cargo is not installed: install Rust from https://rustup.rs"));
}

#[test]
fn from_source_builds_without_downloading() {
    let fixture = Fixture::new().with_fake_cargo();
    let to = fixture.path("bin").display().to_string();
    let out = fixture.run(&["--from-source", "--to", &to]);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("downloading"));
    let calls = fixture.cargo_calls().expect("cargo was called");
    assert_eq!(calls.len(), 5, "the latest version: no --version {calls:?}");
    assert!(fixture.path("bin/dealcheck").is_file());
}

#[test]
fn reinstalling_replaces_the_binary() {
    let fixture = Fixture::new();
    let to = fixture.path("bin");
    std::fs::create_dir(&to).unwrap();
    std::fs::write(to.join("dealcheck"), "the old one").unwrap();
    let to_arg = to.display().to_string();
    let args = [
        "--source",
        &fixture.release(),
        "--to",
        &to_arg,
        "--target",
        "x86_64-unknown-linux-musl",
    ];
    assert_exit(&fixture.run(&args), 0);
    assert_eq!(installed_version(&to.join("dealcheck")), FAKE_VERSION);
    assert_eq!(
        std::fs::read_dir(&to).unwrap().count(),
        1,
        "no partial file left"
    );
}

#[test]
fn wrong_usage_exits_2_and_help_exits_0() {
    let fixture = Fixture::new();
    for args in [
        &["--bogus"][..],
        &["--to"],
        &["--version", "1.x"],
        &["--version", "0.1.0;rm"],
    ] {
        let out = fixture.run(args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains("install.sh: error: "), "{args:?}");
    }
    let out = fixture.run(&["--help"]);
    assert_exit(&out, 0);
    let help = String::from_utf8(out.stdout).unwrap();
    for option in [
        "--to DIR",
        "--version",
        "--source",
        "--no-fallback",
        "--from-source",
    ] {
        assert!(help.contains(option), "--help lacks {option}");
    }
}

/// Serves the files of `dir` over HTTP on the loopback address: at most
/// `requests` requests, within 60 seconds, then it stops by itself.
fn serve(dir: PathBuf, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut served = 0;
        while served < requests && Instant::now() < deadline {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            served += 1;
            let _ = answer(&stream, &dir);
        }
    });
    format!("http://{address}")
}

/// Answers one GET with the file it names under `dir`, or 404.
fn answer(stream: &TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers, up to the blank line.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let name = request_line.split_whitespace().nth(1).unwrap_or("/");
    let mut stream = stream;
    match std::fs::read(dir.join(name.trim_start_matches('/'))) {
        Ok(body) if !name.contains("..") => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        _ => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

#[test]
fn downloads_over_http_and_follows_the_release_layout() {
    let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok();
    if !have("curl") && !have("wget") {
        eprintln!("SKIPPED: neither curl nor wget is installed");
        return;
    }
    let fixture = Fixture::new().with_fake_cargo();
    let base = serve(fixture.path("release"), 8);
    let to = fixture.path("bin");
    let to_arg = to.display().to_string();
    let target = "aarch64-unknown-linux-musl";
    let out = fixture.run(&["--source", &base, "--to", &to_arg, "--target", target]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains(&format!("downloading {base}/dealcheck-{target}.tar.gz")));
    assert_eq!(installed_version(&to.join("dealcheck")), FAKE_VERSION);

    // A missing asset is "no binary": with the fallback, a build.
    let out = fixture.run(&[
        "--source",
        &base,
        "--to",
        &to_arg,
        "--target",
        "riscv64gc-unknown-linux-musl",
    ]);
    assert_exit(&out, 0);
    assert!(fixture.cargo_calls().is_some());
}
