#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the Playwright e2e suite (Playwright cannot download
# its own browsers on this network). Installs it when possible (root + apt), otherwise says what to do.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && { echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null)"; exit 0; }
fi
cat >&2 <<MSG
ensure-chromium: the end-to-end tests need Chromium at $CHROMIUM and it is not there.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install chromium
  elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
