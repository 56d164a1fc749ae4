#!/usr/bin/env bash
# Installs what building and testing qmld needs on a fresh Debian 12 machine:
# Qt 6 and the other libraries from Debian, the npm test peers, and the Java KCL
# MultiLangDaemon jars from Maven Central.
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
  maven openjdk-17-jre-headless
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

# The Java KCL MultiLangDaemon, a test peer like the npm ones: each version's
# jars and their dependencies, fetched by Maven from a generated POM, into the
# folder the kcl-v1/v2/v3 presets search (the same one `qmld kcl install` fills).
# Versions: the newest 3.x and 2.x of amazon-kinesis-client-multilang that
# Maven Central serves here, and KCL 1.x, whose jar carries the v1 daemon.
kcl_root="${QMLD_KCL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/qmld/kcl}"
kcl_install() { # VERSION GROUP ARTIFACT
  local dir="$kcl_root/$1"
  [ -f "$dir/.complete" ] && return 0
  echo "install-deps: fetching the KCL $1 MultiLangDaemon with Maven into $dir" >&2
  mkdir -p "$dir"
  scripts/kcl-pom.sh "$2" "$3" "$1" > "$dir/pom.xml"
  rm -rf "$dir/jars"
  if mvn -B -q -f "$dir/pom.xml" dependency:copy-dependencies \
       -DincludeScope=runtime -DoutputDirectory="$dir/jars" > "$dir/maven.log" 2>&1; then
    touch "$dir/.complete"
  else
    echo "install-deps: Maven could not fetch KCL $1 (see $dir/maven.log); the Java daemon tests will skip it" >&2
  fi
}
kcl_install 3.1.3 software.amazon.kinesis amazon-kinesis-client-multilang
kcl_install 2.5.4 software.amazon.kinesis amazon-kinesis-client-multilang
kcl_install 1.15.3 com.amazonaws amazon-kinesis-client
# KCL 1.13.3, the last release before 1.14.0 began to require ChildShards in
# the GetRecords reply at a shard's end, which kinesalite never sends: the one
# Java daemon that ends a split's parent under kinesalite (the shard-split
# test). The kcl-v1 preset still takes the newest 1.x.
kcl_install 1.13.3 com.amazonaws amazon-kinesis-client
