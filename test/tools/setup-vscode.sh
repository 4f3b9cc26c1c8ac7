#!/usr/bin/env bash
# Installs a real VS Code (code-server 4.100.3 = VS Code 1.100.3) and Debian's Chromium for the
# integration suite, offline-friendly: only the npm registry and Debian's packages are used.
# Idempotent: a finished install leaves a stamp and later runs return at once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEST="$ROOT/.vscode-test/code-server"
STAMP="$DEST/.installed-4.100.3"
VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v pre-commit >/dev/null 2>&1 || need_apt+=(pre-commit)   # the pre-commit hook's test (pre-commit try-repo)
for hdr in /usr/include/krb5.h /usr/include/X11/Xlib.h /usr/include/X11/extensions/XKBfile.h /usr/include/libsecret-1/libsecret/secret.h; do
  [ -e "$hdr" ] || { need_apt+=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config); break; }
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq
    timeout 900 apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${need_apt[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

# One install at a time: concurrent runs (parallel test runs, worktrees sharing .vscode-test) would
# delete each other's half-installed tree.
mkdir -p "$ROOT/.vscode-test"
exec 9>"$ROOT/.vscode-test/.setup.lock"
flock 9
if [ -f "$STAMP" ]; then
  exit 0
fi
echo "setup: installing code-server 4.100.3 (VS Code 1.100.3) into .vscode-test/ (one time, ~3 min)"
rm -rf "$DEST"
mkdir -p "$DEST"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_loglevel=error
timeout 600 npm install --prefix "$DEST" --ignore-scripts code-server@4.100.3 >/dev/null
(cd "$DEST" && timeout 600 npm rebuild argon2 >/dev/null)
(cd "$VSCODE_DIR" && timeout 900 npm install --omit=dev --ignore-scripts >/dev/null)
(cd "$VSCODE_DIR" && timeout 900 npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty >/dev/null)
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"
(cd "$VSCODE_DIR/extensions" && timeout 600 npm install --omit=dev >/dev/null)
touch "$STAMP"
echo "setup: code-server ready"
