#!/usr/bin/env python3
"""A test wallet for OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.

Written from the specification (openid-4-verifiable-credential-issuance-1_0, sections 4, 6, 7, 8,
9, 12 and appendix F), not from Attest's code: it opens an `openid-credential-offer://` URL, reads
the offer, the Credential Issuer Metadata and the Authorization Server Metadata, exchanges the
pre-authorized code and the transaction code at the token endpoint, asks the nonce endpoint for a
c_nonce, signs an `openid4vci-proof+jwt` key proof (EdDSA) with a did:key holder key, and asks the
credential endpoint for the credential; a 202 answer is kept and retried at the deferred endpoint.

Keys: PyNaCl makes the Ed25519 holder key and its did:key (multicodec ed25519-pub 0xed01,
base58btc); PyJWT with `cryptography` signs the JWT. Every credential received is verified before
it is kept: bound to the wallet's DID, and its eddsa-rdfc-2022 proof checked by the VC-API test
wallet's own verifier (vcapi_wallet.verify_proof: pyld RDFC-1.0 with local contexts, PyNaCl,
did:key / did:web resolution), so a credential whose proof does not verify fails with status 1.

  oid4vci_wallet.py receive OFFER_URL --tx-code CODE --seed HEX --connect http://127.0.0.1:PORT \
      --out credential.json [--state deferred.json]
  oid4vci_wallet.py deferred --state deferred.json --connect http://127.0.0.1:PORT --out credential.json
  oid4vci_wallet.py did --seed HEX

--connect sends every request meant for the Credential Issuer Identifier's origin to a local
address instead (the test issuer's identifier is https://certs.example.org; it listens on
127.0.0.1). Exit status: 0 credential received, 3 deferred (state written), 2 refused (the
OAuth error object on stderr), 1 anything else.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import jwt  # PyJWT
import nacl.signing
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import vcapi_wallet  # the sibling VC-API wallet: its independent eddsa-rdfc-2022 verifier

PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


class Refused(Exception):
    """The server answered with an OAuth error object."""

    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


def did_key(seed: bytes) -> str:
    return vcapi_wallet.did_key(nacl.signing.SigningKey(seed).verify_key)


class Transport:
    """HTTP to the issuer; URLs on the issuer identifier's origin go to --connect instead."""

    def __init__(self, issuer_origin: str | None, connect: str | None):
        self.issuer_origin = issuer_origin
        self.connect = connect

    def url(self, url: str) -> str:
        if self.connect and self.issuer_origin and url.startswith(self.issuer_origin):
            return self.connect + url[len(self.issuer_origin):]
        return url

    def request(self, method, url, body=None, headers=None):
        request = urllib.request.Request(self.url(url), data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def json(self, method, url, body=None, headers=None, accept=(200,)):
        status, response_headers, data = self.request(method, url, body, headers)
        if status not in accept:
            raise Refused(status, data.decode("utf-8", "replace"))
        content_type = response_headers.get("Content-Type", "")
        if not content_type.startswith("application/json"):
            raise RuntimeError(f"{url}: expected application/json, got {content_type}")
        return status, json.loads(data)


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def metadata(transport: Transport, issuer: str):
    """Credential Issuer Metadata (section 12.2.2) and the Authorization Server Metadata (RFC 8414)."""
    parts = urllib.parse.urlsplit(issuer)
    well_known = f"{parts.scheme}://{parts.netloc}/.well-known/openid-credential-issuer{parts.path.rstrip('/')}"
    _, issuer_metadata = transport.json("GET", well_known, headers={"Accept": "application/json"})
    if issuer_metadata.get("credential_issuer") != issuer:
        raise RuntimeError("credential_issuer in the metadata is not the issuer the offer names")
    servers = issuer_metadata.get("authorization_servers") or [issuer]
    server = servers[0]
    server_parts = urllib.parse.urlsplit(server)
    as_url = f"{server_parts.scheme}://{server_parts.netloc}/.well-known/oauth-authorization-server{server_parts.path.rstrip('/')}"
    _, server_metadata = transport.json("GET", as_url)
    if server_metadata.get("issuer") != server:
        raise RuntimeError("the authorization server metadata names another issuer")
    if PRE_AUTHORIZED not in server_metadata.get("grant_types_supported", []):
        raise RuntimeError("the authorization server does not support the pre-authorized code grant")
    return issuer_metadata, server_metadata


def key_proof(seed: bytes, audience: str, nonce: str) -> str:
    """An openid4vci-proof+jwt (appendix F.1): typ, alg EdDSA, kid a did:key DID URL; aud, iat, nonce."""
    holder = did_key(seed)
    kid = holder + "#" + holder[len("did:key:"):]
    key = Ed25519PrivateKey.from_private_bytes(seed)
    claims = {"aud": audience, "iat": int(time.time()), "nonce": nonce}
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"typ": "openid4vci-proof+jwt", "kid": kid})


