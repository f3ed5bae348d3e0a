"""The example nginx site in deploy/ is the one docs/deploy.md installs: Debian's nginx must accept
it as shipped (only the certificate, log and include paths are pointed into a scratch directory).
Skipped where nginx is not installed (CI=true installs it)."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = Path(settings.BASE_DIR) / "deploy" / "nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")


def _self_signed(directory: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hoanhap.example.gov.vn")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (directory / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def test_debian_nginx_accepts_the_site_as_shipped(tmp_path):
    _self_signed(tmp_path)
    site = (SITE / "hoanhap.conf").read_text()
    for installed, scratch in [
        ("/etc/ssl/hoanhap/", f"{tmp_path}/"),
        ("/etc/nginx/hoanhap-proxy.conf", str(SITE / "hoanhap-proxy.conf")),
        ("/var/log/nginx/", f"{tmp_path}/"),
    ]:
        assert installed in site
        site = site.replace(installed, scratch)
    (tmp_path / "site.conf").write_text(site)
    # What Debian's /etc/nginx/nginx.conf does around sites-enabled, reduced to the essentials.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    checked = subprocess.run(  # noqa: S603 - Debian's nginx on our own files
        [NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
