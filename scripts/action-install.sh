#!/usr/bin/env bash
# The csplan Action's install step (action.yml): the pinned csplan from the cache when it is
# there, else from the release (scripts/install.sh: checksum verified), else, when the release
# has no archive for this runner or cannot be reached, built from the action's own source with
# cargo install --locked. A refused archive (bad checksum) fails the step: it is never replaced
# by a build. Sets the step output `csplan` and puts its folder on PATH.
#
# Reads CSPLAN_VERSION, CSPLAN_ROOT (where it is installed and cached), CSPLAN_RELEASES.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=${CSPLAN_VERSION#v}
root=${CSPLAN_ROOT:-$HOME/.csplan-action/$version}
root=${root/#\~/$HOME}
exe=csplan
case $(uname -s) in MINGW* | MSYS* | CYGWIN*) exe=csplan.exe ;; esac
bin=$root/bin/$exe

is_pinned() { [ -x "$bin" ] && case $("$bin" --version 2> /dev/null) in "csplan $version "* | "csplan $version") true ;; *) false ;; esac; }

if is_pinned; then
  echo "csplan $version from the cache"
else
  code=0
  bash "$here/install.sh" --version "$version" --from "$CSPLAN_RELEASES" --to "$root/bin" || code=$?
  if [ "$code" = 3 ]; then
    source_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/../Cargo.toml" | head -n 1)
    if [ "$source_version" != "$version" ]; then
      echo "::error::csplan $version has no release archive for this runner, and this action's source is csplan $source_version: use the action at the tag of the version it installs (uses: …@v$version)"
      exit 3
    fi
    echo "csplan $version: no release archive for this runner; building it with cargo install --locked"
    cargo install --locked --path "$here/.." --root "$root"
  elif [ "$code" != 0 ]; then
    exit "$code"
  fi
  is_pinned || { echo "::error::$bin is not csplan $version"; exit 1; }
fi
echo "$root/bin" >> "${GITHUB_PATH:-/dev/null}"
echo "csplan=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
