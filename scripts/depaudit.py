"""The verdict on a pip-audit JSON report (``scripts/audit-deps``, issue 9).

A known vulnerability in an installed package fails. A package PyPI could not be asked about is
listed, not failed: on these machines PyPI answers no per-version query
(``/pypi/<name>/<version>/json`` gives 404), so every package is skipped and the audit says that
nothing could be checked rather than passing as if it had been."""

import json
import sys
from typing import Any


def verdict(report: dict[str, Any]) -> tuple[int, list[str]]:
    """(exit status, lines to print) for a pip-audit report."""
    dependencies = report["dependencies"]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = len(dependencies) - len(skipped)
    lines = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or []) or '–'})"
        for d in vulnerable
        for v in d["vulns"]
    ]
    if vulnerable:
        return 1, [f"Known vulnerabilities in {len(vulnerable)} of {audited} audited packages:", *lines]
    if not audited:
        reason = skipped[0]["skip_reason"] if skipped else "no packages"
        return 0, [
            f"NOT AUDITED: PyPI answered for none of the {len(skipped)} packages ({reason}). "
            "Run scripts/audit-deps where PyPI's per-version data can be reached."
        ]
    summary = f"{audited} packages audited, no known vulnerability"
    return 0, [f"{summary}; {len(skipped)} could not be:" if skipped else summary] + [
        f"  {d['skip_reason']}" for d in skipped
    ]


def main(path: str) -> int:
    with open(path, encoding="utf-8") as report:
        status, lines = verdict(json.load(report))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
