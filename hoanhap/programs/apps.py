from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hoanhap.programs"
    verbose_name = "Kế hoạch, chương trình"

    def ready(self) -> None:
        from hoanhap.inbox.registry import register
        from hoanhap.programs import due

        register(due.plan_tasks)
