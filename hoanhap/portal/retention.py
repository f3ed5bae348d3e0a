"""How long an online registration answered "not eligible" keeps the person's details
(``privacy.retention``)."""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hoanhap.portal.models import Registration, RegistrationStatus
from hoanhap.privacy.retention import ANONYMISED, PURPOSE_ENDED, RetentionRule


def _refused_registrations(cutoff: dt.datetime) -> QuerySet:
    return Registration.objects.filter(status=RegistrationStatus.REFUSED, updated_at__lt=cutoff).exclude(
        full_name=ANONYMISED
    )


def _anonymise_registrations(rows: QuerySet) -> int:
    count = 0
    for registration in rows.only("pk", "birth_date"):
        # The year of birth stays, for counts by age; nothing else identifies the person.
        Registration.objects.filter(pk=registration.pk).update(
            full_name=ANONYMISED,
            birth_date=registration.birth_date.replace(month=1, day=1),
            phone="",
            address="",
            guardian_name="",
            guardian_phone="",
            answer="",
        )
        count += 1
    return count


RULE = RetentionRule(
    "refused_registrations",
    _("Đăng ký cai nghiện trực tuyến đã trả lời không đủ điều kiện"),
    _("Ẩn danh (giữ năm sinh, xã, ngày nhận)"),
    PURPOSE_ENDED + " (RETENTION_REGISTRATION_DAYS)",
    lambda: settings.RETENTION_REGISTRATION_DAYS,
    _refused_registrations,
    _anonymise_registrations,
)
