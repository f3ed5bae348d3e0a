from django_tasks import task

from hoanhap.privacy import retention


@task()
def apply_retention() -> int:
    """Safe to run again: what was erased no longer matches any rule."""
    return sum(line.count for line in retention.run(dry_run=False) if line.rule.apply is not None)
