from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hoanhap.privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"

    def ready(self) -> None:
        from hoanhap.inbox.registry import register
        from hoanhap.privacy import due

        for source in (due.data_requests, due.breach_notices):
            register(source)
