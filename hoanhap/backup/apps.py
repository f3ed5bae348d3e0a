from django.apps import AppConfig


class BackupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hoanhap.backup"
    verbose_name = "Sao lưu"
