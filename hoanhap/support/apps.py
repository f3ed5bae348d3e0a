from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hoanhap.support"
    verbose_name = "Hỗ trợ tái hòa nhập"
