from hoanhap.audit.context import AuditContextMiddleware, client_ip


def test_the_log_records_the_client_behind_the_proxy_not_the_proxy(rf, settings):
    """The address read the same way as everywhere else (hoanhap.lib.client); a header that is not
    an address falls back to the connection's, so the address column never holds garbage."""
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    seen = []
    middleware = AuditContextMiddleware(lambda request: seen.append(client_ip.get()))
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.5"))
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="<script>"))
    assert seen == ["203.0.113.5", "127.0.0.1"]
