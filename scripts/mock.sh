# Sourced by the scripts: starts the release mock server on a free port and stops it again.
# After start_mock, MOCK_URL holds its address and MOCK_PID its process id. LOGINRADIUS_MOCK_BIN
# overrides the binary (default target/release/loginradius-mock).

start_mock() {
  local log
  log=$(mktemp)
  "${LOGINRADIUS_MOCK_BIN:-target/release/loginradius-mock}" --port 0 "$@" >"$log" 2>&1 &
  MOCK_PID=$!
  for _ in $(seq 1 100); do
    MOCK_URL=$(sed -n 's/^loginradius-mock listening on \(http:[^ ]*\).*/\1/p' "$log")
    [ -n "$MOCK_URL" ] && break
    sleep 0.1
  done
  if [ -z "$MOCK_URL" ]; then
    cat "$log" >&2
    echo "the mock server did not start" >&2
    return 1
  fi
  export MOCK_URL MOCK_PID
  echo "mock server at $MOCK_URL"
}

stop_mock() {
  [ -n "${MOCK_PID:-}" ] && kill "$MOCK_PID" 2>/dev/null && wait "$MOCK_PID" 2>/dev/null
  return 0
}
