#!/usr/bin/env python3
"""The import rules of ../shared/docs/ARCHITECTURE.md, checked from the source.

Reads every `import` line of every target's Swift files and the targets' dependencies as
Package.swift declares them (`swift package dump-package`), and fails (exit 1) when:

  1. a C module is imported outside its one wrapper target;
  2. GRDB is imported outside SQLiteStore, PostgresNIO outside PostgresStore, Hummingbird
     outside the layer-5 (HTTP) targets;
  3. attest-verify links (directly or through its dependencies) a server, a database or rendering;
  4. a target imports a target of its own layer or above (the layer table below);
  5. a target imports a module Package.swift does not declare as its dependency, or declares a
     dependency that none of its files imports ("Package.swift says the truth").

Rules 1-4 are about Sources/ (tests may import what they test); rule 5 holds for every target.
A known violation that another issue removes is listed in EXCEPTIONS with that issue's number;
an exception that no longer matches anything fails too, so the list only shrinks.

Usage: python3 scripts/check_imports.py [--package-json dump.json]   (run from anywhere)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The layer table of ARCHITECTURE.md ("Targets (Sources/)"). A target may import targets of lower
# layers only. A new target must be added here (and there) before it builds past this check.
LAYERS: dict[str, float] = {
    # 0 system: a module map and shim.h each
    "COpenSSL": 0, "CQRencode": 0, "CCairo": 0, "CRsvg": 0, "CQPDF": 0, "CCurl": 0, "CZlib": 0,
    # 1 leaves
    "Ed25519": 1, "CanonicalJSON": 1, "Zlib": 1, "ThreadPools": 1,
    # 1.5: LinkedData. ARCHITECTURE.md puts it in layer 2 beside VerifiableCredentials, which imports
    # it; it imports only CanonicalJSON, so it sits between the leaves and the standards that use it.
    "LinkedData": 1.5,
    # 2 standards
    "VerifiableCredentials": 2, "CertificateRendering": 2, "PDFEmbedding": 2,
    # 3 domain (and Pages: HTML escaping and templates for Delivery's emails and the HTTP targets' pages)
    "IssuerCore": 3, "Pages": 3,
    # 4 adapters
    "CertificateDocuments": 4, "SQLiteStore": 4, "PostgresStore": 4, "Delivery": 4,
    # 5 HTTP
    "IssuerServer": 5, "StaffConsole": 5, "WalletIssuance": 5,
    # 6 tools
    "attest": 6, "attest-verify": 6, "attest-bench": 6,
}

# Each C module and the one target allowed to import it.
WRAPPERS: dict[str, str] = {
    "COpenSSL": "Ed25519",
    "CQRencode": "CertificateRendering",
    "CCairo": "CertificateRendering",
    "CRsvg": "CertificateRendering",
    "CQPDF": "PDFEmbedding",
    "CCurl": "Delivery",
    "CZlib": "Zlib",
}

# Third-party modules (by name prefix) and the targets allowed to import them.
GUARDED_MODULES: dict[str, tuple[str, ...]] = {
    "GRDB": ("SQLiteStore",),
    "PostgresNIO": ("PostgresStore",),
    "Hummingbird": tuple(name for name, layer in LAYERS.items() if layer == 5),
}

# What attest-verify must never link, directly or through a dependency: servers, databases, rendering.
VERIFIER = "attest-verify"
VERIFIER_FORBIDDEN = (
    "IssuerServer", "StaffConsole", "WalletIssuance", "SQLiteStore", "PostgresStore", "GRDB", "PostgresNIO",
    "Hummingbird", "CertificateRendering", "CertificateDocuments", "CCairo", "CRsvg", "CQRencode",
)

# Modules of the toolchain and the operating system: never declared in Package.swift.
SYSTEM_MODULES = {
    "Swift", "_Concurrency", "Foundation", "FoundationEssentials", "FoundationInternationalization",
    "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin", "Android", "WinSDK",
    "Synchronization", "Observation", "RegexBuilder", "Testing", "XCTest", "os",
}


@dataclass(frozen=True)
class Exception_:
    """A known violation, allowed until the named issue removes it."""

    rule: str  # "undeclared", "unused", "layer", "c-module", "guarded", "verifier"
    target: str
    module: str
    issue: int
    why: str


EXCEPTIONS: list[Exception_] = []

IMPORT_LINE = re.compile(
    r"^\s*(?:@[A-Za-z_]\w*(?:\([^)]*\))?\s+)*"  # attributes: @testable, @preconcurrency, @_exported...
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"  # access-level import
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func|actor)\s+)?"  # scoped import
    r"([A-Za-z_]\w*)"
)


def module_name(target: str) -> str:
    """The Swift module name of a target: `attest-verify` is imported as `attest_verify`."""
    return target.replace("-", "_")


def swift_imports(folder: Path) -> dict[str, list[str]]:
    """Every module imported by the Swift files under `folder`, with the files (relative paths) that import it."""
    imports: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.swift")):
        in_multiline_string = False
        in_block_comment = False
        for line in path.read_text(encoding="utf-8").splitlines():
            # Python or shell text inside a Swift multi-line string literal is not an import.
            if line.count('"""') % 2 == 1:
                in_multiline_string = not in_multiline_string
                continue
            if in_multiline_string:
                continue
            stripped = line.strip()
            if in_block_comment:
                in_block_comment = "*/" not in stripped
                continue
            if stripped.startswith("/*"):
                in_block_comment = "*/" not in stripped
                continue
            match = IMPORT_LINE.match(line)
            if match:
                imports.setdefault(match.group(1), []).append(str(path.relative_to(ROOT)))
    return imports


