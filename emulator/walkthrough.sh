#!/usr/bin/env bash
# The PKCE sign-in of the demo app against the emulator, one raw HTTP request at a time, as a
# browser and the app would send them. Needs bash, curl and openssl.
#
#   npm run emulator                     # in another terminal
#   emulator/walkthrough.sh              # or: emulator/walkthrough.sh http://localhost:<port>
set -euo pipefail

BASE=${1:-http://localhost:8787}
CLIENT_ID=wf-demo-spa
REDIRECT_URI=http://localhost:5173/callback
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JAR=$WORK/cookies
HEADERS=$WORK/headers

step() { printf '\n== %s\n' "$*"; }
fail() { echo "walkthrough: $*" >&2; exit 1; }
# The Location header of the last response.
location() { tr -d '\r' <"$HEADERS" | sed -n 's/^[Ll]ocation: //p'; }
# A string field of a flat JSON object on stdin; enough for the token response.
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
# A query parameter of a URL, still URL-encoded.
query_param() { sed -n "s/.*[?&]$1=\([^&]*\).*/\1/p" <<<"$2"; }
# curl as a browser: the cookie jar, no redirects followed; prints the status code.
browser() { curl -sS -b "$JAR" -c "$JAR" -D "$HEADERS" -o "$WORK/body" -w '%{http_code}' "$@"; }
expect_status() { [[ $1 == "$2" ]] || fail "expected HTTP $2, got $1: $(head -c 400 "$WORK/body")"; }

step '1. The app makes a PKCE verifier (43-128 URL-safe characters) and its S256 challenge'
VERIFIER=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
CHALLENGE=$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
STATE=$(openssl rand -hex 16)
echo "code_verifier:  $VERIFIER"
echo "code_challenge: $CHALLENGE"

# redirect_uri is URL-encoded by hand; the challenge (base64url) and state (hex) need no encoding.
QUERY="client_id=$CLIENT_ID&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcallback"
QUERY+="&code_challenge=$CHALLENGE&code_challenge_method=S256&scope=offline_access&state=$STATE"

step '2. The browser opens authorize: no session cookie yet, so the sign-in page answers'
echo "GET $BASE/integrations/oauth2/authorize?$QUERY"
expect_status "$(browser "$BASE/integrations/oauth2/authorize?$QUERY")" 200
grep -o '<form [^>]*>' "$WORK/body"

step '3. The user signs in: the emulator sets its session cookie and sends the browser back'
expect_status "$(browser --data-urlencode 'email=demo@example.com' --data-urlencode 'password=demo' \
  "$BASE/integrations/oauth2/login?$QUERY")" 303
grep -i '^set-cookie' "$HEADERS"
echo "Location: $(location)"

step '4. authorize again, now signed in: the consent page asks to Allow or Deny'
expect_status "$(browser "$BASE$(location)")" 200
grep -o '<button [^>]*>[A-Za-z]*</button>' "$WORK/body"

step '5. The user allows: the emulator redirects to the app with code, domain, lane and state'
expect_status "$(browser --data 'decision=allow' "$BASE/integrations/oauth2/consent?$QUERY")" 303
CALLBACK=$(location)
echo "Location: $CALLBACK"
CODE=$(query_param code "$CALLBACK")
[[ -n $CODE ]] || fail "no code in $CALLBACK"
[[ $(query_param state "$CALLBACK") == "$STATE" ]] || fail 'state came back changed'

step '6. The app exchanges the code and its verifier at the token endpoint'
TOKENS=$(curl -sS --fail-with-body -X POST "$BASE/integrations/oauth2/api/v1/token" \
  -H 'Accept: application/json' \
  --data-urlencode grant_type=authorization_code \
  --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" \
  --data-urlencode "code=$CODE" \
  --data-urlencode "code_verifier=$VERIFIER") || fail "token exchange failed: $TOKENS"
echo "$TOKENS"
ACCESS_TOKEN=$(json_field access_token <<<"$TOKENS")
REFRESH_TOKEN=$(json_field refresh_token <<<"$TOKENS")

step '7. The app calls the REST API with the access token in the sessionID header'
curl -sS --fail-with-body -H "sessionID: $ACCESS_TOKEN" \
  "$BASE/attask/api/v22.0/user/search?ID=\$\$USER.ID&fields=emailAddr,title"
echo

step '8. The app refreshes: with rotation on, it gets a new refresh token'
REFRESHED=$(curl -sS --fail-with-body -X POST "$BASE/integrations/oauth2/api/v1/token" \
  --data-urlencode grant_type=refresh_token \
  --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" \
  --data-urlencode "refresh_token=$REFRESH_TOKEN") || fail "refresh failed: $REFRESHED"
echo "$REFRESHED"

step '9. The rotated-out refresh token is refused, and its whole chain is revoked'
curl -sS -X POST "$BASE/integrations/oauth2/api/v1/token" \
  --data-urlencode grant_type=refresh_token \
  --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "refresh_token=$REFRESH_TOKEN"
echo

step '10. A new sign-in, then sign-out as Workfront'"'"'s demo does it: revoke, with a JSON body'
expect_status "$(browser "$BASE/integrations/oauth2/authorize?$QUERY")" 302
CODE=$(query_param code "$(location)")
TOKENS=$(curl -sS --fail-with-body -X POST "$BASE/integrations/oauth2/api/v1/token" \
  -H 'Content-Type: application/json;charset=utf-8' \
  -d "{\"client_id\":\"$CLIENT_ID\",\"code_verifier\":\"$VERIFIER\",\"grant_type\":\"authorization_code\",\"redirect_uri\":\"$REDIRECT_URI\",\"code\":\"$CODE\"}") ||
  fail "JSON token exchange failed: $TOKENS"
ACCESS_TOKEN=$(json_field access_token <<<"$TOKENS")
REFRESH_TOKEN=$(json_field refresh_token <<<"$TOKENS")
curl -sS --fail-with-body -X POST "$BASE/integrations/oauth2/api/v1/revoke" \
  -H 'Content-Type: application/json;charset=utf-8' \
  -d "{\"client_id\":\"$CLIENT_ID\",\"refresh_token\":\"$REFRESH_TOKEN\",\"redirect_uri\":\"$REDIRECT_URI\"}" \
  -w 'revoke: HTTP %{http_code}\n'
curl -sS -H "sessionID: $ACCESS_TOKEN" "$BASE/attask/api/v22.0/user/search?ID=\$\$USER.ID"
echo
