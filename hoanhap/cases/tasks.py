from django_tasks import task

from hoanhap.cases import digest


@task()
def send_daily_digest() -> int:
    return digest.send_daily_digests()
