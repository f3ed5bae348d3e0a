from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hoanhap.cases"
    label = "cases"
    verbose_name = "Nghiệp vụ quản lý"

    def ready(self) -> None:
        from hoanhap.cases import criminal_due, due, monitoring_due
        from hoanhap.inbox.registry import register

        for source in (*due.sources(), monitoring_due.monitoring_items, criminal_due.criminal_items):
            register(source)
