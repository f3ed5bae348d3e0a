from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hoanhap.portal"
    verbose_name = "Cổng thông tin"
