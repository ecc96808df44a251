import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_crm.settings")

app = Celery("citizen_crm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
