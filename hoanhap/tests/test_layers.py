"""The layers of the house (pyproject's [tool.importlinter] contract): an app imports only apps below
it, apps on one line import none of each other, so no two apps import each other (issue 28)."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return config["contracts"][0]


def _lint(config: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(  # noqa: S603 - the linter installed beside our interpreter
        [str(lint), "--no-cache", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(Path(sys.executable).parent)},
    )


def test_every_app_imports_only_the_apps_below_it():
    result = _lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_app_is_in_a_layer():
    """A new app cannot escape the contract by not being named in it."""
    named = {app.strip() for layer in _contract()["layers"] for app in layer.split("|")}
    apps = {f"hoanhap.{p.parent.name}" for p in (ROOT / "hoanhap").glob("*/apps.py")}
    assert apps - named == set()


def test_the_check_fails_on_an_upward_import(tmp_path):
    """The same contract with cases and people swapped breaks: cases imports people, which would then
    sit above it. Proves the check can fail, and names the arrow."""
    text = (ROOT / "pyproject.toml").read_text()
    swapped = text.replace('"hoanhap.cases",', '"PLACEHOLDER",').replace(
        '"hoanhap.people",', '"hoanhap.cases",'
    )
    swapped = swapped.replace('"PLACEHOLDER",', '"hoanhap.people",')
    assert swapped != text
    config = tmp_path / "pyproject.toml"
    config.write_text(swapped)
    result = _lint(config)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "hoanhap.cases is not allowed to import hoanhap.people" in result.stdout
