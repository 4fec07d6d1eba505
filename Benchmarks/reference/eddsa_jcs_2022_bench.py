#!/usr/bin/env python3
"""eddsa-jcs-2022 on PyNaCl (libsodium) and rfc8785: the reference attest-bench measures itself against.

Signs and verifies the same unsigned credential, with the same key, verification method and
created time as attest-bench, and prints one JSON object:
    {"sign_per_s": ..., "verify_per_s": ..., "ed25519_verify_per_s": ..., "proofValue": "z..."}
The proofValue lets attest-bench check that both sides signed exactly the same bytes (Ed25519 is
deterministic), so the two rates are rates of the same work. ed25519_verify_per_s is libsodium's
bare verify of 64 bytes: the floor under the reference, as OpenSSL's is under us. Rates are medians of RUNS runs of
ITERATIONS operations each, after one warm-up run.

usage: eddsa_jcs_2022_bench.py UNSIGNED.json SEED_HEX VERIFICATION_METHOD CREATED ITERATIONS RUNS
"""
import hashlib
import json
import statistics
import sys
import time

import base58
import rfc8785
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey


def hash_data(document, proof_config):
    return hashlib.sha256(rfc8785.dumps(proof_config)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()


def sign(key, unsigned, verification_method, created):
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
        "@context": unsigned["@context"],
    }
    proof["proofValue"] = "z" + base58.b58encode(key.sign(hash_data(unsigned, proof)).signature).decode()
    return dict(unsigned, proof=proof)


def verify(secured, verify_key):
    proof = dict(secured["proof"])
    signature = base58.b58decode(proof.pop("proofValue")[1:])
    unsecured = {name: value for name, value in secured.items() if name != "proof"}
    if "@context" in proof:
        if secured["@context"][: len(proof["@context"])] != proof["@context"]:
            return False
        unsecured["@context"] = proof["@context"]
    try:
        verify_key.verify(hash_data(unsecured, proof), signature)
        return True
    except BadSignatureError:
        return False


def rate(iterations, runs, work):
    work()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(iterations):
            work()
        samples.append(iterations / (time.perf_counter() - start))
    return statistics.median(samples)


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as file:
        # RFC 8785 numbers are IEEE-754 doubles, as in ECMAScript.
        unsigned = json.load(file, parse_int=float)
    key = SigningKey(bytes.fromhex(sys.argv[2]))
    method, created, iterations, runs = sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    signed = sign(key, unsigned, method, created)
    if not verify(signed, key.verify_key):
        sys.exit("the reference could not verify its own signature")
    message = bytes(range(64))
    raw_signature = key.sign(message).signature
    result = {
        "sign_per_s": rate(iterations, runs, lambda: sign(key, unsigned, method, created)),
        "verify_per_s": rate(iterations, runs, lambda: verify(signed, key.verify_key)),
        "ed25519_verify_per_s": rate(iterations, runs, lambda: key.verify_key.verify(message, raw_signature)),
        "proofValue": signed["proof"]["proofValue"],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
