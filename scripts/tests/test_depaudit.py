"""The dependency audit fails on a known vulnerability and never passes silently for packages it
could not check."""

from scripts.depaudit import verdict

SKIPPED = {
    "name": "anyio",
    "skip_reason": "Dependency not found on PyPI and could not be audited: anyio (4.16.0)",
}
CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "pillow",
    "version": "10.0.0",
    "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["10.0.1"], "aliases": [], "description": "..."}],
}


def test_a_known_vulnerability_fails_and_is_named():
    status, lines = verdict({"dependencies": [CLEAN, VULNERABLE, SKIPPED], "fixes": []})
    assert status == 1
    assert lines[0].startswith("Known vulnerabilities in 1 of 2 audited packages")
    assert "pillow 10.0.0: GHSA-xxxx (fixed in 10.0.1)" in lines


def test_nothing_audited_is_said_plainly():
    status, lines = verdict({"dependencies": [SKIPPED, {**SKIPPED, "name": "wsproto"}], "fixes": []})
    assert status == 0
    assert lines[0].startswith("NOT AUDITED: PyPI answered for none of the 2 packages")


def test_a_clean_audit_lists_what_it_could_not_check():
    status, lines = verdict({"dependencies": [CLEAN, SKIPPED], "fixes": []})
    assert status == 0
    assert lines == [
        "1 packages audited, no known vulnerability; 1 could not be:",
        f"  {SKIPPED['skip_reason']}",
    ]
