#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need on a fresh Debian machine.
# Each step checks first and skips what is already there, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== setup: %s\n' "$*"; }

# Debian packages, each checked by a file it installs: Chromium and its driver, Firefox ESR (driven
# by puppeteer-core over WebDriver BiDi), WebKitGTK's WebDriver and MiniBrowser, and Xvfb (the
# display MiniBrowser needs).
APT_PACKAGES=()
need_apt() { # <file> <package>
  [ -x "$1" ] || APT_PACKAGES+=("$2")
}
need_apt /usr/bin/chromium chromium
need_apt /usr/bin/chromedriver chromium-driver
need_apt /usr/bin/firefox-esr firefox-esr
need_apt /usr/bin/WebKitWebDriver webkit2gtk-driver
need_apt /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser webkit2gtk-driver
need_apt /usr/bin/xvfb-run xvfb
install_apt_packages() {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
}

# These downloads run in the background while cargo compiles below (network against CPU: about
# 2.5 minutes less on a fresh machine); the setup waits for them at the end.
DOWNLOADS=()
if [ ${#APT_PACKAGES[@]} -gt 0 ]; then
  step "Debian packages, in the background: ${APT_PACKAGES[*]} (about 2 minutes)"
  install_apt_packages &
  DOWNLOADS+=($!)
fi
# The Node lines the package is tested on, from the npm registry, cached in .node-lines/; the
# tooling's line first (npm ci below runs on it).
source scripts/tooling-node.sh
scripts/node-lines.sh >/dev/null &
DOWNLOADS+=($!)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # --locked fails: the registry lacks the webpki-roots version its lockfile pins.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  step "wasm-pack (about 4.5 minutes)"
  cargo install wasm-pack --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] || [ ! -x node_modules/.bin/esbuild ] ||
  [ ! -x node_modules/.bin/publint ] || [ ! -x node_modules/.bin/attw ] || [ ! -d node_modules/puppeteer-core ] ||
  [ ! -d node_modules/selenium-webdriver ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm packages (binaryen, esbuild, terser, typescript, playwright-core, puppeteer-core, selenium-webdriver, publint, attw)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
for job in "${DOWNLOADS[@]}"; do wait "$job"; done # a failed download fails the setup here

step "ready"
