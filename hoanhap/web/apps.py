from django.apps import AppConfig
from django.core.signals import request_finished


class WebConfig(AppConfig):
    name = "hoanhap.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self) -> None:
        from hoanhap.lib.tracing import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="hoanhap.forget_request_id")
