#!/usr/bin/env bash
# Real-browser tests from a clean clone (Debian/Ubuntu CI): installs Chromium, the root and the Angular
# example's dependencies, builds the example with Node >= 22.22 (the registry's `node` package when the host
# Node is older), then runs `npm run test:browser` (which also starts the example under `ng serve`).
# Screenshots land in artifacts/: keep that folder as the CI job's artifacts.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
# The example's lock records every platform's optional packages, so `npm ci` works on any machine.
(cd docs/examples/angular && npm ci --no-audit --no-fund)

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>22||(a===22&&b>=22)?1:0)')
(
  cd docs/examples/angular
  export NG_CLI_ANALYTICS=false
  if [ "$node_ok" = 1 ]; then
    node node_modules/@angular/cli/bin/ng.js build
  else
    npx -y -p node@22.23.3 -- node node_modules/@angular/cli/bin/ng.js build
  fi
)

npm run test:browser
