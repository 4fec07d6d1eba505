#!/usr/bin/env bash
# The main job, from a fresh clone: installs what is missing, builds Attest, and runs the issuer on
# SQLite with a generated development key and the demo program: 25 learners' completions become
# signed certificates (PDF + PNG + credential), one is verified offline, revoked, verified again,
# and then `attest serve` puts it all on http://127.0.0.1:8080 (Ctrl-C stops it).
# Everything lands in ./demo (git-ignored); run it again to start over.
# ATTEST_DEMO_PORT picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
bin=$(swift build --show-bin-path)
attest() { "$bin/attest" "$@"; }

port=${ATTEST_DEMO_PORT:-8080}
rm -rf demo
mkdir -p demo
attest init --data demo/data --keys demo/Keys --name "Northwind Safety Academy" --base-url "http://127.0.0.1:$port" --email certs@example.org
attest programs add --data demo/data Spec/examples/program.json
attest import --data demo/data Spec/examples/completions.csv --program working-at-height-2
attest credentials list --data demo/data
id=$(attest credentials list --data demo/data --json | sed -n '1s/.*"id":"\([^"]*\)".*/\1/p')
attest credentials export "$id" --data demo/data --out demo/certificates
attest keys export-public --data demo/data > demo/did.json
attest status-lists publish --data demo/data --out demo/site >/dev/null
verify() {
  "$bin/attest-verify" --offline --trust demo/did.json \
    --status-list demo/site/status/revocation-1 --status-list demo/site/status/suspension-1 "demo/certificates/$id.pdf" || true
}
verify
attest revoke "$id" --data demo/data --reason "demo: issued in error"
attest status-lists publish --data demo/data --out demo/site >/dev/null
verify
attest audit verify --data demo/data
cat <<DONE

Demo issuer ready in demo/:
  certificate   demo/certificates/$id.pdf (and .png, .json)
  DID document  demo/did.json     status lists  demo/site/status/
  emails        demo/data/outbox/*.eml (written by the server's delivery worker)
  try           $bin/attest --help     $bin/attest-verify --help
  the revoked one   http://127.0.0.1:$port/c/$id
DONE
exec "$bin/attest" serve --data demo/data --port "$port"
