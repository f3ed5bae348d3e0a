"""The criminal route of a positive test (``cases.criminal``): the commune police hand the case to the
investigation body, and record its answer. Each is recorded once; a second officer at the same time is
refused, not overwritten."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.criminal import InvestigationAnswer
from hoanhap.cases.models import DrugTest
from hoanhap.cases.services.common import audit as audit_person
from hoanhap.cases.services.common import check_writer
from hoanhap.law import services as law
from hoanhap.lib.dates import today


def hand_over_use(
    actor: User, *, test: DrugTest, handed_over_on: dt.date, investigation_body: str, handover_number: str
) -> DrugTest:
    """The case handed to the investigation body: a use that may be a crime under Bộ luật Hình sự
    Điều 256a.1. The law sets no time for it in days or hours; the inbox shows it until it is done."""
    check_writer(actor, test.person)
    if not test.criminal_point:
        raise ValidationError(
            _("Kết quả xét nghiệm này không thuộc trường hợp của Điều 256a Bộ luật Hình sự.")
        )
    errors = {}
    if not law.to_local_date(test.tested_at) <= handed_over_on <= today():
        errors["handed_over_on"] = _("Ngày chuyển phải từ ngày xét nghiệm đến hôm nay.")
    if not investigation_body.strip():
        errors["investigation_body"] = _("Hãy ghi cơ quan điều tra nhận.")
    if not handover_number.strip():
        errors["handover_number"] = _("Hãy ghi số văn bản chuyển.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        updated = DrugTest.objects.filter(pk=test.pk, handed_over_on__isnull=True).update(
            handed_over_on=handed_over_on,
            investigation_body=investigation_body.strip(),
            handover_number=handover_number.strip(),
        )
        if not updated:  # two officers at once, or again: the first hand-over stands
            raise ValidationError(_("Vụ việc đã được chuyển cho cơ quan điều tra."))
        _audit(actor, test, {"criminal_handover": True})
    test.refresh_from_db()
    return test


def record_investigation_answer(
    actor: User, *, test: DrugTest, answer: str, answered_on: dt.date, answer_number: str
) -> DrugTest:
    """The investigation body's answer. "Không xử lý hình sự": the held step (an addiction
    determination, a ground for compulsory rehab) comes back, dated from the answer (Luật 120/2025 Điều
    31.1.c–d, 35.1: it applies when the person is not dealt with under criminal law). "Khởi tố": it
    stays closed. A management decision was never held (Điều 24.4.a)."""
    check_writer(actor, test.person)
    if answer not in InvestigationAnswer.values:
        raise ValidationError({"answer": _("Hãy chọn trả lời của cơ quan điều tra.")})
    if test.handed_over_on is None:
        raise ValidationError(_("Hãy ghi nhận việc chuyển cơ quan điều tra trước."))
    errors = {}
    if not test.handed_over_on <= answered_on <= today():
        errors["answered_on"] = _("Ngày trả lời phải từ ngày chuyển đến hôm nay.")
    if not answer_number.strip():
        errors["answer_number"] = _("Hãy ghi số văn bản trả lời.")
    if errors:
        raise ValidationError(errors)
    changes = {"criminal_answer": answer, "answered_on": answered_on, "answer_number": answer_number.strip()}
    with transaction.atomic():
        updated = DrugTest.objects.filter(pk=test.pk, criminal_answer="").update(**changes)
        if not updated:
            raise ValidationError(_("Đã ghi nhận trả lời của cơ quan điều tra cho vụ việc này."))
        _audit(actor, test, {"criminal_answer": answer})
    test.refresh_from_db()
    return test


def _audit(actor: User, test: DrugTest, extra: dict[str, object]) -> None:
    audit_person(actor, test.person, {"drug_test": str(test.uuid), **extra})
