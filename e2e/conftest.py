"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import io
import os
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from conftest import PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there
# are ordinary synchronous calls, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
# The Vietnamese user guides show the pictures the browser tests take, so they follow the UI.
GUIDES = Path(__file__).parent.parent / "docs" / "huong-dan"
GUIDE_PICTURE = re.compile(r"\(anh/([\w-]+)\.jpg\)")


@cache
def guide_pictures() -> frozenset[str]:
    """The names of the pictures the guides show (``![...](anh/<name>.jpg)``)."""
    return frozenset(
        name for guide in GUIDES.glob("*.md") for name in GUIDE_PICTURE.findall(guide.read_text())
    )


def save_shot(page, name: str) -> Path:
    """A full-page picture in e2e/screenshots (for review, not kept); a picture a guide shows is
    also written, as a JPEG, into docs/huong-dan/anh, so each run of the browser tests renews it."""
    return save_picture(page.screenshot(full_page=True), name)


def save_picture(png: bytes, name: str) -> Path:
    """``png`` (a screenshot, or a page of a document the app issued) kept as ``save_shot`` keeps it."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(png)
    if name in guide_pictures():
        (GUIDES / "anh").mkdir(exist_ok=True)
        picture = Image.open(io.BytesIO(png)).convert("RGB")
        picture.save(GUIDES / "anh" / f"{name}.jpg", quality=70, optimize=True)
    return path


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is not installed: run scripts/test with E2E=1 as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="vi-VN")  # a tablet
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shot(page):
    return lambda name: save_shot(page, name)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """The browser loads the panels of a person's page in parallel, each auditing its read. An
    in-memory SQLite test database locks whole tables between threads (SQLITE_LOCKED, never
    retried); a file database in WAL mode waits for the lock as the deployed app does."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e") / "test.sqlite3")


def sign_in(page, live_server, user) -> None:
    """Through the log-in form and the second factor, with a confirmed device made for the user."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.fill(
        "#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    )
    with page.expect_navigation():
        page.click("form button.primary")
