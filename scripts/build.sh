#!/usr/bin/env bash
# Release build of the app: dist/index.html (one self-contained file) and dist/jianpai-offline.html.
# Assumes the tools are installed (scripts/install-tools.sh); prints the bundle sizes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
phase "trunk build --release" trunk build --release
bash "$ROOT/scripts/sizes.sh"
