# Shared set-up for bin/run and bin/test: sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
PY=.venv/bin/python

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}

# Create .venv and install the given requirements file, again only when it changed.
ensure_venv() {
  local requirements=$1
  if [ ! -x "$PY" ]; then
    say "Creating the virtual environment (.venv)"
    "${PYTHON:-python3}" -m venv .venv
    "$PY" -m pip install -q --upgrade pip
  fi
  local stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$requirements")"
  if [ ! -f "$stamp" ]; then
    say "Installing $requirements (torch, the model and the rest; the first time takes a few minutes)"
    "$PY" -m pip install -q -r "$requirements"
    touch "$stamp"
  fi
}

redis_up() {
  "$PY" -c "import sys; from redis import Redis; from os import environ as e
sys.exit(0 if Redis.from_url(e.get('REDIS_URL', 'redis://127.0.0.1:6379/0'), socket_connect_timeout=1).ping() else 1)" 2>/dev/null
}

# Start a local Redis when none answers (installing it from Debian when allowed to).
ensure_redis() {
  redis_up && return 0
  if ! command -v redis-server >/dev/null && [ "${1:-}" = install ]; then
    say "Installing redis-server"
    as_root apt-get update -qq && as_root apt-get install -y -qq redis-server >/dev/null || true
  fi
  if command -v redis-server >/dev/null; then
    say "Starting redis-server on 127.0.0.1:6379"
    mkdir -p .data/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir "$ROOT/.data/redis" --logfile "$ROOT/.data/redis/redis.log" || true
    for _ in $(seq 20); do redis_up && return 0; sleep 0.5; done
  fi
  return 1
}
