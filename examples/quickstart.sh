#!/usr/bin/env bash
# Runs the quickstart against a running Cenotoo (make dev): log in, create a project, a write key
# and a collection, load the 2,000 real flights of data/flights-2k.json, and read them back.
# Needs only bash, curl and sed. Set CENOTOO_URL, ADMIN_USERNAME or ADMIN_PASSWORD to override.
set -euo pipefail

BASE="${CENOTOO_URL:-http://localhost:8000}"
USERNAME="${ADMIN_USERNAME:-admin}"
PASSWORD="${ADMIN_PASSWORD:-admin}"
HERE="$(cd "$(dirname "$0")" && pwd)"

# Prints the string value of a top-level field of a one-line JSON object.
field() {
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

# Sends a request, prints its status and body, and stops the script on an error status.
call() {
  local response status
  response=$(curl -sS -w '\n%{http_code}' "$@")
  status="${response##*$'\n'}"
  body="${response%$'\n'*}"
  echo "  -> $status ${body:0:300}" >&2
  if [ "$status" -ge 400 ]; then
    echo "Request failed with status $status" >&2
    exit 1
  fi
  printf '%s' "$body"
}

echo "1. Log in as $USERNAME" >&2
TOKEN=$(call -X POST "$BASE/api/v1/token" -d "username=$USERNAME" --data-urlencode "password=$PASSWORD" | field access_token)

echo "2. Create a project" >&2
PROJECT=$(call -X POST "$BASE/api/v1/projects" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"project_name\": \"flights_$(date +%s)\", \"description\": \"US domestic flights, early 2001\", \"tags\": [\"demo\"]}" \
  | field project_id)

echo "3. Create a write key" >&2
KEY=$(call -X POST "$BASE/api/v1/projects/$PROJECT/keys" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"key_type": "write"}' | field api_key)

echo "4. Create a collection" >&2
COLLECTION=$(call -X POST "$BASE/api/v1/projects/$PROJECT/collections" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name": "departures", "description": "One record per flight", "collection_schema": {"delay": "int", "distance": "int", "destination": "text"}}' \
  | field collection_id)
DATA="$BASE/api/v1/projects/$PROJECT/collections/$COLLECTION"

echo "5. Send the 2,000 flights of data/flights-2k.json (key = origin, timestamp = date as UTC)" >&2
sed -e 's#"date":"\([0-9]*\)/\([0-9]*\)/\([0-9]*\) \([0-9:]*\)"#"timestamp":"\1-\2-\3T\4:00Z"#g' \
    -e 's#"origin":#"key":#g' "$HERE/data/flights-2k.json" > "${TMPDIR:-/tmp}/cenotoo-flights.json"
call -X POST "$DATA/send_data" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  --data-binary "@${TMPDIR:-/tmp}/cenotoo-flights.json" > /dev/null

echo "6. Read the departures from Chicago O'Hare back (the sink stores them within a second or two)" >&2
for attempt in $(seq 1 30); do
  PAGE=$(curl -sS "$DATA/get_data?key=ORD&limit=1000" -H "X-API-Key: $KEY")
  COUNT=$(printf '%s' "$PAGE" | { grep -o '"record_id"' || true; } | wc -l)
  if [ "$COUNT" -ge 119 ]; then
    break
  fi
  sleep 1
done
echo "  -> $COUNT ORD flights stored (the file has 119); the newest one:" >&2
printf '%s\n' "$PAGE" | sed 's/},{.*/}]/' | cut -c1-400
