#!/usr/bin/env python3
"""openbadgeslib's Data Integrity check (eddsa-rdfc-2022, on pyld) on attest-bench's credentials.

Reads signed credentials (one JSON object per line), checks that openbadgeslib verifies every one
of them and rejects a tampered copy of the first, then times its Data Integrity check
(openbadgeslib.ob3.ldp.verify_data_integrity_proof: RDFC-1.0 of the document and of the proof
configuration, SHA-256, Ed25519 via cryptography) going through the credentials in turn, and its
whole Open Badges 3.0 verifier (OB3LdpVerifier.verify: context validation, model, validity, the
same proof check). Prints one JSON object:
    {"verify_per_s": ..., "ob3_verify_per_s": ..., "credentials": N, "tampered_rejected": true, "version": "..."}
Rates are medians of RUNS runs of ITERATIONS verifications each, after one warm-up pass.

usage: openbadgeslib_rdfc_bench.py CREDENTIALS.jsonl PUBLIC_KEY_MULTIBASE ITERATIONS RUNS
       openbadgeslib_rdfc_bench.py CREDENTIALS.jsonl PUBLIC_KEY_MULTIBASE ITERATIONS --alternate
With --alternate it prints {"ready": true, "tampered_rejected": ..., "version": ...} after the checks and
the warm-up, then one timed run per line read from standard input ("verify" or "ob3"), each answered
with {"verify_per_s": ...} or {"ob3_verify_per_s": ...}: attest-bench times its own run between two, so
both sides see the same load.
"""
import copy
import json
import statistics
import sys
import time
from importlib.metadata import version

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from openbadgeslib.ob3.did import _b58btc_decode
from openbadgeslib.ob3.ldp import OB3LdpVerifier, verify_data_integrity_proof
from openbadgeslib.ob3.verifier import OB3VerificationError


def public_key_pem(multibase):
    """Multikey (z + base58btc of 0xed01 + 32 bytes) as a PEM public key."""
    raw = _b58btc_decode(multibase[1:])
    if raw[:2] != b"\xed\x01" or len(raw) != 34:
        raise SystemExit("not an Ed25519 Multikey: " + multibase)
    key = Ed25519PublicKey.from_public_bytes(raw[2:])
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def rate(work, credentials, iterations, runs):
    for credential in credentials:
        work(credential)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for index in range(iterations):
            work(credentials[index % len(credentials)])
        rates.append(iterations / (time.perf_counter() - start))
    return statistics.median(rates)


def alternate(credentials, pem, verifier, iterations, tampered_rejected):
    """One timed run per request on standard input, for runs timed side by side with attest-bench's."""
    for credential in credentials:
        verify_data_integrity_proof(credential, pem)
    print(json.dumps({"ready": True, "tampered_rejected": tampered_rejected, "version": version("openbadgeslib")}), flush=True)
    for request in sys.stdin:
        request = request.strip()
        work, name, count = (verifier.verify, "ob3_verify_per_s", max(1, iterations // 2)) if request == "ob3" else (
            lambda credential: verify_data_integrity_proof(credential, pem), "verify_per_s", iterations)
        start = time.perf_counter()
        for index in range(count):
            work(credentials[index % len(credentials)])
        print(json.dumps({name: count / (time.perf_counter() - start)}), flush=True)


def main():
    path, multibase, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, encoding="utf-8") as lines:
        credentials = [json.loads(line) for line in lines if line.strip()]
    pem = public_key_pem(multibase)
    tampered = copy.deepcopy(credentials[0])
    tampered["credentialSubject"]["name"] = tampered["credentialSubject"]["name"] + " (altered)"
    try:
        verify_data_integrity_proof(tampered, pem)
        tampered_rejected = False
    except OB3VerificationError:
        tampered_rejected = True
    verifier = OB3LdpVerifier(pubkey_pem=pem)
    if sys.argv[4] == "--alternate":
        alternate(credentials, pem, verifier, iterations, tampered_rejected)
        return
    runs = int(sys.argv[4])
    result = {
        "verify_per_s": rate(lambda credential: verify_data_integrity_proof(credential, pem), credentials, iterations, runs),
        "ob3_verify_per_s": rate(verifier.verify, credentials, max(1, iterations // 2), runs),
        "credentials": len(credentials),
        "tampered_rejected": tampered_rejected,
        "version": version("openbadgeslib"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
