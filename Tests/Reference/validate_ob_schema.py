"""Validates Open Badges 3.0 credentials against 1EdTech's AchievementCredential JSON Schema.

Independent of Attest's code: Python `jsonschema` (draft 2019-09) and the schema file 1EdTech
publishes (../shared/vectors/1edtech-openbadges-v3p0/achievementcredential.schema.json).

    python3 validate_ob_schema.py SCHEMA CREDENTIAL.json...

Prints one line per credential ("ok PATH" or "invalid PATH: message at path") and exits 1 when
any credential is invalid, 2 when the arguments or files are unusable.
"""

import json
import sys

import jsonschema


def main(arguments):
    if len(arguments) < 2:
        print("usage: validate_ob_schema.py SCHEMA CREDENTIAL.json...", file=sys.stderr)
        return 2
    with open(arguments[0], encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft201909Validator.check_schema(schema)
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    failed = False
    for path in arguments[1:]:
        with open(path, encoding="utf-8") as handle:
            credential = json.load(handle)
        errors = sorted(validator.iter_errors(credential), key=lambda error: list(error.absolute_path))
        if errors:
            failed = True
            for error in errors:
                where = "/".join(str(part) for part in error.absolute_path) or "/"
                print(f"invalid {path}: {error.message} at {where}")
        else:
            print(f"ok {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
