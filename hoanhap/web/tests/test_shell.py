import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse


def test_home_shows_navigation_by_role(login, officer_a, auditor):
    officer_page = login(officer_a).get(reverse("web:home")).content.decode()
    assert reverse("people:search") in officer_page and reverse("audit:list") not in officer_page
    auditor_page = login(auditor).get(reverse("web:home")).content.decode()
    assert reverse("audit:list") in auditor_page and reverse("people:search") not in auditor_page


def test_interface_is_vietnamese_first_and_switches_to_english(login, officer_a):
    client = login(officer_a)
    assert "Trang chủ" in client.get(reverse("web:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("web:home")).content.decode()
    assert 'lang="en"' in page and "Home" in page


def test_demo_banner_says_the_data_is_synthetic(client, settings):
    settings.DEMO_MODE = True
    assert "dữ liệu giả" in client.get(reverse("accounts:login")).content.decode()


def test_friendly_vietnamese_404(login, officer_a):
    response = login(officer_a).get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy" in response.content.decode()


def test_csrf_failure_is_a_vietnamese_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403 and "biểu mẫu" in response.content.decode()


def test_security_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_htmx_is_vendored_not_loaded_from_a_cdn(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "/static/hoanhap/htmx-2.0.10.min.js" in page and "https://" not in page


@pytest.mark.django_db
def test_no_model_changes_lack_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client, db):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page


def test_names_read_in_vietnamese_order(officer_a):
    officer_a.first_name, officer_a.last_name = "An", "Nguyễn Văn"
    assert officer_a.get_full_name() == "Nguyễn Văn An"


def test_english_catalogue_is_complete():
    import polib
    from django.conf import settings

    catalogue = polib.pofile(str(settings.BASE_DIR / "hoanhap/locale/en/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == []


def test_deploy_check_is_clean_for_the_production_settings(tmp_path):
    """`manage.py check --deploy` as docs/deploy.md runs it: `.env.example` copied, its secrets
    filled in, read by the shell (``set -a; . file``, as systemd's EnvironmentFile reads it too):
    no warning."""
    key = Fernet.generate_key().decode()
    filled = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": key,
        "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "AUDIT_KEYS": secrets.token_urlsafe(32),
        "BACKUP_KEY": key,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    lines = (Path(settings.BASE_DIR) / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        name = line.split("=", 1)[0]
        if name in filled:
            lines[number] = f"{name}={filled.pop(name)}"
    assert filled == {}  # every secret has its line in the example
    (tmp_path / "hoanhap.env").write_text("\n".join(lines) + "\n")
    # A clean environment: what the test process set for itself (DJANGO_ALLOW_ASYNC_UNSAFE for the
    # browser tests, DEBUG...) is not what a production server has.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHON": sys.executable}
    result = subprocess.run(  # noqa: S603 - our own command
        [
            "/bin/bash",
            "-c",
            'set -a && . ./hoanhap.env && set +a && cd "$0" && "$PYTHON" manage.py check '
            "--deploy --fail-level WARNING",
            str(settings.BASE_DIR),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_with_the_production_storage(tmp_path, monkeypatch):
    """docs/deploy.md runs collectstatic with WhiteNoise's compressed manifest storage, which stops
    on any file a vendored script or stylesheet names that we do not ship (a source map, say)."""
    # Brotli at its highest quality took 55 of this test's 60 seconds (the 9.6 MB of the API docs'
    # scripts, compressed twice) and checks nothing the manifest and the gzip files do not.
    monkeypatch.setattr("whitenoise.compress.brotli_installed", False)
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "hoanhap/htmx-2.0.10.min.js" in manifest["paths"]
    assert (tmp_path / manifest["paths"]["hoanhap/app.css"]).with_suffix(".css.gz").exists()
