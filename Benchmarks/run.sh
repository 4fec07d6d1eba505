#!/usr/bin/env bash
# Builds attest-bench and attest-verify in release mode (own build folder, so it never waits on a
# developer's debug build), installs the Python reference's packages if missing, and runs the bench.
# usage: Benchmarks/run.sh [--json] [--quick] [other attest-bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
for module in nacl:pynacl rfc8785:rfc8785 base58:base58 openbadgeslib:openbadgeslib pyld:pyld; do
  python3 -c "import ${module%%:*}" 2>/dev/null || python3 -m pip install -q "${module##*:}"
done
scratch=.build-bench
swift build -c release --scratch-path "$scratch" --product attest-verify >&2
swift build -c release --scratch-path "$scratch" --product attest-bench >&2
swift build -c release --scratch-path "$scratch" --product attest >&2 || echo "run.sh: attest did not build; serving is not measured" >&2
exec "$scratch/release/attest-bench" "$@"
