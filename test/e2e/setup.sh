#!/usr/bin/env bash
# Installs what the end-to-end tier needs, and nothing else, so that `npm run test:e2e` works on a
# fresh Debian machine as well as on a developer's: Debian's Chromium, ripgrep and Neovim, the
# toolchain that code-server's native modules build with, and code-server itself.
#
# It is idempotent: every step first checks whether its result is already there, so a second run
# takes a second or two. code-server lives in a cache outside the repository (it is about 300 MB,
# builds native modules and demands Node 20 exactly), so a clean clone reuses it and the project's
# own `npm ci` stays download-free and native-free.
#
# Environment:
#   LEO_LENS_E2E_HOME  where code-server is installed (default: $HOME/.cache/leo-lens-e2e)
#   LEO_LENS_E2E_NO_APT=1  never call apt-get; report missing packages and stop instead
set -euo pipefail

# The versions are pinned together: code-server 4.100.x is the last line that runs on Node 20, and
# its @vscode/ripgrep dependency fixes the names of the pre-seeded ripgrep archive below.
CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

E2E_HOME="${LEO_LENS_E2E_HOME:-$HOME/.cache/leo-lens-e2e}"
MARKER="$E2E_HOME/.installed-code-server-$CODE_SERVER_VERSION"

say() { printf 'e2e setup: %s\n' "$*"; }
fail() { printf 'e2e setup: ERROR: %s\n' "$*" >&2; exit 1; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
[ "$node_major" = 20 ] || fail "code-server $CODE_SERVER_VERSION needs Node 20 exactly, but node is '$(node --version 2>/dev/null || echo missing)'."
[ "$(uname -m)" = x86_64 ] || fail "the pre-seeded ripgrep archive is for x86_64 Linux; this machine is $(uname -m)."

# Each entry is "probe:debian-package". A probe is a command on the PATH, or "pkg" when only the
# package's own installed state can tell (the headers that code-server's native modules build
# against). A package is installed only when its probe fails, so a ready machine never touches apt.
probes=(
  "chromium:chromium"
  "rg:ripgrep"
  "nvim:neovim"
  "pkg-config:pkg-config"
  "make:build-essential"
  "g++:build-essential"
  "python3:python3"
  "pkg:libkrb5-dev"
  "pkg:libx11-dev"
  "pkg:libxkbfile-dev"
  "pkg:libsecret-1-dev"
)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for entry in "${probes[@]}"; do
  probe="${entry%%:*}" package="${entry#*:}"
  if [ "$probe" = pkg ]; then installed "$package" && continue; else command -v "$probe" >/dev/null 2>&1 && continue; fi
  [[ " ${missing[*]-} " == *" $package "* ]] || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${LEO_LENS_E2E_NO_APT:-}" = 1 ] || ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    fail "missing Debian packages: ${missing[*]}. Install them with: apt-get update && apt-get install -y ${missing[*]}"
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -x "$E2E_HOME/node_modules/.bin/code-server" ]; then
  say "code-server $CODE_SERVER_VERSION is already installed in $E2E_HOME"
  exit 0
fi

say "installing code-server $CODE_SERVER_VERSION into $E2E_HOME (a one-time step of about 5 minutes)"
mkdir -p "$E2E_HOME"
cd "$E2E_HOME"
# Its own package.json keeps npm from walking up to a parent project and installing there.
# It also approves the two install scripts that code-server needs (its own post-install, which
# builds VS Code's native modules, and argon2's), so npm runs them without asking.
printf '{ "name": "leo-lens-e2e-cache", "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' > package.json

# @vscode/ripgrep's post-install downloads ripgrep from GitHub, which is not reachable here. Its
# downloader first looks for a cached archive in the temp folder, so we give it one made from
# Debian's rg, and pin TMPDIR so the install below looks in the same place.
export TMPDIR="$E2E_HOME/tmp"
rg_cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$rg_cache"
[ -f "$rg_cache/$RIPGREP_ARCHIVE" ] || tar czf "$rg_cache/$RIPGREP_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg

# node-pty's post-install runs `npx node-gyp`, which npm refuses to confirm on its own in a
# non-interactive install; npm_config_yes answers for it.
# code-server's post-install also insists on unsafe-perm when run as root.
if ! npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" > install.log 2>&1; then
  tail -n 40 install.log >&2
  fail "npm could not install code-server $CODE_SERVER_VERSION; the full log is $E2E_HOME/install.log"
fi
[ -x node_modules/.bin/code-server ] || fail "code-server installed without its binary; see $E2E_HOME/install.log"
# A post-install that npm skipped leaves the package looking complete but unable to open a
# terminal or watch files, so check for one of the native modules it builds.
[ -f node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node ] ||
  fail "code-server's post-install did not build its native modules; see $E2E_HOME/install.log"
touch "$MARKER"
say "code-server $CODE_SERVER_VERSION is installed"
