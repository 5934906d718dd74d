#!/usr/bin/env bash
# Installs one released csplan: the archive for this machine, checked against its SHA-256
# before anything is unpacked where it would be used.
#
#   install.sh --version 0.1.0 [--to DIR] [--from BASE] [--target TRIPLE]
#
# BASE is where the releases are: a URL (default
# https://github.com/$CSPLAN_REPO/releases/download, CSPLAN_REPO defaulting to csplan/csplan)
# or a local folder laid out the same way: BASE/v0.1.0/csplan-TRIPLE.tar.gz (.zip on Windows)
# beside its .sha256. DIR defaults to ~/.local/bin. The binary is installed as DIR/csplan, the
# completions and man pages beside it under DIR/../share when the archive has them.
#
# Exit codes: 0 installed; 1 refused (the checksum does not match, the archive holds no csplan
# of that version); 2 usage; 3 not available (no such version, no archive for this machine, or
# the release cannot be reached). On any failure nothing is installed.
set -euo pipefail

version=${CSPLAN_VERSION:-}
to=${CSPLAN_INSTALL_DIR:-$HOME/.local/bin}
from=${CSPLAN_RELEASES:-https://github.com/${CSPLAN_REPO:-csplan/csplan}/releases/download}
target=

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() {
  local code=$1
  shift
  say "$*"
  exit "$code"
}

while [ $# -gt 0 ]; do
  case $1 in
  --version) version=${2:-}; shift 2 || die 2 "--version needs a value" ;;
  --to) to=${2:-}; shift 2 || die 2 "--to needs a value" ;;
  --from) from=${2:-}; shift 2 || die 2 "--from needs a value" ;;
  --target) target=${2:-}; shift 2 || die 2 "--target needs a value" ;;
  -h | --help)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die 2 "unknown argument \`$1\` (see --help)" ;;
  esac
done

version=${version#v}
[ -n "$version" ] || die 2 "give the csplan version to install: --version 0.1.0 (a pinned version: a budget gate must not change its answer with a new release)"
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  die 2 "\`$version\` is not a csplan version: give one released, such as 0.1.0"
fi
[ -n "$to" ] || die 2 "--to needs a folder"

if [ -z "$target" ]; then
  os=$(uname -s)
  arch=$(uname -m)
  case $arch in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) die 3 "no csplan release is built for a $arch machine: install from source with cargo install --locked" ;;
  esac
  case $os in
  Linux) target=$arch-unknown-linux-musl ;;
  Darwin) target=$arch-apple-darwin ;;
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    [ "$arch" = x86_64 ] || die 3 "no csplan release is built for Windows on $arch"
    target=x86_64-pc-windows-msvc
    ;;
  *) die 3 "no csplan release is built for $os: install from source with cargo install --locked" ;;
  esac
fi
case $target in
*-windows-*) archive=csplan-$target.zip exe=csplan.exe ;;
*) archive=csplan-$target.tar.gz exe=csplan ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/csplan-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One file of the release into $work; false when it is not there.
fetch() {
  local name=$1
  case $from in
  http://* | https://*)
    if command -v curl > /dev/null; then
      curl --proto '=https,http' -fsSL --retry 2 -o "$work/$name" "$from/v$version/$name" 2> "$work/why"
    else
      wget -q -O "$work/$name" "$from/v$version/$name" 2> "$work/why"
    fi
    ;;
  *) cp "$from/v$version/$name" "$work/$name" 2> "$work/why" ;;
  esac
}

if ! fetch "$archive"; then
  if [ -d "$from" ] && [ ! -d "$from/v$version" ]; then
    die 3 "csplan $version is not released (no $from/v$version): give a released version"
  fi
  die 3 "csplan $version has no archive $archive at $from/v$version (not released, or not for $target): $(head -c 300 "$work/why")"
fi
fetch "$archive.sha256" || die 3 "csplan $version: $archive has no $archive.sha256 beside it at $from/v$version; refusing to install an archive that cannot be checked"

expected=$(awk 'NR == 1 { print tolower($1) }' "$work/$archive.sha256")
if command -v sha256sum > /dev/null; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
if ! [[ $expected =~ ^[0-9a-f]{64}$ ]] || [ "$actual" != "$expected" ]; then
  die 1 "checksum mismatch for $archive: expected ${expected:-nothing}, got $actual; nothing installed"
fi

mkdir "$work/x"
case $archive in
*.zip) (cd "$work/x" && unzip -q "../$archive") || die 1 "$archive cannot be unpacked; nothing installed" ;;
*) tar -xzf "$work/$archive" -C "$work/x" || die 1 "$archive cannot be unpacked; nothing installed" ;;
esac
bin=$(find "$work/x" -type f -name "$exe" | head -n 1)
[ -n "$bin" ] || die 1 "$archive holds no $exe; nothing installed"
chmod +x "$bin"
case $target in
*-windows-*) ;;
*)
  # Only when this machine can run it: a cross-target install skips the check.
  if says=$("$bin" --version 2> /dev/null); then
    case $says in
    "csplan $version "* | "csplan $version") ;;
    *) die 1 "$archive holds \`$says\`, not csplan $version; nothing installed" ;;
    esac
  fi
  ;;
esac

mkdir -p "$to"
# Into place by rename, so that a csplan already there is replaced whole or not at all.
cp "$bin" "$to/.$exe.partial.$$"
mv -f "$to/.$exe.partial.$$" "$to/$exe"
share=$(dirname "$bin")/share
if [ -d "$share" ]; then
  mkdir -p "$to/../share"
  cp -R "$share/." "$to/../share/"
fi
say "installed csplan $version ($target) as $to/$exe"
