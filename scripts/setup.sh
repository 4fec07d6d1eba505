#!/usr/bin/env bash
# Installs every system and Python package that Attest needs to build, run and test.
# Idempotent: it installs only what is missing, so running it again is cheap.
set -euo pipefail

apt_packages=(
  pkg-config
  libssl-dev openssl          # Ed25519, SHA-256, random (the Ed25519 target)
  libqrencode-dev             # QR codes
  libsqlite3-dev              # the SQLite store (through GRDB)
  libpango1.0-dev libcairo2-dev libqpdf-dev   # certificate PDF and PNG
  zlib1g-dev                  # bounded inflating of embedded files read from PDFs (the PDFEmbedding target)
  librsvg2-dev                # SVG logos and signatures
  libcurl4-openssl-dev        # SMTP and outbound HTTP (the Delivery target)
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-ui-core  # every script a name may use
  qpdf poppler-utils zbar-tools  # the real tools the tests check PDFs and QR codes with
  python3-pip
  wrk                         # attest-bench: the verification page and status lists under load
  nginx-light                 # attest-bench: nginx serving the page's bytes beside it (page.ratio_vs_nginx_static)
  chromium sqlite3            # EndToEndTests: the pages in a real browser (headless); reading the issuer's database
  chromium-driver             # EndToEndTests: selenium drives the staff console in headless Chromium
  postgresql                  # PostgresStore's tests: scripts/postgres.sh starts a throwaway cluster
)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# cryptography, rfc8785, base58: the independent reference in Tests/Reference; jsonschema: 1EdTech's Open Badges
# JSON Schema check of issued credentials (Tests/Reference/validate_ob_schema.py); aiosmtpd: the SMTP peer of
# the delivery tests; openapi-spec-validator: checks Spec/openapi.yaml in the server tests; schemathesis: fuzzes
# a running attest serve against Spec/openapi.yaml (scripts/schemathesis.sh); selenium and axe-playwright-python
# (for the axe-core file it ships): the staff console's browser tests (Tests/Browser); openbadgeslib and pyld (its [ldp]
# extra): the peer attest-bench verifies the same eddsa-rdfc-2022 credentials beside (Benchmarks/reference/).
python_packages=(cryptography rfc8785 base58 jsonschema aiosmtpd openapi-spec-validator schemathesis selenium axe-playwright-python openbadgeslib pyld)
for package in "${python_packages[@]}"; do
  python3 -c "import ${package//-/_}" 2>/dev/null || python3 -m pip install -q "$package"
done
# PyNaCl (the did:key holder) and PyJWT (the EdDSA key proof): the OpenID4VCI test wallet (Tests/Wallet/oid4vci_wallet.py);
# PyNaCl and pyld (above) also make the VC-API / request-link test wallet (Tests/Wallet/vcapi_wallet.py).
python3 -c "import nacl.signing, jwt" 2>/dev/null || python3 -m pip install -q pynacl pyjwt
# Pillow: decodes the console's template pictures to compare them with the issued PDF (TemplateFamilyDrawingTests).
python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q pillow
