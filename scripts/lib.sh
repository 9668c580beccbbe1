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

# What `git status` says of the work tree, and a hash of the diff of every tracked file against
# HEAD: equal before and after a run when the run wrote nothing into the tracked tree. Empty
# outside a git checkout (a tarball), where the check is skipped.
tree_state() {
  git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 || return 0
  git -C "$ROOT" status --porcelain=v1 --untracked-files=all
  git -C "$ROOT" diff HEAD --binary | sha256sum
}
check_tree_unchanged() { # check_tree_unchanged STATE_BEFORE — fails if the run changed the tree
  local after
  after=$(tree_state)
  if [[ "$after" != "$1" ]]; then
    echo "The test run changed the tracked tree (tests must write only to dist/, target/ or a temporary directory):" >&2
    diff <(echo "$1") <(echo "$after") >&2 || true
    if [[ "${UPDATE_SCREENSHOTS:-}" == 1 ]]; then
      echo "(UPDATE_SCREENSHOTS=1 was set: the changes above are the regenerated screenshots; review and commit them.)" >&2
      return 0
    fi
    exit 1
  fi
  echo "The run left the tracked tree as it found it."
}
