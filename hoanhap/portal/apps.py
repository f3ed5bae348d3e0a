from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hoanhap.portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from hoanhap.portal import retention
        from hoanhap.privacy.retention import register

        register(retention.RULE)
