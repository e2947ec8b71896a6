#!/usr/bin/env bash
# Creates a stream on a local Kinesis-API server (if it is not there yet) and puts sample JSON order
# events into it, the same the quickstart puts: every seventh one is malformed JSON, as real streams
# have. For trying the CLI against a server started with start.sh; needs only curl and base64.
#
# Usage: put-samples.sh ENDPOINT STREAM [RECORDS]
#   ENDPOINT  e.g. http://127.0.0.1:4567 (what start.sh printed)
#   STREAM    the stream's name; created with 2 shards when missing
#   RECORDS   how many events to put (default 20); a second call puts as many more
set -euo pipefail

usage() { echo "Usage: $0 ENDPOINT STREAM [RECORDS]" >&2; exit 2; }
[[ $# -ge 2 && $# -le 3 ]] || usage
endpoint="${1%/}"; stream="$2"; records="${3:-20}"
[[ "$records" =~ ^[0-9]+$ && "$records" -ge 1 && "$records" -le 500 ]] \
  || { echo "RECORDS must be a number from 1 to 500, got '$records'." >&2; exit 2; }
[[ "$stream" =~ ^[a-zA-Z0-9_.-]{1,128}$ ]] \
  || { echo "Invalid stream name '$stream': letters, digits, '_', '.', '-' (1 to 128)." >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not on the PATH." >&2; exit 1; }

# call ACTION JSON: prints the answer's body, then its HTTP status on a line of its own. The local
# servers check only the shape of the signature.
call() {
  local amz_date
  amz_date="$(date -u +%Y%m%dT%H%M%SZ)"
  curl --noproxy '*' -s --max-time 10 -w '\n%{http_code}' -X POST "$endpoint/" \
    -H 'Content-Type: application/x-amz-json-1.1' -H "X-Amz-Target: Kinesis_20131202.$1" \
    -H "X-Amz-Date: $amz_date" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=local/${amz_date:0:8}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000" \
    -d "$2" || { echo "Nothing answers at $endpoint: start the server first (start.sh)." >&2; exit 1; }
}
status() { tail -n 1 <<<"$1"; }
body() { sed '$d' <<<"$1"; }

answer="$(call CreateStream "{\"StreamName\":\"$stream\",\"ShardCount\":2}")"
if [[ "$(status "$answer")" != 200 ]] && ! grep -q ResourceInUseException <<<"$answer"; then
  echo "CreateStream $stream failed at $endpoint: $(body "$answer")" >&2
  exit 1
fi
deadline=$(( $(date +%s) + 30 ))
until grep -q '"StreamStatus":"ACTIVE"' <<<"$(call DescribeStreamSummary "{\"StreamName\":\"$stream\"}")"; do
  (( $(date +%s) < deadline )) || { echo "Stream $stream did not become ACTIVE within 30 s." >&2; exit 1; }
  sleep 0.2
done

entries=()
for ((i = 0; i < records; i++)); do
  if (( i % 7 == 6 )); then
    payload="{\"order_id\": $i, \"truncated"
  else
    tier=$([[ $((i % 2)) == 0 ]] && echo gold || echo silver)
    payload="$(printf '{"order_id":%d,"customer":{"id":%d,"tier":"%s"},"items":[{"sku":"sku-%d","qty":%d}],"amount":%d.%02d}' \
      "$i" $((i % 5)) "$tier" $((i % 13)) $((1 + i % 3)) $((10 + i)) $((i % 100)))"
  fi
  data="$(printf '%s' "$payload" | base64 | tr -d '\n')"
  entries+=("{\"Data\":\"$data\",\"PartitionKey\":\"customer-$((i % 5))\"}")
done
json="{\"StreamName\":\"$stream\",\"Records\":[$(IFS=,; echo "${entries[*]}")]}"
answer="$(call PutRecords "$json")"
if [[ "$(status "$answer")" != 200 ]] || ! grep -q '"FailedRecordCount":0' <<<"$answer"; then
  echo "PutRecords into $stream failed at $endpoint: $(body "$answer")" >&2
  exit 1
fi
echo "Put $records sample records (every seventh is malformed JSON) into stream $stream at $endpoint."