def load_package(package_json: str | None) -> dict:
    if package_json:
        return json.loads(Path(package_json).read_text(encoding="utf-8"))
    result = subprocess.run(
        ["swift", "package", "--package-path", str(ROOT), "dump-package"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"check_imports: swift package dump-package failed:\n{result.stderr}")
    return json.loads(result.stdout)


def declared_dependencies(target: dict) -> set[str]:
    """The module names a target depends on: its targets, and the products it names (a product's name is its module's)."""
    names = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(module_name(dependency[kind][0]))
    return names


def target_folder(target: dict) -> Path:
    if target.get("path"):
        return ROOT / target["path"]
    return ROOT / ("Tests" if target["type"] == "test" else "Sources") / target["name"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-json", help="the output of `swift package dump-package`, instead of running it")
    arguments = parser.parse_args()
    package = load_package(arguments.package_json)

    targets = {target["name"]: target for target in package["targets"]}
    by_module = {module_name(name): name for name in targets}
    violations: list[tuple[str, str, str, str]] = []  # (rule, target, module, message)

    def violation(rule: str, target: str, module: str, message: str) -> None:
        violations.append((rule, target, module, message))

    for name, target in targets.items():
        if target["type"] == "system":
            if name not in WRAPPERS:
                violation("c-module", name, name, f"C module {name} has no wrapper in scripts/check_imports.py WRAPPERS")
            continue
        in_sources = target_folder(target).is_relative_to(ROOT / "Sources")
        if in_sources and name not in LAYERS:
            violation("layer", name, name, f"{name} is not in the layer table (ARCHITECTURE.md and LAYERS in this script)")
        imports = swift_imports(target_folder(target))
        declared = declared_dependencies(target)
        where = lambda module: ", ".join(imports[module][:3]) + (" ..." if len(imports[module]) > 3 else "")

        # 5. Package.swift says the truth.
        for module in sorted(imports):
            if module in SYSTEM_MODULES or module == module_name(name):
                continue
            if module not in declared:
                violation("undeclared", name, module, f"{name} imports {module} ({where(module)}) without declaring it in Package.swift")
        for module in sorted(declared - imports.keys()):
            violation("unused", name, module, f"{name} declares the dependency {module} in Package.swift, but no file imports it")

        if not in_sources:
            continue
        for module in sorted(imports):
            importer_layer = LAYERS.get(name)
            # 1. A C module only in its wrapper.
            if module in WRAPPERS and WRAPPERS[module] != name:
                violation("c-module", name, module, f"{name} imports the C module {module} ({where(module)}); only {WRAPPERS[module]} may")
            # 2. GRDB, PostgresNIO, Hummingbird only where they belong.
            for prefix, allowed in GUARDED_MODULES.items():
                if module.startswith(prefix) and name not in allowed:
                    violation("guarded", name, module, f"{name} imports {module} ({where(module)}); only {', '.join(allowed)} may")
            # 4. Dependencies point down.
            imported_target = by_module.get(module)
            if imported_target in LAYERS and importer_layer is not None and LAYERS[imported_target] >= importer_layer:
                violation(
                    "layer", name, module,
                    f"{name} (layer {importer_layer}) imports {imported_target} (layer {LAYERS[imported_target]}): "
                    f"only lower layers may be imported ({where(module)})",
                )

    # 3. attest-verify links no server, database or rendering, however indirectly.
    linked, pending = set(), [VERIFIER] if VERIFIER in targets else []
    while pending:
        current = pending.pop()
        for dependency in declared_dependencies(targets[current]) if current in targets else ():
            if dependency not in linked:
                linked.add(dependency)
                if by_module.get(dependency) in targets:
                    pending.append(by_module[dependency])
    for module in sorted(linked):
        if any(module.startswith(forbidden) for forbidden in VERIFIER_FORBIDDEN):
            violation("verifier", VERIFIER, module, f"{VERIFIER} links {module}: the verifier links no server, database or rendering")

    used_exceptions = set()
    failures = []
    for rule, target, module, message in violations:
        allowed = next((e for e in EXCEPTIONS if (e.rule, e.target, e.module) == (rule, target, module)), None)
        if allowed:
            used_exceptions.add(allowed)
        else:
            failures.append(message)
    for stale in sorted(set(EXCEPTIONS) - used_exceptions, key=lambda e: (e.target, e.module)):
        failures.append(
            f"the exception ({stale.rule}, {stale.target}, {stale.module}) for issue #{stale.issue} no longer matches anything: "
            "delete it from EXCEPTIONS in scripts/check_imports.py"
        )

    for message in failures:
        print(f"check_imports: {message}", file=sys.stderr)
    for allowed in sorted(used_exceptions, key=lambda e: (e.target, e.module)):
        print(f"check_imports: allowed until issue #{allowed.issue}: {allowed.rule} {allowed.target} -> {allowed.module} ({allowed.why})")
    if failures:
        print(f"check_imports: {len(failures)} import rule(s) broken; see ../shared/docs/ARCHITECTURE.md", file=sys.stderr)
        return 1
    print(f"check_imports: the import rules hold for {len(targets)} targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
