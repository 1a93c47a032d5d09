#!/usr/bin/env bash
# Export benchmark (issue 4): a TSS with LOGS signed log messages (default 200000) is exported by a
# server whose heap is capped at 256 MB; reports log messages per second for the export job (which
# builds the whole archive once) and for the download of the archive, then verifies the archive.
#   bench/export.sh [LOGS] [PORT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs="${1:-200000}"
port="${2:-18080}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
now() { date +%s.%N; }

echo "seeding a TSS with $logs log messages (journal-level, real signatures) ..." >&2
seed=$("$here/opentss" bench seed --logs "$logs" --data-dir "$work")
echo "seed: $seed" >&2
tss=$(echo "$seed" | json '["tss_id"]')
key=$(echo "$seed" | json '["api_key"]')
secret=$(echo "$seed" | json '["api_secret"]')
count=$(echo "$seed" | json '["log_messages"]')

OPENTSS_JAVA_OPTS="-Xmx256m" OPENTSS_HOST=127.0.0.1 OPENTSS_RATE_LIMIT_EXPORT=0 \
    "$here/opentss" serve --data-dir "$work" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/ready" > /dev/null && break
    sleep 0.5
done
base="http://127.0.0.1:$port/api/v2"
token=$(curl -sf -X POST "$base/auth" -H 'Content-Type: application/json' \
    -d "{\"api_key\":\"$key\",\"api_secret\":\"$secret\"}" | json '["access_token"]')
export_id=$(python3 -c 'import uuid; print(uuid.uuid4())')

started=$(now)
curl -sf -X PUT "$base/tss/$tss/export/$export_id" -H "Authorization: Bearer $token" > /dev/null
state=PENDING
while [ "$state" = PENDING ] || [ "$state" = WORKING ]; do
    sleep 0.2
    state=$(curl -sf "$base/tss/$tss/export/$export_id" -H "Authorization: Bearer $token" | json '["state"]')
done
job_seconds=$(python3 -c "print($(now) - $started)")
[ "$state" = COMPLETED ] || { echo "export ended in $state" >&2; exit 1; }

started=$(now)
curl -sf "$base/tss/$tss/export/$export_id/file" -H "Authorization: Bearer $token" -o "$work/export.tar"
download_seconds=$(python3 -c "print($(now) - $started)")
size=$(stat -c %s "$work/export.tar")

max_heap=$(grep -o 'Xmx[0-9a-z]*' /proc/"$server"/cmdline 2>/dev/null | head -1 || true)
python3 - "$count" "$job_seconds" "$download_seconds" "$size" <<'PY'
import sys
logs, job, download, size = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"log messages:        {logs}")
print(f"archive size:        {size / 1e6:.1f} MB")
print(f"export job:          {job:.2f} s  ->  {logs / job:,.0f} log messages/s (trigger to COMPLETED, incl. polling)")
print(f"download:            {download:.2f} s  ->  {logs / download:,.0f} log messages/s ({size / 1e6 / download:.0f} MB/s)")
PY
echo "server heap: -Xmx256m (OPENTSS_JAVA_OPTS)"
if "$here/opentss" verify --help > /dev/null 2>&1; then
    "$here/opentss" verify "$work/export.tar" --expect-contiguous --expect-first-counter 1 | tail -3
fi
