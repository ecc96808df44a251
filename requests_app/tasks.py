from celery import shared_task

from . import workflow


@shared_task(ignore_result=True)
def close_stale_resolved() -> int:
    return workflow.close_stale_resolved()
