# Shared helpers of the scripts: timed phases and the PATH with the pinned tools first.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk must never download tools or check for updates (Trunk.toml also sets offline = true).
export TRUNK_SKIP_VERSION_CHECK=true

PHASES=()
phase() { # phase NAME COMMAND... — runs a command and records how long it took
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  local took=$((SECONDS - start))
  PHASES+=("$(printf '%-34s %4dm %02ds' "$name" $((took / 60)) $((took % 60)))")
  echo "<== $name: ${took}s"
}
print_phases() {
  echo
  echo "Phase timings:"
  printf '  %s\n' "${PHASES[@]}"
}
