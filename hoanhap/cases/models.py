"""Dated facts about a person: drug tests, management decisions and what happened to them.

A person's status is derived from these rows (``cases.status``); nothing here stores a status
flag. Each fact that starts a clock stores the rule it was given (``AppliedRule.as_json()``), so a
later law or override never moves a deadline already set.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.criminal import CriminalPoint, InvestigationAnswer
from hoanhap.cases.dossier import (
    OPEN_DOSSIER_STATES,
    CloseReason,
    DossierEvent,
    DossierState,
    fold_dossier,
)
from hoanhap.cases.lifecycle import OPEN_STATES, Kind, State, StopReason, fold
from hoanhap.cases.monitoring import (
    OPEN_MONITORING_STATES,
    MonitoringBasis,
    MonitoringEndReason,
    MonitoringEvent,
    MonitoringState,
    fold_monitoring,
)
from hoanhap.cases.rehab import (
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    AftercareEndReason,
    AftercareEvent,
    AftercareState,
    EpisodeEvent,
    EpisodeState,
    ExitReason,
    RehabForm,
    SubstitutionEvent,
    SubstitutionState,
    fold_aftercare,
    fold_episode,
    fold_substitution,
)
from hoanhap.geo.models import FiledRecord


class CaseEvent(models.Model):
    """Columns every event of a case shares; the state of the case is folded from its events."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    on = models.DateField(_("ngày"))
    document_number = models.CharField(_("số văn bản"), max_length=40, blank=True)
    signer_role = models.CharField(max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["on", "created_at", "pk"]


def move_open_rows(rows, open_states, to_commune) -> int:
    """Re-file the still-open rows among ``rows`` (a case with events) under the new commune."""
    open_ids = [row.pk for row in rows.prefetch_related("events") if row.state in open_states]
    return rows.model.objects.filter(pk__in=open_ids).update(
        commune=to_commune, province=to_commune.province_id
    )


def _paused_days(events: Iterable[Any], pause: str, resume: str) -> int:
    """The days from each ``pause`` to the ``resume`` that ends it, over a case's events in the order
    they happened (rows with ``kind`` and ``on``); a pause not yet ended adds nothing yet."""
    paused, since = 0, None
    for event in events:
        if event.kind == pause:
            since = event.on
        elif event.kind == resume and since is not None:
            paused += (event.on - since).days
            since = None
    return paused


class TestReason(models.TextChoices):
    """Luật 120/2025 Điều 23.1."""

    CAUGHT_USING = "caught_using", _("Bị phát hiện đang sử dụng trái phép chất ma túy")
    GROUNDS = "grounds", _("Có căn cứ nghi vấn sử dụng trái phép chất ma túy")
    UNDER_MANAGEMENT = "under_management", _("Đang bị quản lý người sử dụng trái phép chất ma túy")
    IN_REHAB = "in_rehab", _("Đang cai nghiện ma túy")
    ON_SUBSTITUTION = "on_substitution", _("Đang điều trị nghiện bằng thuốc thay thế")
    IN_AFTERCARE = "in_aftercare", _("Đang bị quản lý sau cai nghiện")


class Sample(models.TextChoices):
    URINE = "urine", _("Nước tiểu")
    BLOOD = "blood", _("Máu")
    HAIR = "hair", _("Tóc")
    OTHER = "other", _("Mẫu khác")


class TestResult(models.TextChoices):
    POSITIVE = "positive", _("Dương tính")
    NEGATIVE = "negative", _("Âm tính")


class DrugTest(FiledRecord):
    """Xét nghiệm chất ma túy trong cơ thể (Mẫu 03, Nghị định 105/2021). Kept under the unit
    where it was done, also after the person moves."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="drug_tests")
    tested_at = models.DateTimeField(_("thời điểm xét nghiệm"))
    place = models.CharField(_("địa điểm"), max_length=200)
    reason = models.CharField(_("lý do xét nghiệm"), max_length=20, choices=TestReason.choices)
    sample = models.CharField(_("mẫu xét nghiệm"), max_length=8, choices=Sample.choices)
    testing_body = models.CharField(_("cơ quan xét nghiệm"), max_length=200)
    tester = models.CharField(_("người xét nghiệm"), max_length=120)
    same_sex_supervision = models.BooleanField(_("giám sát lấy mẫu bởi người cùng giới"), default=True)
    guardian_consent = models.BooleanField(_("cha, mẹ, người giám hộ đồng ý lấy mẫu"), default=False)
    result = models.CharField(_("kết quả"), max_length=8, choices=TestResult.choices)
    substances = models.JSONField(_("chất phát hiện"), default=list, blank=True)
    result_received_at = models.DateTimeField(_("Trưởng Công an xã nhận kết quả lúc"), null=True, blank=True)
    decision_rule = models.JSONField(null=True, blank=True, editable=False)
    decision_due = models.DateTimeField(null=True, blank=True, editable=False)
    assessment_rule = models.JSONField(null=True, blank=True, editable=False)
    # A result during voluntary rehab is a ground for compulsory rehab (cases.positive).
    ground_rule = models.JSONField(null=True, blank=True, editable=False)
    # The rule by which the result calls for no step at the commune (already addicted, not sent).
    no_step_rule = models.JSONField(null=True, blank=True, editable=False)
    # A use that may be a crime (Bộ luật Hình sự Điều 256a.1, ``cases.criminal``): the point that
    # applied on the day of the test ("" for none) and the rule, stored when the test is recorded; then
    # the hand-over to the investigation body and its answer. Until the answer is "không xử lý hình sự"
    # the administrative step above is held (Luật 120/2025 Điều 31.1.c–d); after "khởi tố" it is closed.
    criminal_point = models.CharField(
        _("trường hợp của Điều 256a Bộ luật Hình sự"),
        max_length=1,
        choices=CriminalPoint.choices,
        blank=True,
        editable=False,
    )
    criminal_rule = models.JSONField(null=True, blank=True, editable=False)
    handed_over_on = models.DateField(_("ngày chuyển Cơ quan điều tra"), null=True, blank=True)
    investigation_body = models.CharField(_("cơ quan điều tra nhận"), max_length=200, blank=True)
    handover_number = models.CharField(_("số văn bản chuyển"), max_length=40, blank=True)
    criminal_answer = models.CharField(
        _("trả lời của cơ quan điều tra"), max_length=16, choices=InvestigationAnswer.choices, blank=True
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer_number = models.CharField(_("số văn bản trả lời"), max_length=40, blank=True)

    class Meta:
        ordering = ["-tested_at"]
        constraints = [
            # An answer comes only to a case handed over.
            models.CheckConstraint(
                condition=models.Q(criminal_answer="") | models.Q(handed_over_on__isnull=False),
                name="drugtest_answer_after_handover",
            )
        ]
        indexes = [
            models.Index(fields=["commune", "result", "decision_due"]),
            # The period's tests by time alone: led by "result", SQLite chose it over the commune's
            # index for the inbox and read every positive test in the country (benchmark).
            models.Index(fields=["tested_at"]),
            # The few tests that call for an addiction determination (the inbox): without it the
            # inbox read every test of the commune to find them (11,000 in the largest, benchmark).
            models.Index(
                fields=["commune"],
                condition=models.Q(assessment_rule__isnull=False),
                name="drugtest_assessment_due",
            ),
            models.Index(
                fields=["commune"], condition=models.Q(ground_rule__isnull=False), name="drugtest_ground"
            ),
            # The few tests that may be a crime and have no answer yet (the inbox's hand-over items).
            models.Index(
                fields=["commune"],
                condition=models.Q(criminal_point__gt="", criminal_answer=""),
                name="drugtest_criminal_open",
            ),
            # The commune's positive tests with what the inbox reads of them (the residences to
            # verify): read from the index alone, not from 2,600 scattered table pages (benchmark).
            models.Index(
                fields=["commune", "person", "id", "result_received_at", "tested_at"],
                condition=models.Q(result="positive"),
                name="drugtest_positive_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tested_at:%d/%m/%Y} {self.result}"

    @property
    def is_positive(self) -> bool:
        return self.result == TestResult.POSITIVE


class UserManagement(FiledRecord):
    """Quản lý người sử dụng trái phép chất ma túy: one decision and the year it runs.

    Its state (active, suspended, stopped, terminated) is folded from its events by
    ``cases.lifecycle``. It follows the person on a move: the remaining period carries over
    (Nghị định 105/2021 Điều 43.3).
    """

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="user_managements")
    source_test = models.OneToOneField(
        DrugTest,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="management",
        verbose_name=_("xét nghiệm"),
    )
    regime = models.CharField(max_length=20, editable=False)
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    signer_role = models.CharField(max_length=32, editable=False)
    signer_name = models.CharField(_("người ký"), max_length=120)
    term_rule = models.JSONField(editable=False)
    ends_on = models.DateField(_("ngày hết thời hạn"), editable=False)
    team_leader = models.CharField(_("tổ trưởng tổ quản lý"), max_length=120)
    assigned_helper = models.CharField(_("người được phân công giúp đỡ trực tiếp"), max_length=120)
    # A decision after its deadline is accepted, with the reason it came late (issue 23).
    late_reason = models.CharField(_("lý do ra quyết định sau thời hạn"), max_length=300, blank=True)

    class Meta:
        ordering = ["-decided_on"]
        indexes = [
            models.Index(fields=["commune", "ends_on"]),
            # The commune's managements with what the inbox's monthly checks read of them, from the
            # index alone (benchmark).
            models.Index(fields=["commune", "id", "person", "decided_on"], name="management_commune_cover"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decided_on:%d/%m/%Y})"

    def state_on(self, day=None) -> State:
        events = self.events.all()
        return fold(e.kind for e in events if day is None or e.on <= day)

    @property
    def state(self) -> State:
        return self.state_on()

    @classmethod
    def follow_transfer(cls, *, person, to_commune) -> int:
        """An open management moves with the person; the remaining period carries over
        (Nghị định 105/2021 Điều 43.3). Closed ones stay with the unit that ran them."""
        return move_open_rows(cls.objects.filter(person=person), OPEN_STATES, to_commune)


class ManagementEvent(CaseEvent):
    management = models.ForeignKey(UserManagement, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=Kind.choices)
    stop_reason = models.CharField(_("lý do dừng"), max_length=16, choices=StopReason.choices, blank=True)
    rule = models.JSONField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class ActivityKind(models.TextChoices):
    """What the management team does during the year (Nghị định 105/2021 Điều 44–47)."""

    RESIDENCE_CHECK = "residence_check", _("Kiểm tra, cập nhật nơi cư trú")
    HOME_VISIT = "home_visit", _("Gặp gỡ, thăm hỏi tại gia đình")
    COUNSELLING = "counselling", _("Tư vấn, giáo dục, động viên")
    DRUG_TEST = "drug_test", _("Xét nghiệm kiểm tra")
    SUPPORT = "support", _("Hỗ trợ học nghề, việc làm, vay vốn")
    OTHER = "other", _("Hoạt động khác")


class ManagementActivity(models.Model):
    """One activity of the management team, by the assigned helper or the police."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    management = models.ForeignKey(UserManagement, models.PROTECT, related_name="activities")
    on = models.DateField(_("ngày"))
    kind = models.CharField(_("hoạt động"), max_length=16, choices=ActivityKind.choices)
    by = models.CharField(_("người thực hiện"), max_length=120)
    note = models.CharField(_("kết quả"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]
        # By kind and date for the country's counts; by management first for one management's own.
        indexes = [models.Index(fields=["kind", "on"]), models.Index(fields=["management", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class AssessmentTrigger(models.TextChoices):
    """Who must be assessed: Luật 120/2025 Điều 31.1."""

    VOLUNTEER = "volunteer", _("Tự nguyện đề nghị xác định (a)")
    REGISTRATION = "registration", _("Đăng ký cai nghiện tự nguyện, chưa có kết quả hoặc quá 6 tháng (b)")
    REPEATED_USE = "repeated_use", _("Đang bị quản lý người sử dụng, tiếp tục sử dụng (c)")
    AFTERCARE_USE = "aftercare_use", _("Đang quản lý sau cai nghiện, sử dụng trái phép (d)")
    NO_STABLE_RESIDENCE = "no_residence", _("Người sử dụng không có nơi cư trú ổn định (đ)")


class SubstanceClass(models.TextChoices):
    """Observation sheets of TT 18/2021/TT-BYT by substance class."""

    OPIOIDS = "opioids", _("Nhóm thuốc phiện (opioid)")
    STIMULANTS = "stimulants", _("Nhóm chất kích thích (ATS, cocain)")
    CANNABIS = "cannabis", _("Nhóm cần sa")
    OTHER = "other", _("Nhóm khác")


# The six criteria of Thông tư 18/2021/TT-BYT Điều 3 (legal.md §3, secondary source).
CRITERIA = (
    ("craving", _("Thèm muốn mạnh mẽ hoặc cảm thấy buộc phải sử dụng")),
    ("loss_of_control", _("Khó khăn trong việc kiểm soát hành vi sử dụng")),
    ("tolerance", _("Có bằng chứng về sự dung nạp")),
    ("neglect", _("Sao nhãng thú vui, sở thích trước đây")),
    ("harm", _("Tiếp tục sử dụng dù biết rõ tác hại")),
    ("withdrawal", _("Trạng thái cai")),
)


class AddictionAssessment(FiledRecord):
    """Xác định tình trạng nghiện ma túy, by a qualified health facility (Nghị định 109/2021)."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="assessments")
    trigger = models.CharField(_("trường hợp xác định"), max_length=16, choices=AssessmentTrigger.choices)
    requesting_unit = models.CharField(_("đơn vị đề nghị"), max_length=200)
    health_facility = models.CharField(_("cơ sở y tế xác định"), max_length=200)
    started_on = models.DateField(_("ngày bắt đầu"))
    result_on = models.DateField(_("ngày có kết quả"))
    substance_class = models.CharField(_("nhóm chất"), max_length=12, choices=SubstanceClass.choices)
    criteria = models.JSONField(_("tiêu chí có biểu hiện"), default=list)
    addicted = models.BooleanField(_("kết luận nghiện"), editable=False)
    result_number = models.CharField(_("số phiếu kết quả"), max_length=40)
    threshold_rule = models.JSONField(editable=False)
    # Luật 120/2025 Điều 31.1.b; none under Luật 73/2021, which set no limit.
    valid_until = models.DateField(_("kết quả dùng để đăng ký cai nghiện đến"), null=True, editable=False)
    registration_rule = models.JSONField(null=True, blank=True, editable=False)
    registration_due = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-result_on"]
        indexes = [models.Index(fields=["commune", "addicted", "registration_due"])]

    def __str__(self) -> str:
        return f"{self.result_on:%d/%m/%Y} {'+' if self.addicted else '-'}"


class RehabEpisode(FiledRecord):
    """One rehab episode. Its term follows the regime in force on its start date (Luật 120/2025
    Điều 56) and whether it is the person's first rehab (Điều 29.1)."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="rehab_episodes")
    form = models.CharField(_("hình thức"), max_length=28, choices=RehabForm.choices)
    episode_number = models.PositiveSmallIntegerField(_("lần cai nghiện thứ"), editable=False)
    regime = models.CharField(max_length=20, editable=False)
    started_on = models.DateField(_("ngày tiếp nhận (bắt đầu tính thời hạn)"))
    intake_record_number = models.CharField(_("số biên bản tiếp nhận"), max_length=40)
    provider = models.CharField(_("cơ sở, tổ chức cung cấp dịch vụ cai nghiện"), max_length=200)
    guardian_confirmed = models.BooleanField(_("cha, mẹ, người giám hộ xác nhận cam kết"), default=False)
    source_assessment = models.ForeignKey(
        AddictionAssessment, models.PROTECT, null=True, blank=True, related_name="episodes"
    )
    source_dossier = models.OneToOneField(
        "CompulsoryDossier", models.PROTECT, null=True, blank=True, related_name="episode"
    )
    term_rule = models.JSONField(editable=False)
    term_months = models.PositiveSmallIntegerField(_("thời hạn (tháng)"))
    # Days already served in interim placement while the dossier was prepared (Luật 120/2025 Điều 37).
    credited_days = models.PositiveIntegerField(_("số ngày đã chấp hành trước khi tiếp nhận"), default=0)
    planned_end = models.DateField(_("ngày hết thời hạn"), editable=False)

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            models.Index(fields=["commune", "planned_end"]),
            # The commune's episodes as the inbox's subqueries read them (completions, early
            # exits), from the index alone (benchmark).
            models.Index(fields=["commune", "id", "form", "person"], name="episode_commune_cover"),
        ]

    def __str__(self) -> str:
        return f"{self.form} #{self.episode_number} ({self.started_on:%d/%m/%Y})"

    @property
    def state(self) -> EpisodeState:
        return fold_episode(e.kind for e in self.events.all())

    def stages_done(self) -> set[int]:
        return {e.stage for e in self.events.all() if e.kind == EpisodeEvent.STAGE_DONE and e.stage}

    @classmethod
    def follow_transfer(cls, *, person, to_commune) -> int:
        """Only rehab at home or in the community belongs to the commune of residence."""
        rows = cls.objects.filter(person=person, form=RehabForm.VOLUNTARY_COMMUNITY)
        return move_open_rows(rows, OPEN_EPISODE_STATES, to_commune)


def effective_end(episode: RehabEpisode, events: Iterable[Any]) -> dt.date:
    """The last day of an episode's term: the planned end pushed back by the time spent in prison
    (Luật 120/2025 Điều 47.1) or on the run; time suspended for illness counts (Điều 39). ``events``
    are the episode's, in order (records or rows with ``kind`` and ``on``). The completion check and
    the inbox both read it here."""
    events = list(events)
    paused = _paused_days(events, EpisodeEvent.INTERRUPT, EpisodeEvent.RESUME)
    paused += _paused_days(events, EpisodeEvent.ESCAPE, EpisodeEvent.RETURN)
    return episode.planned_end + dt.timedelta(days=paused)


class RehabEventRecord(CaseEvent):
    episode = models.ForeignKey(RehabEpisode, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=EpisodeEvent.choices)
    stage = models.PositiveSmallIntegerField(_("giai đoạn"), null=True, blank=True)
    exit_reason = models.CharField(_("lý do chấm dứt"), max_length=20, choices=ExitReason.choices, blank=True)
    note = models.CharField(_("cơ sở, cơ quan liên quan"), max_length=200, blank=True)
    rule = models.JSONField(null=True, blank=True, editable=False)

    class Meta(CaseEvent.Meta):
        # Indicators ask "which completed, quit... in this period": by kind, then date. A case's own
        # events by kind and date (a correlated "not closed by then") need the case first: with only
        # (kind, on), SQLite walked the country's events of that kind for each case (benchmark:
        # 22 s for one indicator of the largest commune; 29 ms with this index).
        indexes = [models.Index(fields=["kind", "on"]), models.Index(fields=["episode", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class Aftercare(FiledRecord):
    """Quản lý sau cai nghiện tại nơi cư trú: decided by the commune chairman (Luật 120/2025 Điều
    42.6), 1 year, or 2 years after an adult's compulsory rehab (Điều 42.1–2)."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="aftercares")
    # From a completed rehab episode or a completed substitution treatment (Điều 42.1): exactly one.
    source_episode = models.OneToOneField(
        RehabEpisode, models.PROTECT, null=True, blank=True, related_name="aftercare"
    )
    source_treatment = models.OneToOneField(
        "SubstitutionTreatment", models.PROTECT, null=True, blank=True, related_name="aftercare"
    )
    regime = models.CharField(max_length=20, editable=False)
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    starts_on = models.DateField(_("bắt đầu từ (ngày hoàn thành cai nghiện)"), editable=False)
    signer_role = models.CharField(max_length=32, editable=False)
    signer_name = models.CharField(_("người ký"), max_length=120)
    term_rule = models.JSONField(editable=False)
    ends_on = models.DateField(_("ngày hết thời hạn"), editable=False)
    assigned_helper = models.CharField(_("tổ chức, cá nhân được giao quản lý, giúp đỡ"), max_length=200)

    class Meta:
        ordering = ["-decided_on"]
        indexes = [models.Index(fields=["commune", "ends_on"]), models.Index(fields=["decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source_episode__isnull=False, source_treatment__isnull=True)
                | models.Q(source_episode__isnull=True, source_treatment__isnull=False),
                name="aftercare_has_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decided_on:%d/%m/%Y})"

    @property
    def state(self) -> AftercareState:
        return fold_aftercare(e.kind for e in self.events.all())

    @classmethod
    def follow_transfer(cls, *, person, to_commune) -> int:
        return move_open_rows(cls.objects.filter(person=person), OPEN_AFTERCARE_STATES, to_commune)


def aftercare_end(ends_on: dt.date, events: Iterable[Any]) -> dt.date:
    """The last day of a post-rehab term that was decided to end on ``ends_on``: pushed back by the
    time between an interruption by a prison sentence and the return (Luật 120/2025 Điều 47.1).
    ``events`` are the aftercare's, in order (records or rows with ``kind`` and ``on``). The
    completion check and the inbox both read it here, so the inbox never shows a day the check refuses."""
    return ends_on + dt.timedelta(days=_paused_days(events, AftercareEvent.INTERRUPT, AftercareEvent.RESUME))


class AftercareEventRecord(CaseEvent):
    aftercare = models.ForeignKey(Aftercare, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=AftercareEvent.choices)
    end_reason = models.CharField(_("lý do"), max_length=12, choices=AftercareEndReason.choices, blank=True)

    class Meta(CaseEvent.Meta):
        # By kind then date, and by case first: see RehabEventRecord.
        indexes = [models.Index(fields=["kind", "on"]), models.Index(fields=["aftercare", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class SubstitutionTreatment(FiledRecord):
    """Điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế (methadone): an alternative to
    registering for voluntary rehab (Luật 120/2025 Điều 31.6)."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="substitution_treatments")
    clinic = models.CharField(_("cơ sở điều trị"), max_length=200)
    patient_code = models.CharField(_("mã số bệnh nhân"), max_length=40)
    enrolled_on = models.DateField(_("ngày bắt đầu điều trị"))
    medication = models.CharField(_("thuốc điều trị"), max_length=40, default="Methadone")
    source_assessment = models.ForeignKey(
        AddictionAssessment, models.PROTECT, null=True, blank=True, related_name="treatments"
    )

    class Meta:
        ordering = ["-enrolled_on"]
        indexes = [models.Index(fields=["commune", "enrolled_on"])]

    def __str__(self) -> str:
        return f"{self.clinic} ({self.enrolled_on:%d/%m/%Y})"

    @property
    def state(self) -> SubstitutionState:
        return fold_substitution(e.kind for e in self.events.all())

    @classmethod
    def follow_transfer(cls, *, person, to_commune) -> int:
        return move_open_rows(
            cls.objects.filter(person=person), frozenset({SubstitutionState.ON_TREATMENT}), to_commune
        )


class SubstitutionEventRecord(CaseEvent):
    treatment = models.ForeignKey(SubstitutionTreatment, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=SubstitutionEvent.choices)

    class Meta(CaseEvent.Meta):
        # By kind then date, and by case first: see RehabEventRecord.
        indexes = [models.Index(fields=["kind", "on"]), models.Index(fields=["treatment", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class CompulsoryDossier(FiledRecord):
    """Hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc (Luật 120/2025 Điều 35–39).

    Prepared by the commune where the person lives; the checklist, the limitation and the reading
    and forwarding deadlines are stored as the rules gave them when the dossier was opened or
    notified, so a later change of law never moves them.
    """

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="dossiers")
    regime = models.CharField(max_length=20, editable=False)
    minor = models.BooleanField(_("người từ đủ 12 đến dưới 18 tuổi"), editable=False)
    ground = models.CharField(_("căn cứ đề nghị"), max_length=24)
    ground_rule = models.JSONField(editable=False)
    last_violation_on = models.DateField(_("ngày vi phạm cuối cùng"))
    limitation_rule = models.JSONField(editable=False)
    limitation_ends = models.DateField(_("hết thời hiệu"), editable=False)
    opened_on = models.DateField(_("ngày bắt đầu lập hồ sơ"))
    preparer_role = models.CharField(max_length=32, editable=False)
    checklist = models.JSONField(editable=False)
    youngest_child_born_on = models.DateField(
        _("ngày sinh con nhỏ nhất (nếu đang nuôi con)"), null=True, blank=True
    )
    reading_rule = models.JSONField(null=True, blank=True, editable=False)
    # The reading window runs from the day the notice is received ("kể từ ngày nhận được thông báo",
    # Luật 120/2025 Điều 35.3.c, 36.2.c), which may be later than the notice's date.
    notice_received_on = models.DateField(
        _("ngày nhận được thông báo"), null=True, blank=True, editable=False
    )
    reading_ends = models.DateTimeField(null=True, blank=True, editable=False)
    forwarding_rule = models.JSONField(null=True, blank=True, editable=False)
    forward_due = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_on"]
        indexes = [models.Index(fields=["commune", "limitation_ends"])]

    def __str__(self) -> str:
        return f"{self.opened_on:%d/%m/%Y} {self.ground}"

    @property
    def state(self) -> DossierState:
        return fold_dossier(e.kind for e in self.events.all())

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_DOSSIER_STATES

    def numbered_documents(self) -> list[tuple["DossierDocument", int, int]]:
        """Each filed document with its first and last page: pages are numbered across the whole
        dossier in filing order ("đánh số bút lục", Luật 120/2025 Điều 35.3)."""
        numbered, page = [], 1
        for document in self.documents.all():
            numbered.append((document, page, page + document.pages - 1))
            page += document.pages
        return numbered

    def missing_items(self) -> list[str]:
        filed = {d.item for d in self.documents.all()}
        return [code for code in self.checklist["items"] if code not in filed]

    def interim_days(self, until) -> int:
        """Days in interim placement up to ``until``: they count towards the term (Điều 37)."""
        start = next((e.on for e in self.events.all() if e.kind == DossierEvent.INTERIM), None)
        return max((until - start).days, 0) if start else 0

    def order_event(self) -> "DossierEventRecord | None":
        return next((e for e in self.events.all() if e.kind == DossierEvent.ORDER), None)


class DossierDocument(models.Model):
    """One document filed in a dossier, with its page count."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(CompulsoryDossier, models.PROTECT, related_name="documents")
    item = models.CharField(_("loại tài liệu"), max_length=24)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    pages = models.PositiveSmallIntegerField(_("số trang"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pages__gte=1), name="dossier_document_has_pages")
        ]

    def __str__(self) -> str:
        return self.title


class DossierEventRecord(CaseEvent):
    dossier = models.ForeignKey(CompulsoryDossier, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=DossierEvent.choices)
    close_reason = models.CharField(_("lý do"), max_length=12, choices=CloseReason.choices, blank=True)
    note = models.CharField(_("cơ quan, cơ sở liên quan"), max_length=200, blank=True)
    term_months = models.PositiveSmallIntegerField(_("thời hạn (tháng)"), null=True, blank=True)
    rule = models.JSONField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class ElectronicMonitoring(FiledRecord):
    """Giám sát điện tử (Luật 120/2025 Điều 12): applied by the head of commune police (Điều 12.2),
    who is recorded as ``decided_by``, to a person in one of the situations of Điều 12.1
    (``basis``). The term is the one the decision sets: the Government has not yet detailed it
    (Điều 12.4), which ``term_rule`` (unverified) says. Faults, tampering, repairs and the end are
    dated events; the device fitted first stays here, a replacement is on its repair event."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="monitorings")
    regime = models.CharField(max_length=20, editable=False)
    basis = models.CharField(
        _("diện áp dụng"), max_length=16, choices=MonitoringBasis.choices, editable=False
    )
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    signer_role = models.CharField(max_length=32, editable=False)
    decider_rule = models.JSONField(editable=False)
    device_id = models.CharField(_("mã thiết bị giám sát"), max_length=60)
    starts_on = models.DateField(_("ngày bắt đầu giám sát"))
    ends_on = models.DateField(_("ngày kết thúc theo quyết định"))
    term_rule = models.JSONField(editable=False)

    class Meta:
        ordering = ["-decided_on"]
        indexes = [models.Index(fields=["commune", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="monitoring_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decided_on:%d/%m/%Y})"

    @property
    def state(self) -> MonitoringState:
        return fold_monitoring(e.kind for e in self.events.all())

    def current_device(self) -> str:
        """The device now worn: the one of the latest repair that replaced it, else the first."""
        replaced = [
            e.device_id for e in self.events.all() if e.kind == MonitoringEvent.REPAIR and e.device_id
        ]
        return replaced[-1] if replaced else self.device_id

    @classmethod
    def follow_transfer(cls, *, person, to_commune) -> int:
        return move_open_rows(cls.objects.filter(person=person), OPEN_MONITORING_STATES, to_commune)


class MonitoringEventRecord(CaseEvent):
    monitoring = models.ForeignKey(ElectronicMonitoring, models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=8, choices=MonitoringEvent.choices)
    end_reason = models.CharField(
        _("lý do kết thúc"), max_length=16, choices=MonitoringEndReason.choices, blank=True
    )
    device_id = models.CharField(_("mã thiết bị thay thế"), max_length=60, blank=True)
    note = models.CharField(_("tình trạng, cách khắc phục"), max_length=200, blank=True)

    class Meta(CaseEvent.Meta):
        indexes = [models.Index(fields=["monitoring", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class DigestRun(models.Model):
    """One row per day of digests; finished once every user's digest was claimed and sent."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    messages = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.messages}"


class DigestDelivery(models.Model):
    """A user's digest of the day, claimed before it is sent: a run that resumes after a worker
    died, or a second worker, never sends it again (at most once per user and day)."""

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "user"], name="one_digest_per_user_and_day")]

    def __str__(self) -> str:
        return f"{self.run.day:%d/%m/%Y} → {self.user_id}"
