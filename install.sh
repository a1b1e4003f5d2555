#!/bin/sh
# Installs dealcheck without building it: downloads the release archive for this
# machine, checks its SHA-256 against the one published beside it, and copies the
# binary into a folder. Where no prebuilt binary fits this machine (or the
# download fails), it builds one with `cargo install --locked dealcheck` instead,
# unless told --no-fallback.
#
#   curl -fsSL https://github.com/dealcheck/dealcheck/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --to /usr/local/bin --version 0.1.0
#
# `sh install.sh --help` lists every option. POSIX sh only (dash, busybox, bash,
# zsh); checked with shellcheck in tests/it/shipping.rs.
#
# Exit codes: 0 installed; 1 something failed (the message says what);
# 2 wrong usage; 3 the checksum did not match or is missing (nothing installed);
# 4 no prebuilt binary for this machine and no fallback.
set -eu

repo_url=https://github.com/dealcheck/dealcheck

usage() {
  cat <<'EOF'
Usage: install.sh [OPTIONS]

Installs the dealcheck binary for this machine from a GitHub release, verified
by its SHA-256 checksum.

Options:
  --to DIR          where to put the binary
                    (default: $DEALCHECK_INSTALL_DIR, else ~/.local/bin)
  --version X.Y.Z   the release to install (default: the latest release)
  --source URL|DIR  where the release's files are: a URL (https://, http://,
                    file://) or a folder holding dealcheck-<target>.tar.gz and
                    its .sha256 (default: $DEALCHECK_INSTALL_BASE_URL, else
                    the GitHub release of --version)
  --target TRIPLE   the platform to install for (default: this machine's)
  --from-source     build with `cargo install --locked dealcheck` right away
  --no-fallback     fail (exit 4) instead of building with cargo when no
                    prebuilt binary fits this machine
  -h, --help        show this help

Prebuilt: x86_64 and aarch64 Linux (static), x86_64 and arm64 macOS,
x86_64 Windows (Git Bash, MSYS2 or Cygwin).
EOF
}

say() {
  printf 'install.sh: %s\n' "$*" >&2
}

# die CODE MESSAGE: says what went wrong and stops with CODE.
die() {
  code=$1
  shift
  say "error: $*"
  exit "$code"
}

# The value of an option that takes one, or a usage error.
value_of() {
  if [ $# -lt 2 ] || [ -z "$2" ]; then
    die 2 "$1 needs a value (see --help)"
  fi
  printf '%s' "$2"
}

to=${DEALCHECK_INSTALL_DIR:-}
version=${DEALCHECK_VERSION:-latest}
source=${DEALCHECK_INSTALL_BASE_URL:-}
target=
fallback=true
from_source=false

while [ $# -gt 0 ]; do
  case "$1" in
    --to)
      to=$(value_of "$@")
      shift 2
      ;;
    --to=*) to=${1#--to=} && shift ;;
    --version)
      version=$(value_of "$@")
      shift 2
      ;;
    --version=*) version=${1#--version=} && shift ;;
    --source)
      source=$(value_of "$@")
      shift 2
      ;;
    --source=*) source=${1#--source=} && shift ;;
    --target)
      target=$(value_of "$@")
      shift 2
      ;;
    --target=*) target=${1#--target=} && shift ;;
    --no-fallback) fallback=false && shift ;;
    --from-source) from_source=true && shift ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die 2 "unknown option '$1' (see --help)" ;;
  esac
done

# "v0.1.0" and "0.1.0" name the same release.
version=${version#v}
case "$version" in
  latest) ;;
  [0-9]*.[0-9]*.[0-9]*)
    case "$version" in
      *[!0-9A-Za-z.+-]*) die 2 "--version '$version' is not a version like 0.1.0" ;;
    esac
    ;;
  *) die 2 "--version '$version' is not a version like 0.1.0" ;;
esac

if [ -z "$to" ]; then
  if [ -z "${HOME:-}" ]; then
    die 2 "HOME is not set: say where to install with --to DIR"
  fi
  to=$HOME/.local/bin
fi

# The Rust target triple of this machine's prebuilt binary, or nothing when
# none is built for it. Linux gets the static (musl) build, which runs on any
# distribution.
detect_target() {
  os=$(uname -s 2>/dev/null || echo unknown)
  arch=$(uname -m 2>/dev/null || echo unknown)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) return 0 ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin)
      # A shell under Rosetta says x86_64 on Apple silicon: prefer the native build.
      if [ "$arch" = x86_64 ] && [ "$(sysctl -n hw.optional.arm64 2>/dev/null || true)" = 1 ]; then
        arch=aarch64
      fi
      echo "$arch-apple-darwin"
      ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
      if [ "$arch" = x86_64 ]; then
        echo x86_64-pc-windows-msvc
      fi
      ;;
  esac
}

if [ -z "$target" ]; then
  target=$(detect_target)
fi
case "$target" in
  *windows*)
    exe=dealcheck.exe
    archive=zip
    ;;
  *)
    exe=dealcheck
    archive=tar.gz
    ;;
