#!/usr/bin/env bash
# Renders every certificate template (and the stress cases) as PNG and PDF into a folder, for a
# person to look at. Not part of the test suite: the suite reports these writers as skipped.
# Usage: bash scripts/previews.sh [DIR]   (default: ./previews)
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$(realpath -m "${1:-previews}")"
mkdir -p "$folder"
swift build --build-tests
ATTEST_PREVIEW_DIR="$folder" swift test --skip-build --filter PreviewTests
echo "previews written to $folder"
