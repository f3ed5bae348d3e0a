from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hoanhap.hotline"
    verbose_name = "Đường dây nóng, tin báo"

    def ready(self) -> None:
        from hoanhap.hotline import retention
        from hoanhap.privacy.retention import register

        register(retention.RULE)
