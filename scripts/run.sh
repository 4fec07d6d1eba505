#!/usr/bin/env bash
# The main job, from a fresh clone: installs what is missing, builds Attest, makes a development key
# (Keys/dev.pem, git-ignored), signs the demo credential and verifies it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
bin=$(swift build --show-bin-path)
mkdir -p Keys out
if [ ! -f Keys/dev.pem ]; then
  "$bin/attest" keys generate --out Keys/dev.pem
fi
"$bin/attest" sign --key Keys/dev.pem Spec/examples/unsigned-credential.json > out/signed-credential.json
echo "signed: out/signed-credential.json"
"$bin/attest-verify" out/signed-credential.json