esac

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t dealcheck-install)
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fetch URL FILE: copies a release file from a URL or a local folder; fails
# quietly when it is not there.
fetch() {
  case "$1" in
    file://*) cp -- "${1#file://}" "$2" 2>/dev/null ;;
    https://* | http://*)
      if command -v curl >/dev/null 2>&1; then
        case "$1" in
          # Never let a redirect downgrade a secure download.
          https://*) curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$2" "$1" ;;
          *) curl -fsSL --retry 3 -o "$2" "$1" ;;
        esac
      elif command -v wget >/dev/null 2>&1; then
        case "$1" in
          https://*) wget -q --https-only -O "$2" "$1" ;;
          *) wget -q -O "$2" "$1" ;;
        esac
      else
        die 1 "downloading needs curl or wget; install one, or pass --source DIR"
      fi
      ;;
    *) cp -- "$1" "$2" 2>/dev/null ;;
  esac
}

# The SHA-256 of a file, in lower-case hex.
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else
    die 3 "cannot verify the download: no sha256sum, shasum or openssl found"
  fi
}

# install_binary FILE: puts FILE in the target folder as dealcheck, replacing
# an older one in a single rename, so a running dealcheck is never half-written.
install_binary() {
  mkdir -p -- "$to" 2>/dev/null || die 1 "cannot create $to (choose another folder with --to DIR)"
  partial=$to/.$exe.partial.$$
  cp -- "$1" "$partial" 2>/dev/null || die 1 "cannot write to $to (choose another folder with --to DIR)"
  chmod 755 "$partial"
  mv -f -- "$partial" "$to/$exe" || die 1 "cannot replace $to/$exe"
  if installed=$("$to/$exe" --version 2>/dev/null); then
    say "installed $installed to $to/$exe"
  else
    say "installed $to/$exe"
  fi
  case ":${PATH:-}:" in
    *":$to:"*) ;;
    *) say "note: $to is not on your PATH; add it, e.g. export PATH=\"$to:\$PATH\"" ;;
  esac
}

# Builds dealcheck from its source on crates.io with the locked dependencies.
cargo_install() {
  if ! command -v cargo >/dev/null 2>&1; then
    die 4 "cargo is not installed: install Rust from https://rustup.rs and run this again, or install a release by hand"
  fi
  set -- install --locked dealcheck --root "$tmp/cargo"
  if [ "$version" != latest ]; then
    set -- "$@" --version "$version"
  fi
  say "building dealcheck from source (a few minutes): cargo $*"
  # Its own bin folder on PATH, so cargo does not advise adding a temporary folder.
  PATH=$tmp/cargo/bin:$PATH cargo "$@" || die 1 "cargo install failed (see above)"
  install_binary "$tmp/cargo/bin/$exe"
}

# No prebuilt binary: build one, unless told not to.
no_binary() {
  if [ "$fallback" = false ]; then
    die 4 "$1; not building from source (--no-fallback)"
  fi
  say "$1; building from source instead"
  cargo_install
  exit 0
}

if [ "$from_source" = true ]; then
  cargo_install
  exit 0
fi

if [ -z "$target" ]; then
  no_binary "no prebuilt binary for $(uname -s 2>/dev/null) $(uname -m 2>/dev/null)"
fi

if [ -n "$source" ]; then
  base=${source%/}
elif [ "$version" = latest ]; then
  base=$repo_url/releases/latest/download
else
  base=$repo_url/releases/download/v$version
fi
asset=dealcheck-$target.$archive

say "downloading $base/$asset"
if ! fetch "$base/$asset" "$tmp/$asset"; then
  no_binary "could not download $base/$asset"
fi

# The checksum published beside the archive, else its line in SHA256SUMS.
if fetch "$base/$asset.sha256" "$tmp/sum"; then
  expected=$(sed -n '1s/^\([0-9A-Fa-f]*\).*$/\1/p' "$tmp/sum")
elif fetch "$base/SHA256SUMS" "$tmp/sums"; then
  expected=$(awk -v a="$asset" '$2 == a || $2 == "*" a { print $1; exit }' "$tmp/sums")
else
  die 3 "no checksum published for $asset at $base; refusing to install it unverified"
fi
expected=$(printf '%s' "$expected" | tr 'A-F' 'a-f')
case "$expected" in
  *[!0-9a-f]*) expected= ;;
esac
if [ "${#expected}" -ne 64 ]; then
  die 3 "the checksum published for $asset is not a SHA-256; refusing to install it"
fi
actual=$(sha256_of "$tmp/$asset")
if [ "$actual" != "$expected" ]; then
  die 3 "checksum mismatch for $asset: expected $expected, got $actual; nothing was installed"
fi
say "checksum verified (SHA-256 $actual)"

mkdir "$tmp/unpacked"
case "$archive" in
  tar.gz) tar -xzf "$tmp/$asset" -C "$tmp/unpacked" || die 1 "cannot unpack $asset" ;;
  zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$tmp/$asset" -d "$tmp/unpacked" || die 1 "cannot unpack $asset"
    else
      # Windows without unzip: PowerShell wants Windows paths.
      zip_path=$(cygpath -w "$tmp/$asset" 2>/dev/null || printf '%s' "$tmp/$asset")
      out_path=$(cygpath -w "$tmp/unpacked" 2>/dev/null || printf '%s' "$tmp/unpacked")
      powershell.exe -NoProfile -Command \
        "Expand-Archive -LiteralPath '$zip_path' -DestinationPath '$out_path'" ||
        die 1 "cannot unpack $asset (install unzip)"
    fi
    ;;
esac
if [ ! -f "$tmp/unpacked/$exe" ]; then
  die 1 "$asset holds no $exe"
fi
install_binary "$tmp/unpacked/$exe"
