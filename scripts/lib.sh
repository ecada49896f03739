# Shared by scripts/dev, scripts/test and scripts/bench: installs whatever is missing (idempotent,
# quick when everything is there) and sets the environment that keeps every tool off GitHub.
# Versions are the ones proven together (docs/TOOLCHAIN.md).

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_BINDGEN_VERSION=0.2.130

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_BIN=wasm-bindgen
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild"
export WRANGLER_SEND_METRICS=false
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

have_version() { # command, expected version substring
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"
}

ensure_tools() {
  if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
    log "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
    # Not --locked: its lockfile pins a crate the registry no longer has.
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~3 min)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  # Node 22 (wrangler needs >= 22.12), wrangler, wasm-opt and playwright-core all come from npm.
  if [ ! -x node_modules/.bin/wrangler ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (wrangler, Node 22, binaryen, playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ ! -f .dev.vars ]; then
    log "generating a local JWT secret in .dev.vars (git-ignored)"
    printf 'JWT_SECRET="%s"\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > .dev.vars
  fi
}

build_frontend() {
  log "building the front end (staff app and portal: cargo, wasm-bindgen, wasm-opt)"
  bash "$ROOT/scripts/build-frontend" >&2
  # The OpenAPI document, built natively from the route table, served from the static assets.
  mkdir -p frontend/dist/api
  cargo run -q -p xtask -- openapi > frontend/dist/api/openapi.json
}

build_worker() {
  log "building the worker (cargo, wasm-bindgen, wasm-opt, esbuild)"
  bash "$ROOT/scripts/build-worker" 2>&1 | tail -n 2 >&2
}

# Applies migrations and loads the demo firm into the local D1 under $1 (persist dir).
prepare_db() {
  local persist="$1"
  log "applying D1 migrations ($persist)"
  wrangler d1 migrations apply DB --local --persist-to "$persist" >/dev/null
  log "loading demo data"
  mkdir -p target
  cargo run -q -p xtask -- demo > target/demo.sql
  wrangler d1 execute DB --local --persist-to "$persist" --file target/demo.sql >/dev/null
}

# Starts `wrangler dev` in its own process group on $2 with state in $1; sets WRANGLER_PID.
start_wrangler() {
  local persist="$1" port="$2" logfile="$3"
  shift 3
  set -m
  wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$persist" --log-level warn --test-scheduled \
    --show-interactive-dev-session=false "$@" >"$logfile" 2>&1 &
  WRANGLER_PID=$!
  set +m
  local deadline=$((SECONDS + 240))
  until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do
    if ! kill -0 "$WRANGLER_PID" 2>/dev/null; then
      cat "$logfile" >&2; echo "wrangler dev exited" >&2; return 1
    fi
    if [ $SECONDS -gt $deadline ]; then
      cat "$logfile" >&2; echo "wrangler dev did not answer in time" >&2; return 1
    fi
    sleep 1
  done
}

stop_wrangler() {
  if [ -n "${WRANGLER_PID:-}" ]; then
    kill -- -"$WRANGLER_PID" 2>/dev/null || kill "$WRANGLER_PID" 2>/dev/null || true
    wait "$WRANGLER_PID" 2>/dev/null || true
    WRANGLER_PID=
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
