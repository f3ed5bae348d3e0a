"""The configured logging, as the server writes it."""

import io
import logging

from hoanhap.lib.logscrub import ScrubPersonalData


def test_the_development_servers_access_log_goes_through_the_scrubbing_handler():
    """runserver logs each request line under "django.server"; Django's own handler for it wrote the
    query string as it came (``?ho_so=…&q=<a name>``)."""
    logger = logging.getLogger("django.server")
    streams_out = [h for h in logger.handlers if type(h) is logging.StreamHandler]  # not pytest's own
    handlers = [h for h in streams_out if any(isinstance(f, ScrubPersonalData) for f in h.filters)]
    assert handlers and not logger.propagate and handlers == streams_out
    buffer = io.StringIO()
    streams = [h.setStream(buffer) for h in handlers]
    try:
        logger.info('"%s" %s %s', "GET /ho-so/?q=nguyen+van+an&cccd=040090012345 HTTP/1.1", 200, 512)
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)
    written = buffer.getvalue()
    assert "GET /ho-so/?[đã ẩn]" in written and "nguyen" not in written and "040090012345" not in written
