# Sourced (POSIX sh) by the browser tests' run scripts (tests/inbox, tests/web): a temp dir, the
# artifacts dir for screenshots, a caunoi started on loopback, and node running a test script
# beside build/e2e's playwright-core (installed by scripts/test.sh). Needs /usr/bin/chromium.
# Before sourcing, set `root` to the repository; after it: build, tmp, artifacts.
build=${BUILD_DIR:-$root/build}
tmp=$(mktemp -d)
artifacts=$build/artifacts
mkdir -p "$artifacts"
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT

# start_caunoi ARGS...: runs build/gateway/caunoi ARGS in the background (stopped on exit) and
# sets `url` from its "caunoi: listening on URL" line; exits 1 with its output if it exits first
# or says nothing for 30 s.
start_caunoi() {
  CAUNOI_CACHE_DIR=$build/nlu-cache "$build/gateway/caunoi" "$@" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  url=
  for _ in $(seq 1 150); do
    url=$(sed -n 's/^caunoi: listening on \(http[^ ]*\)$/\1/p' "$tmp/out")
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || break  # it exited: say why at once
    sleep 0.2
  done
  cat "$tmp/out" "$tmp/err"
  exit 1
}

# run_node SCRIPT ARGS...: ESM resolves imports next to the script, so run a copy beside
# build/e2e/node_modules.
run_node() {
  script=$1
  shift
  cp "$script" "$build/e2e/$(basename "$script")"
  node "$build/e2e/$(basename "$script")" "$@"
}
