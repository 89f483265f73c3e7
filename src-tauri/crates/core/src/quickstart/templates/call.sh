#!/usr/bin/env bash
# Get a Machine-to-Machine token for the API below and call the API with it.
# The secret comes from the environment: export CLIENT_SECRET=... (never put it in the script).
# The token is cached in a file until shortly before it expires (Auth0 counts M2M tokens).
set -euo pipefail
TOKEN_URL={{TOKEN_URL}}
CLIENT_ID={{CLIENT_ID}}
AUDIENCE={{AUDIENCE}}
CACHE="${TOKEN_CACHE:-${TMPDIR:-/tmp}/m2m-token-${CLIENT_ID//[^A-Za-z0-9_-]/_}}"

get_token() {
  if [ -f "$CACHE" ] && [ "$(cut -d' ' -f1 "$CACHE")" -gt "$(( $(date +%s) + 60 ))" ]; then
    cut -d' ' -f2 "$CACHE"
    return
  fi
  local response
  # The secret goes through stdin (client_secret@-), so it never shows in the process list.
  response=$(printf '%s' "$CLIENT_SECRET" | curl --silent --show-error --fail --request POST "$TOKEN_URL" \
    --header 'content-type: application/x-www-form-urlencoded' \
    --data grant_type=client_credentials \
    --data-urlencode client_id="$CLIENT_ID" \
    --data-urlencode client_secret@- \
    --data-urlencode audience="$AUDIENCE")
  local token expires_in
  token=$(printf '%s' "$response" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  expires_in=$(printf '%s' "$response" | sed -E 's/.*"expires_in":([0-9]+).*/\1/')
  (umask 077 && printf '%s %s\n' "$(( $(date +%s) + expires_in ))" "$token" > "$CACHE")
  printf '%s' "$token"
}

TOKEN=$(get_token)
curl --silent --show-error --header "authorization: Bearer $TOKEN" "${API_URL:-$AUDIENCE}"
