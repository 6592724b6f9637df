#!/usr/bin/env bash
# bash scripts/run.sh <npm script> [args…]
# Runs one of Lede's npm scripts on a fresh machine: brings what is missing first (Node >= 22, Debian's chromium
# and firefox-esr, the npm packages of package-lock.json), then `npm run <script>`. Each step is skipped when
# its tool is already there, so it costs nothing the second time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mlede:\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

apt_updated=0
apt_install() {
  [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

# Node >= 22: wxt, vitest and puppeteer-core need it. Debian 12 ships 20; npm's `node` package carries a binary.
if ! command -v npm >/dev/null; then
  can_apt || { say "npm is missing: install Node.js >= 22 first"; exit 1; }
  say "npm is missing: installing Debian's nodejs and npm to bootstrap Node 22"
  apt_install nodejs npm
fi
if [ "$(node_major)" -lt 22 ]; then
  prefix="${LEDE_NODE_PREFIX:-$HOME/.cache/lede/node22}"
  if [ "$(PATH="$prefix/node_modules/.bin:$PATH" node_major)" -lt 22 ]; then
    say "Node $(node -v 2>/dev/null || echo '(none)') is older than 22: installing Node 22 into $prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error node@22
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
fi

# The browsers the end-to-end tests and the demo drive.
missing=()
command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
command -v firefox-esr >/dev/null || [ -n "${FIREFOX_PATH:-}" ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  if can_apt; then
    say "installing ${missing[*]} from Debian's packages"
    apt_install "${missing[@]}"
  else
    say "missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}' (the tests say which browser they skip)"
  fi
fi

# npm packages, exactly as locked, whenever the lock changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

script="${1:?usage: bash scripts/run.sh <npm script> [args…]   e.g. demo, test, eval, bench}"
shift
exec npm run --silent "$script" -- "$@"
