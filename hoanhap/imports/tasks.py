from django_tasks import task

from hoanhap.accounts.models import User
from hoanhap.imports import services
from hoanhap.imports.models import ImportBatch


@task()
def check_batch(batch_id: int) -> None:
    services.run_check(ImportBatch.objects.get(pk=batch_id))


@task()
def commit_batch(batch_id: int, actor_id: int) -> None:
    services.commit(User.objects.get(pk=actor_id), batch=ImportBatch.objects.get(pk=batch_id))
