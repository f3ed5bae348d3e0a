from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hoanhap.support"
    verbose_name = "Hỗ trợ tái hòa nhập"

    def ready(self) -> None:
        from hoanhap.inbox.registry import register
        from hoanhap.support import due

        register(due.plan_items)
