#!/usr/bin/env bash
# Installs what building and testing qmld needs on a fresh Debian 12 machine:
# Qt 6 and the other libraries from Debian, and the npm test peers.
# Installs only what is missing, so it is cheap to run before every build.
# With --fuzz, also clang (libFuzzer), which only `./dev fuzz` needs.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libgl-dev
  libsimdjson-dev zlib1g-dev
  python3-botocore awscli
  xvfb xauth
)

if [ "${1:-}" = --fuzz ]; then
  packages+=(clang libclang-rt-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# Node.js may come from elsewhere than Debian (with its own npm, which Debian's
# npm package conflicts with): only ask Debian for it when it is missing.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm test peers (the official KCL Node child library and the KPL aggregator).
peers=tests/peers/node
if [ -f "$peers/package-lock.json" ]; then
  stamp="$peers/node_modules/.qmld-lock"
  if ! cmp -s "$peers/package-lock.json" "$stamp" 2>/dev/null; then
    echo "install-deps: npm ci in $peers" >&2
    (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$peers/package-lock.json" "$stamp"
  fi
fi
