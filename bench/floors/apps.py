from django.apps import AppConfig


class FloorsConfig(AppConfig):
    name = "bench.floors"
    label = "bench_floors"
    verbose_name = "Benchmark floors"
    default_auto_field = "django.db.models.BigAutoField"
