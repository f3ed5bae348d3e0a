"""What the portal does with a submission: store it first (nothing submitted is ever lost), give
the reference code, and let the commune answer."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune
from hoanhap.law import services as law
from hoanhap.lib.dates import age_on, now, today
from hoanhap.lib.roles import Cap
from hoanhap.portal.models import Registration, RegistrationStatus


def submit_registration(*, commune: Commune, data: dict[str, Any]) -> Registration:
    """An online registration for voluntary rehab at home or in the community: due to the commune
    police within the processing time of TTHC 1.010941 (working days, Vietnam's calendar)."""
    regime = law.regime_for_decision(decided_on=today())
    birth: dt.date = data["birth_date"]
    minimum, adult = law.rule("rehab_min_age", regime=regime), law.rule("adult_age", regime=regime)
    if birth > today() or age_on(birth, today()) < int(minimum.value):
        raise ValidationError(
            {
                "birth_date": _("Chỉ đăng ký cai nghiện từ đủ %(n)s tuổi (%(c)s).")
                % {"n": minimum.value, "c": minimum.citation}
            }
        )
    if age_on(birth, today()) < int(adult.value) and not (
        data.get("guardian_name") and data.get("guardian_phone")
    ):
        raise ValidationError(
            {
                "guardian_name": _(
                    "Người chưa thành niên: cần họ tên và điện thoại của cha, mẹ hoặc người giám hộ."
                )
            }
        )
    processing = law.rule("voluntary_registration_processing", regime=regime)
    registration = Registration(
        province_id=commune.province_id,
        commune=commune,
        full_name=data["full_name"].strip(),
        birth_date=birth,
        phone=data["phone"].strip(),
        address=data["address"].strip(),
        guardian_name=data.get("guardian_name", "").strip(),
        guardian_phone=data.get("guardian_phone", "").strip(),
        due_rule=processing.as_json(),
        due_at=law.deadline(processing, start=now()),
    )
    registration.full_clean()
    registration.save()
    return registration


def answer_registration(actor: User, *, registration: Registration, status: str, answer: str) -> Registration:
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id == registration.commune_id):
        raise PermissionDenied
    if status not in (RegistrationStatus.ACCEPTED, RegistrationStatus.REFUSED):
        raise ValidationError({"status": _("Hãy chọn kết quả.")})
    if status == RegistrationStatus.REFUSED and not answer.strip():
        raise ValidationError({"answer": _("Hãy ghi lý do để trả lời người đăng ký.")})
    with transaction.atomic():
        updated = Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.RECEIVED).update(
            status=status, answer=answer.strip()
        )
        if not updated:
            raise ValidationError(_("Đăng ký này đã được trả lời."))
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            extra={"registration": str(registration.uuid)},
        )
    registration.refresh_from_db()
    return registration


def public_status(reference: str) -> dict[str, Any] | None:
    """What a registration code reveals: the status, the day it changed and the answer. Nothing else."""
    registration = Registration.objects.filter(reference=reference.strip().upper()).first()
    if registration is None:
        return None
    return {
        "status": RegistrationStatus(registration.status).label,
        "updated_on": timezone.localdate(registration.updated_at),  # Vietnam's day, as staff see it
        "answer": registration.answer,
    }
