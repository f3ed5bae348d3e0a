"""The web server stops gracefully (issue 9): on SIGTERM, what systemd sends on stop or restart
(deploy/systemd/hoanhap-web.service), gunicorn with the deployment's settings
(deploy/gunicorn.conf.py) takes no new connection and lets the request in flight finish within
``graceful_timeout``; a request longer than that is cut, which shows the test can fail."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from hoanhap.bench.measure import _free_port, _wait_for_port

ROOT = Path(settings.BASE_DIR)


class Server:
    def __init__(self, tmp: Path, *, graceful_timeout: int) -> None:
        self.port, self.started = _free_port(), tmp / "started"
        env = {
            **os.environ,
            "HOANHAP_ENV": "development",
            "DATABASE_URL": f"sqlite:///{tmp / 'unused.sqlite3'}",  # /health/live/ reads no database
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_GRACEFUL_TIMEOUT": str(graceful_timeout),
            "GUNICORN_ACCESS_LOG": str(tmp / "access.log"),
            "SLOW_WSGI_STARTED": str(self.started),
        }
        self.log = (tmp / "gunicorn.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
             "hoanhap.web.tests.slow_wsgi:application"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        _wait_for_port(self.port)
        self.url = f"http://127.0.0.1:{self.port}/health/live/"

    def in_flight(self, seconds: float) -> dict:
        """A request that takes ``seconds``, sent from a thread; returns once the server holds it."""
        outcome: dict = {}

        def send() -> None:
            try:
                delay = {"X-Test-Delay": str(seconds)}
                outcome["response"] = requests.get(self.url, headers=delay, timeout=60)
            except requests.RequestException as exc:
                outcome["error"] = exc

        outcome["thread"] = threading.Thread(target=send)
        outcome["thread"].start()
        deadline = time.monotonic() + 20
        while not self.started.exists():
            assert time.monotonic() < deadline, "the request never reached the application"
            time.sleep(0.02)
        return outcome

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        self.log.close()


def test_on_sigterm_the_request_in_flight_finishes_and_no_new_one_is_taken(tmp_path):
    server = Server(tmp_path, graceful_timeout=10)
    try:
        assert requests.get(server.url, timeout=10).text == "ok"
        flight = server.in_flight(3)
        stopping = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        with pytest.raises(requests.ConnectionError):  # the listener is closed at once
            requests.get(server.url, timeout=5)
        flight["thread"].join(timeout=30)
        assert "error" not in flight, flight.get("error")
        assert (flight["response"].status_code, flight["response"].text) == (200, "ok")
        assert server.process.wait(timeout=20) == 0
        assert time.monotonic() - stopping < 10  # it left when the request was done
    finally:
        server.stop()


def test_a_request_longer_than_the_graceful_timeout_is_cut(tmp_path):
    server = Server(tmp_path, graceful_timeout=1)
    try:
        flight = server.in_flight(8)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=20) == 0
        flight["thread"].join(timeout=30)
        assert "response" not in flight and isinstance(flight["error"], requests.ConnectionError)
    finally:
        server.stop()
