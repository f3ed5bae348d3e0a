"""Deploy checks (``manage.py check --deploy``): a real installation runs no demo accounts and
never without the second factor. settings.py refuses the first two at start-up in production;
these tell an operator checking a server before it opens, and look at the database too."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from hoanhap.accounts.models import User


@register(Tags.security, deploy=True)
def check_demo_mode(app_configs, **kwargs) -> list[Error]:
    if not settings.DEMO_MODE:
        return []
    return [
        Error(
            "Demo mode is on: demo accounts, whose password is published, sign in without a second factor.",
            hint="Set HOANHAP_DEMO=false.",
            id="hoanhap.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_two_factor(app_configs, **kwargs) -> list[Error]:
    if settings.TWO_FACTOR_REQUIRED:
        return []
    return [
        Error(
            "Two-factor log-in is turned off.",
            hint="Remove TWO_FACTOR_REQUIRED=false.",
            id="hoanhap.E002",
        )
    ]


@register(Tags.security, deploy=True)
def check_no_active_demo_accounts(app_configs, **kwargs) -> list[Error]:
    try:
        count = User.objects.filter(is_demo=True, is_active=True).count()
    except DatabaseError:  # not migrated yet: docs/deploy.md runs the check before migrating
        return []
    if not count:
        return []
    return [
        Error(
            f"{count} active demo account(s) in the database.",
            hint="Disable them (or delete them with the demo data) before the server opens.",
            id="hoanhap.E003",
        )
    ]
