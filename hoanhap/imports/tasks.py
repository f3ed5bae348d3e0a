from django_tasks import task

from hoanhap.accounts.models import User
from hoanhap.imports import services
from hoanhap.imports.models import BatchStatus, ImportBatch


@task()
def read_batch(batch_id: int) -> None:
    services.run_read(ImportBatch.objects.get(pk=batch_id))


@task()
def check_batch(batch_id: int) -> None:
    services.run_check(ImportBatch.objects.get(pk=batch_id))


@task()
def commit_batch(batch_id: int, actor_id: int) -> None:
    """Safe to run again (a worker killed mid-job has its job re-queued, see hoanhap.lib.jobs): a
    written list is left alone, and a list left "committing" by a dead worker is written now."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status == BatchStatus.COMMITTED:
        return
    try:
        services.commit(User.objects.get(pk=actor_id), batch=batch, resume=True)
    except services.AlreadyCommittedError:
        return
