from django.db import models
from django.utils import timezone


class FloorRow(models.Model):
    """One row per INSERT-floor request: the smallest write a view can make."""

    label = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "bench_floors"

    def __str__(self):
        return self.label
