from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hoanhap.cases"
    label = "cases"
    verbose_name = "Nghiệp vụ quản lý"
