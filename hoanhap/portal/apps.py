from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hoanhap.portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from hoanhap.inbox.registry import register
        from hoanhap.portal import due

        register(due.registrations)
