"""The application, with one addition for the shutdown test: a request carrying ``X-Test-Delay``
waits that many seconds before it is served, so that it is still in flight when the server is
told to stop. The moment it starts waiting is written to the file ``SLOW_WSGI_STARTED`` names."""

import os
import time
from pathlib import Path

from hoanhap.wsgi import application as served


def application(environ, start_response):
    delay = environ.get("HTTP_X_TEST_DELAY")
    if delay:
        Path(os.environ["SLOW_WSGI_STARTED"]).write_text(str(time.time()))
        time.sleep(float(delay))
    return served(environ, start_response)
