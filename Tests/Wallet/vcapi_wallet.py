#!/usr/bin/env python3
"""A test wallet for VCALM (VC-API) exchanges and the DCC Learner Credential Wallet request link.

Written from the specifications, not from Attest's code:
- VCALM "Interaction URLs" and "Exchanges": GET the interaction URL with Accept: application/json,
  follow `protocols.vcapi`, POST `{}`, answer the `verifiablePresentationRequest` (query type
  DIDAuthentication) with `{"verifiablePresentation": VP}` at `interact.service[0].serviceEndpoint`;
- the DCC request link (`https://lcw.app/request.html?issuer=…&auth_type=bearer&challenge=…&
  vc_request_url=…`): POST the DID-auth presentation, signed with `challenge`, to `vc_request_url`;
- Data Integrity EdDSA Cryptosuites v1.0, eddsa-rdfc-2022 (section 3.2): RDFC-1.0 canonical N-Quads
  of the proof configuration (with the document's @context) and of the document, each SHA-256,
  concatenated, signed with Ed25519; `proofValue` base58btc multibase;
- did:key (Ed25519, multicodec 0xed01, base58btc) and did:web resolution; Bitstring Status List v1.0.

Canonicalization is pyld's RDFC-1.0 (URDNA2015) with a document loader that reads only local
copies of the contexts (Sources/LinkedData/Contexts, the repository's copies of ../shared/vectors/
contexts); the network is never asked for a context. Keys are PyNaCl's.

  vcapi_wallet.py did --seed HEX
  vcapi_wallet.py exchange INTERACTION_URL --seed HEX --out credential.json [--replay] [--connect http://127.0.0.1:PORT]
  vcapi_wallet.py request LCW_LINK --seed HEX --out credential.json [--connect …]
  vcapi_wallet.py check credential.json --holder DID [--connect …]   prints VALID, REVOKED or SUSPENDED

Exit status: 0 done (check: VALID), 2 refused by the server (the problem on stderr), 4 check found
the credential revoked or suspended, 1 anything else (a credential that does not verify).
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import nacl.exceptions
import nacl.signing
from pyld import jsonld

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
HERE = os.path.dirname(os.path.abspath(__file__))
CONTEXTS = os.path.normpath(os.path.join(HERE, "..", "..", "Sources", "LinkedData", "Contexts"))
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/2018/credentials/v1": "credentials-v1.jsonld",
    "https://www.w3.org/ns/credentials/status/v1": "credentials-status-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2": "security-data-integrity-v2.jsonld",
    "https://w3id.org/security/multikey/v1": "security-multikey-v1.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1": "security-suites-ed25519-2020-v1.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-context-3.0.2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-context-3.0.1.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
}


class Refused(Exception):
    """The server answered 4xx with a problem."""

    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


def local_loader(url, options=None):
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise jsonld.JsonLdError(f"no local copy of the context {url}; the wallet never fetches contexts", "loading document failed")
    with open(os.path.join(CONTEXTS, name), encoding="utf-8") as handle:
        return {"contextUrl": None, "documentUrl": url, "document": json.load(handle)}


def canonical(document: dict) -> str:
    return jsonld.normalize(
        document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": local_loader, "safe": True})


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, remainder = divmod(number, 58)
        text = BASE58[remainder] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def base58btc_decode(text: str) -> bytes:
    number = 0
    for character in text:
        number = number * 58 + BASE58.index(character)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def did_key(verify_key: nacl.signing.VerifyKey) -> str:
    return "did:key:z" + base58btc_encode(b"\xed\x01" + bytes(verify_key))


def hash_data(document: dict, proof_options: dict) -> bytes:
    """eddsa-rdfc-2022: SHA-256(canonical proof configuration) || SHA-256(canonical document)."""
    configuration = dict(proof_options)
    configuration["@context"] = document["@context"]
    return hashlib.sha256(canonical(configuration).encode()).digest() + hashlib.sha256(canonical(document).encode()).digest()


def sign_presentation(key: nacl.signing.SigningKey, challenge: str, domain) -> dict:
    holder = did_key(key.verify_key)
    presentation = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "holder": holder}
    proof = {
        "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
        "verificationMethod": holder + "#" + holder[len("did:key:"):], "proofPurpose": "authentication", "challenge": challenge,
    }
    if domain is not None:
        proof["domain"] = domain
    signature = key.sign(hash_data(presentation, proof)).signature
    proof["proofValue"] = "z" + base58btc_encode(signature)
    presentation["proof"] = proof
    return presentation


class Transport:
    """HTTP; with --connect, URLs on the issuer's host go to that local address (https becomes http)."""

    def __init__(self, connect=None):
        self.connect = connect

    def url(self, url: str) -> str:
        if self.connect:
            target = urllib.parse.urlsplit(self.connect)
            parts = urllib.parse.urlsplit(url)
            if parts.netloc == target.netloc:
                return urllib.parse.urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
        return url

    def request(self, method, url, body=None, accept="application/json"):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": accept}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url(url), data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise Refused(error.code, error.read().decode(errors="replace")) from None


def signing_key(seed_hex: str) -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey(bytes.fromhex(seed_hex))


