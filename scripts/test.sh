#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Spec/openapi.yaml must stay a valid OpenAPI 3.1 document (the server tests check every route in it is served).
python3 -m openapi_spec_validator Spec/openapi.yaml
# The import rules of ARCHITECTURE.md (C modules, GRDB, Hummingbird, layers, Package.swift dependencies).
python3 scripts/check_imports.py
swift build --build-tests
# A throwaway PostgreSQL on 127.0.0.1 for PostgresStore's tests, stopped when this script ends.
postgres_dir="$(mktemp -d)"
trap 'bash scripts/postgres.sh stop "$postgres_dir"' EXIT
ATTEST_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start "$postgres_dir")"
export ATTEST_TEST_POSTGRES_URL
swift test --skip-build "$@"
# Schemathesis against the debug attest just built: no 5xx, and answers as Spec/openapi.yaml says.
bash scripts/schemathesis.sh "$(swift build --show-bin-path)/attest"
