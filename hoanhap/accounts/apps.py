from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hoanhap.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
