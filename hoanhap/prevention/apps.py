from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "hoanhap.prevention"
    verbose_name = "Phòng ngừa, sàng lọc"

    def ready(self) -> None:
        from hoanhap.inbox.registry import register
        from hoanhap.prevention import due

        register(due.follow_ups)
