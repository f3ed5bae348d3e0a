from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "hoanhap.prevention"
    verbose_name = "Phòng ngừa, sàng lọc"
