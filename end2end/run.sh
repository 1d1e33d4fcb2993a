#!/usr/bin/env bash
# Runs the Playwright suite against a freshly built server, started here on a
# free port with a throwaway SQLite database (with sample data), in Debian's
# headless Chromium. Extra arguments go to `playwright test`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
server_bin="${VILLAGE_SERVER_BIN:?set VILLAGE_SERVER_BIN to the built server (make e2e does)}"
site_root="${LEPTOS_SITE_ROOT:-$root/target/site}"

[[ -x "$server_bin" ]] || { echo "no server binary at $server_bin: run make build first" >&2; exit 1; }
compgen -G "$site_root/pkg/village*.wasm" >/dev/null || { echo "no built site at $site_root: run make build first" >&2; exit 1; }

work="$(mktemp -d /tmp/village-e2e.XXXXXX)"
port="$("$root/scripts/free-port")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  cp "$work/server.log" /tmp/last-e2e-server.log 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A Monday in term time, so the calendar tests know the week they will see.
VILLAGE_TODAY=2026-12-07 LEPTOS_SITE_ROOT="$site_root" LEPTOS_OUTPUT_NAME=village LEPTOS_SITE_PKG_DIR=pkg RUST_LOG=info \
  "$server_bin" serve --site-addr "127.0.0.1:$port" --database-url "sqlite://$work/e2e.db" --sample-data \
  >"$work/server.log" 2>&1 &
server_pid=$!

base="http://127.0.0.1:$port"
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/healthz"
}
for _ in $(seq 1 100); do
  if healthy; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log"; echo "the server did not start" >&2; exit 1; fi
  sleep 0.1
done
healthy || { cat "$work/server.log"; echo "the server did not answer" >&2; exit 1; }

# An organiser for Riverside Parents Together, made as a deployment would: on
# the command line, with the password on standard input.
export VILLAGE_ORGANISER_EMAIL="organiser@example.org"
export VILLAGE_ORGANISER_PASSWORD="kettle violet harbour"
printf '%s\n' "$VILLAGE_ORGANISER_PASSWORD" | RUST_LOG=warn "$server_bin" create-user \
  --email "$VILLAGE_ORGANISER_EMAIL" --role organiser --organisation sample-riverside-parents \
  --password-stdin --database-url "sqlite://$work/e2e.db" >/dev/null
export VILLAGE_TWO_STEP_EMAIL="two.step@example.org"
printf '%s\n' "$VILLAGE_ORGANISER_PASSWORD" | RUST_LOG=warn "$server_bin" create-user \
  --email "$VILLAGE_TWO_STEP_EMAIL" --role organiser --organisation sample-dads-together \
  --password-stdin --database-url "sqlite://$work/e2e.db" >/dev/null
export VILLAGE_ADMIN_EMAIL="admin@example.org"
printf '%s\n' "$VILLAGE_ORGANISER_PASSWORD" | RUST_LOG=warn "$server_bin" create-user \
  --email "$VILLAGE_ADMIN_EMAIL" --role admin --password-stdin --database-url "sqlite://$work/e2e.db" >/dev/null

cd "$here"
# The update test starts a second server of its own on a copy of the site.
export VILLAGE_SERVER_BIN="$server_bin" VILLAGE_SITE_ROOT="$site_root"
VILLAGE_BASE_URL="$base" VILLAGE_SERVER_LOG="$work/server.log" VILLAGE_DATABASE="$work/e2e.db" \
  npx --no-install playwright test "$@"
