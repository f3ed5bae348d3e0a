from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "hoanhap.documents"
    verbose_name = "Văn bản"