class ProofTransport(vcapi_wallet.Transport):
    """What verify_proof fetches (the issuer's did:web document) on the issuer's host goes to --connect,
    or to the issuer's own origin when it is a local http one (did:web always names https)."""

    def __init__(self, issuer: str, connect: str | None):
        super().__init__(connect or origin(issuer))
        self.issuer_netloc = urllib.parse.urlsplit(issuer).netloc

    def url(self, url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        if parts.netloc == self.issuer_netloc:
            target = urllib.parse.urlsplit(self.connect)
            return urllib.parse.urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
        return super().url(url)


def check_credential(credential, holder: str, issuer: str, connect: str | None):
    """Bound to the wallet's DID and its proof verifies (independently of the issuer's code); else exit 1."""
    if not isinstance(credential, dict):
        raise RuntimeError("an ldp_vc credential must be a JSON object (appendix A.1.2.4)")
    subject = credential.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("id") != holder:
        raise RuntimeError(f"the credential is not bound to the wallet's DID {holder}")
    if "proof" not in credential:
        raise RuntimeError("the credential has no proof")
    vcapi_wallet.verify_proof(ProofTransport(issuer, connect), credential)


def receive(arguments) -> int:
    seed = bytes.fromhex(arguments.seed)
    holder = did_key(seed)
    offer_url = urllib.parse.urlsplit(arguments.offer)
    if offer_url.scheme != "openid-credential-offer":
        raise RuntimeError("not an openid-credential-offer:// URL")
    query = urllib.parse.parse_qs(offer_url.query, strict_parsing=True)
    if "credential_offer" in query:
        offer = json.loads(query["credential_offer"][0])
        transport = Transport(origin(offer["credential_issuer"]), arguments.connect)
    else:
        offer_uri = query["credential_offer_uri"][0]
        transport = Transport(origin(offer_uri), arguments.connect)
        _, offer = transport.json("GET", offer_uri)
    issuer = offer["credential_issuer"]
    transport.issuer_origin = origin(issuer)
    issuer_metadata, server_metadata = metadata(transport, issuer)
    configuration_id = offer["credential_configuration_ids"][0]
    configuration = issuer_metadata["credential_configurations_supported"][configuration_id]
    if configuration.get("format") != "ldp_vc" or "did:key" not in configuration.get("cryptographic_binding_methods_supported", []):
        raise RuntimeError("the offered configuration is not an ldp_vc bound to a did:key")
    if "EdDSA" not in configuration["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"]:
        raise RuntimeError("the issuer does not take EdDSA jwt key proofs")

    grant = offer["grants"][PRE_AUTHORIZED]
    form = {"grant_type": PRE_AUTHORIZED, "pre-authorized_code": grant["pre-authorized_code"]}
    if "tx_code" in grant:
        if arguments.tx_code is None:
            raise RuntimeError("the offer asks for a transaction code")
        form["tx_code"] = arguments.tx_code
    _, token = transport.json(
        "POST", server_metadata["token_endpoint"], urllib.parse.urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    if token.get("token_type", "").lower() != "bearer":
        raise RuntimeError("not a bearer token")
    access_token = token["access_token"]

    _, nonce = transport.json("POST", issuer_metadata["nonce_endpoint"], b"")
    proof = key_proof(seed, issuer, nonce["c_nonce"])
    request = {"credential_configuration_id": configuration_id, "proofs": {"jwt": [proof]}}
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {access_token}"}
    status, response = transport.json(
        "POST", issuer_metadata["credential_endpoint"], json.dumps(request).encode(), headers, accept=(200, 202))
    if status == 202:
        state = {
            "issuer": issuer, "deferred_credential_endpoint": issuer_metadata["deferred_credential_endpoint"],
            "access_token": access_token, "transaction_id": response["transaction_id"], "interval": response["interval"],
            "holder": holder,
        }
        with open(arguments.state, "w") as file:
            json.dump(state, file)
        print(f"deferred: transaction_id kept, retry after {response['interval']} s")
        return 3
    credential = response["credentials"][0]["credential"]
    check_credential(credential, holder, issuer, arguments.connect)
    with open(arguments.out, "w") as file:
        json.dump(credential, file)
    print(f"received: {credential.get('id')} bound to {holder}, proof verified")
    return 0


def deferred(arguments) -> int:
    with open(arguments.state) as file:
        state = json.load(file)
    transport = Transport(origin(state["issuer"]), arguments.connect)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {state['access_token']}"}
    status, response = transport.json(
        "POST", state["deferred_credential_endpoint"], json.dumps({"transaction_id": state["transaction_id"]}).encode(), headers,
        accept=(200, 202))
    if status == 202:
        if response.get("transaction_id") != state["transaction_id"]:
            raise RuntimeError("the deferred answer changed the transaction_id")
        print("pending")
        return 3
    credential = response["credentials"][0]["credential"]
    check_credential(credential, state["holder"], state["issuer"], arguments.connect)
    with open(arguments.out, "w") as file:
        json.dump(credential, file)
    print(f"received: {credential.get('id')} bound to {state['holder']}, proof verified")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    receive_parser = commands.add_parser("receive")
    receive_parser.add_argument("offer")
    receive_parser.add_argument("--tx-code")
    receive_parser.add_argument("--seed", required=True)
    receive_parser.add_argument("--connect")
    receive_parser.add_argument("--out", required=True)
    receive_parser.add_argument("--state", default="deferred.json")
    deferred_parser = commands.add_parser("deferred")
    deferred_parser.add_argument("--state", required=True)
    deferred_parser.add_argument("--connect")
    deferred_parser.add_argument("--out", required=True)
    did_parser = commands.add_parser("did")
    did_parser.add_argument("--seed", required=True)
    arguments = parser.parse_args()
    try:
        if arguments.command == "did":
            print(did_key(bytes.fromhex(arguments.seed)))
            return 0
        return receive(arguments) if arguments.command == "receive" else deferred(arguments)
    except Refused as refused:
        print(refused.body, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
