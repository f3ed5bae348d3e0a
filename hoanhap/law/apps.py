from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "hoanhap.law"
    label = "law"
    verbose_name = "Quy định pháp luật"
