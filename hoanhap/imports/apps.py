from django.apps import AppConfig


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hoanhap.imports"
    verbose_name = "Nhập danh sách"

    def ready(self) -> None:
        from hoanhap.imports import retention
        from hoanhap.privacy.retention import register

        register(retention.RULE)
