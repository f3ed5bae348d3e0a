from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "hoanhap.bench"
    verbose_name = "Benchmark"
