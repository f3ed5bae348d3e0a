from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hoanhap.hotline"
    verbose_name = "Đường dây nóng, tin báo"

    def ready(self) -> None:
        from hoanhap.hotline import due, retention
        from hoanhap.inbox import registry
        from hoanhap.privacy.retention import register

        for source in (due.open_tips, due.crime_handovers, due.tip_requests):
            registry.register(source)
        register(retention.RULE)
