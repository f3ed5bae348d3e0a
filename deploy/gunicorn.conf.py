"""gunicorn settings for a HoaNhap web node: `gunicorn -c deploy/gunicorn.conf.py hoanhap.wsgi`.
Every value comes from the environment (the same file as the application's, see .env.example)."""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "90"))  # above the database's statement timeout
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))  # SIGTERM: finish requests
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # bounds slow memory growth
max_requests_jitter = max_requests // 10
# The heartbeat files of the workers in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log has the path without its query string, and the request id the proxy gave.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_multiproc = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):
    """Metrics of earlier runs would add up with this one's: start from an empty directory."""
    if _multiproc:
        shutil.rmtree(_multiproc, ignore_errors=True)
        Path(_multiproc).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if _multiproc:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
