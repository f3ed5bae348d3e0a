from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hoanhap.hotline"
    verbose_name = "Đường dây nóng, tin báo"
