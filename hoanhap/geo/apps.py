from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "hoanhap.geo"
    label = "geo"
    verbose_name = "Đơn vị hành chính"
