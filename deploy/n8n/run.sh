#!/usr/bin/env bash
# Runs gitlore's n8n workflow for real: installs n8n 1.123.81 from npm (once), imports the workflow and an API-key
# credential with n8n's CLI, and executes it against a running gateway: start a job on a repository, poll it until it
# ends, get history-aware context for a query, continue the first unit's code with the trained model. Not part of
# CI: the install alone takes minutes and 1.8 GB.
# Usage: GITLORE_GATEWAY_API_KEY=<key> [GITLORE_GATEWAY_URL=http://localhost:8080] deploy/n8n/run.sh /path/to/repository
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(realpath "${1:?usage: GITLORE_GATEWAY_API_KEY=<key> deploy/n8n/run.sh /path/to/repository}")"
key="${GITLORE_GATEWAY_API_KEY:?set GITLORE_GATEWAY_API_KEY to the gateway API key}"
export GITLORE_GATEWAY_URL="${GITLORE_GATEWAY_URL:-http://localhost:8080}"
# Where n8n is installed (kept between runs) and where this run's n8n keeps its database and settings.
install="${GITLORE_N8N_DIR:-$HOME/.cache/gitlore-n8n}"
user="$(mktemp -d "${TMPDIR:-/tmp}/gitlore-n8n.XXXXXX")"
trap 'rm -rf "$user"' EXIT

[[ "$(node -v)" == v20.* ]] || echo "warning: n8n 1.123.81 is checked on Node 20 (this is $(node -v)); n8n 2.x needs Node 24" >&2
curl -fsS "$GITLORE_GATEWAY_URL/q/health/ready" >/dev/null \
  || { echo "no ready gateway at $GITLORE_GATEWAY_URL (GITLORE_GATEWAY_URL): start it first" >&2; exit 1; }

if [[ ! -x "$install/node_modules/.bin/n8n" ]]; then
  echo "installing n8n 1.123.81 into $install (once; about 3 minutes and 1.8 GB)..."
  mkdir -p "$install"
  # n8n's own xlsx dependency points at a CDN tarball that cannot be fetched here; isolated-vm 6+ needs Node 22.
  cat >"$install/package.json" <<'JSON'
{"name": "gitlore-n8n", "private": true, "dependencies": {"n8n": "1.123.81"},
 "overrides": {"xlsx": "0.18.5", "isolated-vm": "5.0.4"}}
JSON
  (cd "$install" && npm install --no-audit --no-fund --loglevel=error)
fi
n8n="$install/node_modules/.bin/n8n"

export N8N_USER_FOLDER="$user" N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
  N8N_RUNNERS_ENABLED=false N8N_BLOCK_ENV_ACCESS_IN_NODE=false GITLORE_N8N_REPOSITORY="$repo"

# The key goes into an n8n credential (Header Auth: X-API-Key), as a user would set it up, not into the workflow.
umask 077
printf '[{"id":"gitloreApiKey01","name":"gitlore API key","type":"httpHeaderAuth","data":{"name":"X-API-Key","value":%s}}]\n' \
  "$(node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$key")" >"$user/credentials.json"
"$n8n" import:credentials --input="$user/credentials.json" >/dev/null
"$n8n" import:workflow --input="$here/gitlore-workflow.json" >/dev/null

echo "executing the workflow against $GITLORE_GATEWAY_URL on $repo..."
start=$(date +%s)
status=0
"$n8n" execute --id=gitloreJobSearch1 >"$user/execution.out" 2>&1 || status=$?
# n8n prints log lines, then the execution as JSON: show each node's runs and the Answer node's output.
node - "$user/execution.out" "$(( $(date +%s) - start ))" <<'JS'
const text = require('fs').readFileSync(process.argv[2], 'utf8');
const start = text.indexOf('{\n');
if (start < 0) { console.log(text); process.exit(1); }
const run = JSON.parse(text.slice(start));
const data = run.data || run;
const nodes = data.resultData.runData;
for (const [name, runs] of Object.entries(nodes)) {
  console.log(`${name.padEnd(12)} ${runs.length} run(s), ${runs.reduce((t, r) => t + r.executionTime, 0)} ms`);
}
if (data.resultData.error) { console.log('error:', data.resultData.error.message); }
const answer = nodes.Answer && nodes.Answer[0].data.main[0][0].json;
console.log('Answer:', JSON.stringify(answer, null, 2));
console.log(`status: ${run.status || (data.resultData.error ? 'error' : 'success')} in ${process.argv[3]} s`);
JS
exit "$status"
