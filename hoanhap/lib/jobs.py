"""Background jobs that outlive the worker that took them.

django-tasks-db marks a job "running" when a worker claims it and has no heartbeat: a worker killed
with SIGKILL (or a machine that lost power) leaves its job "running" for ever. Like a queue's
visibility timeout, a job running for longer than ``TASK_ABANDONED_MINUTES`` is taken to be
abandoned and put back in the queue, where the next free worker runs it again. Every task of
HoaNhap is therefore written to be run again safely: its writes sit in one transaction that a dead
worker's connection rolls back, and a second run finds the work done and does not repeat it
(the import commit, the digest's per-person deliveries)."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def requeue_abandoned(*, now: dt.datetime | None = None) -> int:
    """Put jobs running for longer than the limit back in the queue; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.TASK_ABANDONED_MINUTES)
    abandoned = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    ids = list(abandoned.values_list("id", flat=True))
    count = DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
    for task_id in ids:  # job ids and paths only: arguments may name a person
        logger.warning("Re-queued abandoned job %s", task_id)
    return count
