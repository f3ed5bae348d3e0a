from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hoanhap.portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from hoanhap.inbox import registry
        from hoanhap.portal import due, retention
        from hoanhap.privacy.retention import register

        registry.register(due.registrations)
        register(retention.RULE)
