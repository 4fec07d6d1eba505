#!/usr/bin/env python3
"""An independent eddsa-jcs-2022 implementation, for cross-checking Attest's vectors.

Built only on Python libraries (rfc8785 for JCS, cryptography for Ed25519, base58), none of which
shares code with Attest. Usage:

    eddsa_jcs_2022.py verify SIGNED.json            # exit 0 when every proof verifies
    eddsa_jcs_2022.py sign KEY.pem UNSIGNED.json VERIFICATION_METHOD CREATED
"""
import copy
import hashlib
import json
import sys

import base58
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key


def load(file):
    # RFC 8785 numbers are IEEE-754 doubles, as in ECMAScript; Python would keep large integers exact.
    return json.load(file, parse_int=float)


def hash_data(document, proof_config):
    return hashlib.sha256(rfc8785.dumps(proof_config)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()


def public_key_of(verification_method):
    did, _, fragment = verification_method.partition("#")
    if not did.startswith("did:key:z"):
        raise SystemExit(f"only did:key methods are supported here, not {verification_method}")
    raw = base58.b58decode(did[len("did:key:z"):])
    if raw[:2] != b"\xed\x01" or len(raw) != 34:
        raise SystemExit("not an Ed25519 multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def verify(secured):
    document = copy.deepcopy(secured)
    proofs = document.pop("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    for proof in proofs:
        options = dict(proof)
        signature = base58.b58decode(options.pop("proofValue")[1:])
        unsecured = dict(document)
        if "@context" in options:
            if secured["@context"][: len(options["@context"])] != options["@context"]:
                return False
            unsecured["@context"] = options["@context"]
        try:
            public_key_of(options["verificationMethod"]).verify(signature, hash_data(unsecured, options))
        except Exception:
            return False
    return True


def sign(key_pem, unsigned, verification_method, created):
    key = load_pem_private_key(key_pem, password=None)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
        "@context": unsigned["@context"],
    }
    proof["proofValue"] = "z" + base58.b58encode(key.sign(hash_data(unsigned, proof))).decode()
    return dict(unsigned, proof=proof)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "verify":
        with open(sys.argv[2], "rb") as file:
            ok = verify(load(file))
        print("verified" if ok else "NOT verified")
        sys.exit(0 if ok else 1)
    if len(sys.argv) == 6 and sys.argv[1] == "sign":
        with open(sys.argv[2], "rb") as key_file, open(sys.argv[3], "rb") as document_file:
            signed = sign(key_file.read(), load(document_file), sys.argv[4], sys.argv[5])
        sys.stdout.write(json.dumps(signed, ensure_ascii=False, indent=2) + "\n")
        sys.exit(0)
    sys.exit(__doc__)
