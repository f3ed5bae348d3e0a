from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hoanhap.people"
    label = "people"
    verbose_name = "Hồ sơ đối tượng"
