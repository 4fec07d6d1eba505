"""Schemathesis hooks for scripts/schemathesis.sh: `application/vc` (a credential, or a signed status
list) is JSON, so its responses are checked against the spec's schema rather than skipped."""
import json

import schemathesis


@schemathesis.deserializer("application/vc")
def deserialize_credential(ctx, response):
    return json.loads(response.content)
