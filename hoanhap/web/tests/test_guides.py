"""The Vietnamese user guides (docs/huong-dan): one for every role, and every picture they show is
one a browser test takes (e2e/conftest.save_shot writes it there), so the pictures follow the UI."""

import re

from django.utils import translation

from e2e.conftest import GUIDES, guide_pictures
from hoanhap.lib.roles import Role

ROOT = GUIDES.parents[1]
LINK = re.compile(r"\]\(([\w-]+\.md)(#[^)]*)?\)")
SHOT_NAME = re.compile(r'"(\d\d-[\w-]+)"')  # the browser tests name their pictures "NN-what"


def _guides() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(GUIDES.glob("*.md"))}


def _pictures_taken_by_browser_tests() -> set[str]:
    return {name for path in (ROOT / "e2e").glob("*.py") for name in SHOT_NAME.findall(path.read_text())}


def test_every_role_has_a_guide_in_the_index():
    index = _guides()["README.md"]
    with translation.override("vi"):
        missing = [str(role.label) for role in Role if str(role.label) not in index]
    assert missing == []


def test_every_guide_is_in_the_index_and_every_link_resolves():
    guides = _guides()
    linked = set(LINK.findall(guides["README.md"]))
    assert {name for name, _anchor in linked} == set(guides) - {"README.md"}
    for text in guides.values():
        for name, _anchor in LINK.findall(text):
            assert name in guides


def test_every_picture_is_taken_by_a_browser_test_and_is_in_the_repository():
    shown = guide_pictures()
    assert len(shown) > 20
    assert shown - _pictures_taken_by_browser_tests() == set()
    stored = {path.stem for path in (GUIDES / "anh").glob("*.jpg")}
    assert (shown - stored, stored - shown) == (set(), set())
