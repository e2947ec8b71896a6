#!/usr/bin/env bash
# Starts a local Kinesis-API server on 127.0.0.1 in the background, waits until it answers a
# ListStreams call, and prints its endpoint. For humans, the demo and the benchmarks; tests use the
# Java launcher in connector/kinesis-testing instead.
#
# Usage: start.sh {kinesalite|kinesis-mock} PORT [PIDFILE] [extra kinesalite flags...]
#   PIDFILE defaults to tools/kinesis-servers/run/<server>-<PORT>.pid; the log goes next to it
#   (<same name>.log). Stop the server with stop.sh PIDFILE.
#   kinesis-mock also opens a TLS port: KINESIS_MOCK_TLS_PORT, default PORT+1. Its other settings
#   are environment variables (see README.md); the defaults below apply only when they are unset.
#   START_TIMEOUT (seconds, default 30) bounds the wait.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
usage() { echo "Usage: $0 {kinesalite|kinesis-mock} PORT [PIDFILE] [extra kinesalite flags...]" >&2; exit 2; }

[[ $# -ge 2 ]] || usage
kind="$1"; port="$2"
pidfile="${3:-$here/run/$kind-$port.pid}"
shift $(( $# >= 3 ? 3 : 2 ))
[[ "$kind" == kinesalite || "$kind" == kinesis-mock ]] || { echo "Unknown server '$kind': use kinesalite or kinesis-mock." >&2; exit 2; }
[[ "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ]] || { echo "Invalid port '$port': use a number from 1 to 65535." >&2; exit 2; }
[[ $# -eq 0 || "$kind" == kinesalite ]] || { echo "kinesis-mock takes no flags ('$*'): set its environment variables instead (see README.md)." >&2; exit 2; }
command -v node >/dev/null || { echo "node is not on the PATH: install Node.js 18 or newer." >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not on the PATH: it is needed to wait for the server." >&2; exit 1; }
package="$here/node_modules/$([[ $kind == kinesalite ]] && echo kinesalite || echo kinesis-local)"
[[ -d "$package" ]] || { echo "$package is missing: run \`npm ci --prefix tools/kinesis-servers\` in the repository root." >&2; exit 1; }
if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "A server is already running with pid $(cat "$pidfile") from $pidfile: stop it with $here/stop.sh $pidfile" >&2
  exit 1
fi

# Inodes of the sockets listening on port $1 (Linux /proc; empty elsewhere).
listen_inodes() {
  awk -v p=":$(printf '%04X' "$1")" '$2 ~ p"$" && $4 == "0A" { print $10 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null || true
}
# Whether process $1 itself listens on port $2: an answer may come from another server holding the
# port while ours dies with EADDRINUSE. Without /proc, a live process has to do.
owns_port() {
  [[ -r /proc/net/tcp ]] || { kill -0 "$1" 2>/dev/null; return; }
  local inode
  for inode in $(listen_inodes "$2"); do
    ls -l "/proc/$1/fd" 2>/dev/null | grep -qF "socket:[$inode]" && return 0
  done
  return 1
}
if [[ -n "$(listen_inodes "$port")" ]]; then
  echo "Port $port is already in use: choose another port (or stop the server holding it)." >&2
  exit 1
fi

mkdir -p "$(dirname "$pidfile")"
log="${pidfile%.pid}.log"
if [[ "$kind" == kinesalite ]]; then
  node -r "$here/loopback.js" "$package/cli.js" --port "$port" \
    --createStreamMs 0 --deleteStreamMs 0 --updateStreamMs 0 --shardLimit 1000 "$@" \
    </dev/null >"$log" 2>&1 &
else
  # main.js reads its bundled TLS certificate (server.json) from the working directory.
  (cd "$package" && exec env \
    KINESIS_MOCK_PLAIN_PORT="$port" KINESIS_MOCK_TLS_PORT="${KINESIS_MOCK_TLS_PORT:-$((port + 1))}" \
    LOG_LEVEL="${LOG_LEVEL:-WARN}" SHARD_LIMIT="${SHARD_LIMIT:-2000}" \
    CREATE_STREAM_DURATION="${CREATE_STREAM_DURATION:-0ms}" \
    DELETE_STREAM_DURATION="${DELETE_STREAM_DURATION:-100ms}" \
    SPLIT_SHARD_DURATION="${SPLIT_SHARD_DURATION:-100ms}" \
    MERGE_SHARDS_DURATION="${MERGE_SHARDS_DURATION:-100ms}" \
    UPDATE_SHARD_COUNT_DURATION="${UPDATE_SHARD_COUNT_DURATION:-100ms}" \
    REGISTER_STREAM_CONSUMER_DURATION="${REGISTER_STREAM_CONSUMER_DURATION:-100ms}" \
    DEREGISTER_STREAM_CONSUMER_DURATION="${DEREGISTER_STREAM_CONSUMER_DURATION:-100ms}" \
    node -r "$here/loopback.js" main.js) </dev/null >"$log" 2>&1 &
fi
pid=$!
echo "$pid" >"$pidfile"

endpoint="http://127.0.0.1:$port"
deadline=$(( $(date +%s) + ${START_TIMEOUT:-30} ))
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$kind exited during start-up; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    rm -f "$pidfile"
    exit 1
  fi
  amz_date="$(date -u +%Y%m%dT%H%M%SZ)"
  status="$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "$endpoint/" \
    -H 'Content-Type: application/x-amz-json-1.1' -H 'X-Amz-Target: Kinesis_20131202.ListStreams' \
    -H "X-Amz-Date: $amz_date" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=fakeAccessKeyId/${amz_date:0:8}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000" \
    -d '{}' || true)"
  [[ "$status" == 200 ]] && owns_port "$pid" "$port" && break
  if (( $(date +%s) >= deadline )); then
    echo "$kind did not answer ListStreams at $endpoint within ${START_TIMEOUT:-30} s; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    "$here/stop.sh" "$pidfile" >/dev/null || true
    exit 1
  fi
  sleep 0.1
done
echo "$endpoint"
