"""Registration for voluntary rehab (Luật 120/2025 Điều 29–34, 56)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import AddictionAssessment, RehabEpisode
from hoanhap.cases.rehab import OPEN_EPISODE_STATES, VOLUNTARY_FORMS, RehabForm
from hoanhap.cases.services.common import audit, check_writer
from hoanhap.cases.services.episodes import rehab_term
from hoanhap.law import periods
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.lib.dates import age_on, today
from hoanhap.people.models import Person, StableResidence


def register_voluntary_rehab(
    actor: User,
    *,
    person: Person,
    form: str,
    started_on: dt.date,
    intake_record_number: str,
    provider: str,
    guardian_confirmed: bool = False,
    term_months: int | None = None,
) -> RehabEpisode:
    """Voluntary rehab from the intake record (Luật 120/2025 Điều 32.5): the term is that of the regime
    in force on the start date (Điều 56) and depends on whether this is the person's first rehab."""
    check_writer(actor, person)
    regime = law.regime_for_rehab_term(started_on=started_on)
    _check_registration(person, RehabForm(form), started_on, guardian_confirmed, regime)
    assessment = _valid_assessment(person, started_on, regime)
    number = person.prior_rehab_count + person.rehab_episodes.count() + 1
    term, months = rehab_term(regime, number, term_months)
    episode = RehabEpisode(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        form=form,
        episode_number=number,
        regime=regime.code,
        started_on=started_on,
        intake_record_number=intake_record_number.strip(),
        provider=provider.strip(),
        guardian_confirmed=guardian_confirmed,
        source_assessment=assessment,
        term_rule=term.as_json(),
        term_months=months,
        planned_end=periods.last_day_in_months(started_on, months),
        created_by=actor,
    )
    with transaction.atomic():
        episode.save()
        audit(actor, person, {"rehab_episode": str(episode.uuid), "form": form, "regime": regime.code})
    return episode


def _check_registration(person: Person, form: RehabForm, on: dt.date, guardian: bool, regime: Regime) -> None:
    if form not in VOLUNTARY_FORMS:
        raise ValidationError({"form": _("Cai nghiện bắt buộc chỉ bắt đầu theo quyết định của Tòa án.")})
    if form == RehabForm.VOLUNTARY_PRIVATE_PARTIAL and not law.has_rule(
        "partial_private_min_stages", regime=regime
    ):
        # The citation of the first regime that has the form, read from the rulebook.
        since = next(r for r in law.REGIMES if law.has_rule("partial_private_min_stages", regime=r))
        basis = law.rule("partial_private_min_stages", regime=since).citation
        message = _("Cai nghiện một phần tại cơ sở tư nhân, tiếp tục tại gia đình chỉ có từ %(c)s.")
        raise ValidationError({"form": message % {"c": f"{basis} ({since.starts:%d/%m/%Y})"}})
    if not on <= today():
        raise ValidationError({"started_on": _("Ngày tiếp nhận không thể ở tương lai.")})
    if any(e.state in OPEN_EPISODE_STATES for e in person.rehab_episodes.prefetch_related("events")):
        raise ValidationError(_("Người này đang trong một đợt cai nghiện chưa kết thúc."))
    if person.birth_date:
        age = age_on(person.birth_date, on)
        minimum, adult = law.rule("rehab_min_age", regime=regime), law.rule("adult_age", regime=regime)
        if age < int(minimum.value):
            raise ValidationError(
                _("Chỉ áp dụng cai nghiện từ đủ %(n)s tuổi (%(c)s).")
                % {"n": minimum.value, "c": minimum.citation}
            )
        if age < int(adult.value) and not guardian:
            raise ValidationError(
                {
                    "guardian_confirmed": _(
                        "Người chưa thành niên: cam kết phải có xác nhận của cha, mẹ, người giám hộ "
                        "(Luật 120/2025 Điều 32.4, 34.2.b)."
                    )
                }
            )
    if person.stable_residence == StableResidence.NONE and law.has_rule(
        "no_residence_rehab_form", regime=regime
    ):
        required = law.rule("no_residence_rehab_form", regime=regime)
        if form != required.value:
            message = _(
                "Người không có nơi cư trú ổn định phải cai nghiện tự nguyện tại cơ sở công lập (%(c)s)."
            )
            raise ValidationError({"form": message % {"c": required.citation}})


def _valid_assessment(person: Person, on: dt.date, regime: Regime) -> AddictionAssessment:
    """The "addicted" result a registration rests on. Under Luật 120/2025 it must be under six months
    old on the registration day (Điều 31.1.b); Luật 73/2021 set no such limit."""
    latest = person.assessments.filter(addicted=True, result_on__lte=on).order_by("-result_on").first()
    if not law.has_rule("assessment_validity", regime=regime):
        if latest is None:
            raise ValidationError(_("Cần kết quả xác định là nghiện ma túy trước khi đăng ký."))
        return latest
    validity = law.rule("assessment_validity", regime=regime)
    if latest is None or law.last_day(validity, latest.result_on) < on:
        raise ValidationError(
            _(
                "Cần kết quả xác định tình trạng nghiện còn hiệu lực (trong %(n)s tháng, %(c)s) "
                "trước khi đăng ký."
            )
            % {"n": validity.value, "c": validity.citation}
        )
    return latest