def run_exchange(arguments) -> int:
    transport = Transport(arguments.connect)
    key = signing_key(arguments.seed)
    url = arguments.url[len("interaction:"):] if arguments.url.startswith("interaction:") else arguments.url
    if len(url) >= 400 or "iuv=1" not in url:
        raise SystemExit(f"not an interaction URL: {url}")
    protocols = transport.request("GET", url)["protocols"]
    exchange = protocols["vcapi"]
    request = transport.request("POST", exchange, {})["verifiablePresentationRequest"]
    queries = request["query"] if isinstance(request["query"], list) else [request["query"]]
    if not any(query.get("type") == "DIDAuthentication" for query in queries):
        raise SystemExit(f"the exchange asks for no DID authentication: {queries}")
    endpoint = request.get("interact", {}).get("service", [{}])[0].get("serviceEndpoint", exchange)
    presentation = sign_presentation(key, request["challenge"], request["domain"])
    answer = transport.request("POST", endpoint, {"verifiablePresentation": presentation})
    credentials = answer["verifiablePresentation"]["verifiableCredential"]
    credential = credentials[0] if isinstance(credentials, list) else credentials
    write(arguments.out, credential)
    if arguments.replay:
        try:
            transport.request("POST", endpoint, {"verifiablePresentation": presentation})
        except Refused as refused:
            print(f"replay refused: {refused.status} {refused.body}")
        else:
            print("replay ACCEPTED", file=sys.stderr)
            return 1
    return 0


def run_request(arguments) -> int:
    transport = Transport(arguments.connect)
    key = signing_key(arguments.seed)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(arguments.link).query))
    if query.get("auth_type") != "bearer" or "vc_request_url" not in query or "issuer" not in query:
        raise SystemExit(f"not a DCC bearer request link: {arguments.link}")
    # As the Learner Credential Wallet does for auth_type=bearer: the challenge goes into the VP; no domain.
    presentation = sign_presentation(key, query["challenge"], None)
    answer = transport.request("POST", query["vc_request_url"], presentation)
    if "verifiablePresentation" in answer:
        answer = answer["verifiablePresentation"]["verifiableCredential"][0]
    write(arguments.out, answer)
    return 0


def resolve_key(transport: Transport, method_id: str) -> nacl.signing.VerifyKey:
    did = method_id.split("#")[0]
    if did.startswith("did:key:z"):
        document_key = base58btc_decode(did[len("did:key:z"):])
    elif did.startswith("did:web:"):
        host_and_path = [urllib.parse.unquote(part) for part in did[len("did:web:"):].split(":")]
        location = "https://" + "/".join(host_and_path) + ("/did.json" if len(host_and_path) > 1 else "/.well-known/did.json")
        document = transport.request("GET", location)
        methods = [method for method in document.get("verificationMethod", []) if method.get("id") == method_id]
        if len(methods) != 1 or method_id not in [m if isinstance(m, str) else m.get("id") for m in document.get("assertionMethod", [])]:
            raise SystemExit(f"{method_id} is not an assertion method of {did}")
        document_key = base58btc_decode(methods[0]["publicKeyMultibase"][1:])
    else:
        raise SystemExit(f"cannot resolve {did}")
    if document_key[:2] != b"\xed\x01" or len(document_key) != 34:
        raise SystemExit(f"{method_id} is not an Ed25519 Multikey")
    return nacl.signing.VerifyKey(document_key[2:])


def verify_proof(transport: Transport, document: dict) -> None:
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    for proof in proofs:
        if proof.get("cryptosuite") != "eddsa-rdfc-2022" or proof.get("proofPurpose") != "assertionMethod":
            raise SystemExit(f"unexpected proof {proof.get('type')} {proof.get('cryptosuite')} {proof.get('proofPurpose')}")
        options = {name: value for name, value in proof.items() if name != "proofValue"}
        signature = base58btc_decode(proof["proofValue"][1:])
        try:
            resolve_key(transport, proof["verificationMethod"]).verify(hash_data(unsecured, options), signature)
        except nacl.exceptions.BadSignatureError:
            raise SystemExit(f"the proof by {proof['verificationMethod']} does not verify") from None


def status_bit(transport: Transport, entry: dict) -> int:
    listing = transport.request("GET", entry["statusListCredential"])
    verify_proof(transport, listing)
    encoded = listing["credentialSubject"]["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


def run_check(arguments) -> int:
    transport = Transport(arguments.connect)
    with open(arguments.credential, encoding="utf-8") as handle:
        credential = json.load(handle)
    if credential["credentialSubject"].get("id") != arguments.holder:
        raise SystemExit(f"the credential is bound to {credential['credentialSubject'].get('id')}, not {arguments.holder}")
    verify_proof(transport, credential)
    entries = credential.get("credentialStatus", [])
    for entry in entries if isinstance(entries, list) else [entries]:
        if status_bit(transport, entry):
            print("REVOKED" if entry["statusPurpose"] == "revocation" else "SUSPENDED")
            return 4
    print("VALID")
    return 0


def write(path: str, credential: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(credential, handle, ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    did = commands.add_parser("did")
    did.add_argument("--seed", required=True)
    exchange = commands.add_parser("exchange")
    exchange.add_argument("url")
    exchange.add_argument("--seed", required=True)
    exchange.add_argument("--out", required=True)
    exchange.add_argument("--replay", action="store_true")
    exchange.add_argument("--connect")
    request = commands.add_parser("request")
    request.add_argument("link")
    request.add_argument("--seed", required=True)
    request.add_argument("--out", required=True)
    request.add_argument("--connect")
    check = commands.add_parser("check")
    check.add_argument("credential")
    check.add_argument("--holder", required=True)
    check.add_argument("--connect")
    arguments = parser.parse_args()
    try:
        if arguments.command == "did":
            print(did_key(signing_key(arguments.seed).verify_key))
            return 0
        return {"exchange": run_exchange, "request": run_request, "check": run_check}[arguments.command](arguments)
    except Refused as refused:
        print(refused.body, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
