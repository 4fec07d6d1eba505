"""Schemathesis hooks for scripts/schemathesis.sh.

- `application/vc` (a credential, or a signed status list) is JSON, so its responses are checked
  against the spec's schema rather than skipped.
- `role_is_enforced`: every operation names its roles in `x-roles` (`[public]` for no key). When the
  run's key has a role (ATTEST_SCHEMATHESIS_ROLE) the operation does not list, the answer must be
  403, never a success; when it lists the role, the answer must not be 401 or 403. `[metrics-token]`
  (/metrics) never answers an API key with a success.
"""
import json
import os

import schemathesis


@schemathesis.deserializer("application/vc")
def deserialize_credential(ctx, response):
    return json.loads(response.content)


@schemathesis.check
def role_is_enforced(ctx, response, case):
    role = os.environ.get("ATTEST_SCHEMATHESIS_ROLE")
    token = os.environ.get("ATTEST_SCHEMATHESIS_TOKEN")
    if not role or not token:
        return None
    roles = case.operation.definition.raw.get("x-roles")
    if roles is None:
        raise AssertionError(f"{case.operation.label} has no x-roles in the spec")
    if roles == ["public"]:
        return None
    # The unsupported-methods phase sends methods the path does not route (TRACE): the router's 404/405.
    if case.method.upper() != case.operation.method.upper():
        return None
    # Judge only requests that carried the run's key (a generated Authorization header is another test).
    sent = response.request.headers.get("Authorization") or response.request.headers.get("authorization")
    if sent != f"Bearer {token}":
        return None
    status = response.status_code
    if roles == ["metrics-token"]:
        if status < 400:
            raise AssertionError(f"/metrics takes only the metrics token, but a {role} API key got {status}")
        return None
    if roles == ["wallet-access-token"]:
        # OpenID4VCI's credential endpoints take only the access token /token issued (RFC 6750: 401).
        if status != 401:
            raise AssertionError(f"{case.operation.label} takes only an OpenID4VCI access token, but a {role} API key got {status}")
        return None
    if role in roles and status in (401, 403):
        raise AssertionError(f"x-roles {roles} lets a {role} key call this, but the server answered {status}")
    if role not in roles and status != 403:
        raise AssertionError(f"x-roles {roles} does not list {role}: expected 403, got {status}")
    return None
