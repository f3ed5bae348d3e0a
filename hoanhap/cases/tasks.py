from django_tasks import task

from hoanhap.cases import digest
from hoanhap.lib import maintenance


@task()
def send_daily_digest() -> int:
    return digest.send_daily_digests()


@task()
def refresh_statistics() -> str:
    return maintenance.refresh_statistics()
