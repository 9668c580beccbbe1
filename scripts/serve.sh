#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it at http://127.0.0.1:8080
# (the page opens with its built-in sample data). Ctrl-C stops the server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/install-tools.sh
bash scripts/build.sh
PORT="${PORT:-8080}"
echo "Serving dist/ at http://127.0.0.1:$PORT (offline copy: http://127.0.0.1:$PORT/jianpai-offline.html)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
