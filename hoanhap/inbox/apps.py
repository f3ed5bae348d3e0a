from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "hoanhap.inbox"
    label = "inbox"
    verbose_name = "Việc cần làm"
