from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hoanhap.api"
    verbose_name = "API"

    def ready(self) -> None:
        from hoanhap.api import messages

        messages.install()
