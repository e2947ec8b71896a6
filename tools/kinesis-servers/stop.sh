#!/usr/bin/env bash
# Stops a server started by start.sh: SIGTERM, up to 5 s grace, then SIGKILL (kinesis-mock can
# ignore SIGTERM after EFO subscriptions). Usage: stop.sh PIDFILE
set -euo pipefail

[[ $# -eq 1 ]] || { echo "Usage: $0 PIDFILE" >&2; exit 2; }
pidfile="$1"
[[ -f "$pidfile" ]] || { echo "No pid file $pidfile: nothing to stop." >&2; exit 1; }
pid="$(cat "$pidfile")"
[[ "$pid" =~ ^[0-9]+$ ]] || { echo "$pidfile does not hold a pid." >&2; exit 1; }

if ! kill -0 "$pid" 2>/dev/null; then
  echo "Process $pid from $pidfile is not running."
  rm -f "$pidfile"
  exit 0
fi
# Only ever signal a server this directory started (the pid may have been reused).
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'loopback.js'; then
  echo "Process $pid is not a Kinesis server started by start.sh; not stopping it. Remove $pidfile." >&2
  exit 1
fi

kill -TERM "$pid"
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "Process $pid ignored SIGTERM for 5 s; killing it." >&2
  kill -KILL "$pid"
fi
rm -f "$pidfile"
echo "Stopped $pid."
