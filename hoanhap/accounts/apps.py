from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hoanhap.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from hoanhap.accounts import checks  # noqa: F401 - registers the deploy checks
