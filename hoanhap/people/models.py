"""The person registry: one record per person, with the fields of the profile form (Mẫu 05,
Nghị định 105/2021/NĐ-CP Điều 40.2), filed under the commune that manages the person.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hoanhap.accounts.scoping import unit_filter
from hoanhap.lib import crypto
from hoanhap.people import national_id


class Sex(models.TextChoices):
    MALE = national_id.Sex.MALE, _("Nam")
    FEMALE = national_id.Sex.FEMALE, _("Nữ")


class Education(models.TextChoices):
    NONE = "none", _("Không biết chữ")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
    VOCATIONAL = "vocational", _("Trung cấp, sơ cấp nghề")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học trở lên")


class StableResidence(models.TextChoices):
    """Basis for "nơi cư trú ổn định" (Nghị định 105/2021/NĐ-CP Điều 41.2–3)."""

    PERMANENT = "permanent", _("Đang sinh sống tại nơi đăng ký thường trú")
    TEMPORARY = "temporary", _("Đang sinh sống tại nơi đăng ký tạm trú")
    CONFIRMED_30_DAYS = (
        "confirmed_30_days",
        _("Sống tại nơi ở hiện tại từ 30 ngày, được Trưởng Công an xã xác nhận"),
    )
    NONE = "none", _("Không có nơi cư trú ổn định")
    UNKNOWN = "unknown", _("Chưa xác minh")


class Substance(models.TextChoices):
    """Drug types of Mẫu 05 (Nghị định 105/2021/NĐ-CP)."""

    OPIUM = "opium", _("Thuốc phiện")
    HEROIN = "heroin", _("Heroin")
    COCAINE = "cocaine", _("Cocain")
    CANNABIS = "cannabis", _("Cần sa")
    ATS = "ats", _("Ma túy tổng hợp (ATS)")
    KETAMINE = "ketamine", _("Ketamine")
    OTHER = "other", _("Loại khác")


class Route(models.TextChoices):
    INJECTING = "injecting", _("Tiêm chích")
    INHALING = "inhaling", _("Hút, hít")
    ORAL = "oral", _("Uống")
    OTHER = "other", _("Khác")


class PersonQuerySet(models.QuerySet):
    def current(self):
        """Records not merged into another."""
        return self.filter(merged_into__isnull=True)

    def visible_to(self, user):
        """People the user may read: those of the user's unit (see accounts.scoping.unit_filter),
        plus, as a read-only trace, people transferred away from it."""
        scope = unit_filter(user)
        if not scope:  # an empty Q means every unit (national roles); "Q() | x" would narrow it to x
            return self.all()
        # Read first, as a list (a unit has few): "commune OR id IN (subquery)" kept PostgreSQL
        # from the commune's index, and it walked the whole country's names in order instead.
        transfers = PersonTransfer.objects.filter(unit_filter(user, prefix="from_"))
        moved_away = set(transfers.values_list("person_id", flat=True))
        return self.filter(scope | Q(pk__in=sorted(moved_away))) if moved_away else self.filter(scope)


class Person(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Identity
    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True, db_index=True)
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices)
    national_id_encrypted = models.TextField(blank=True, editable=False)
    national_id_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh", blank=True)
    religion = models.CharField(_("tôn giáo"), max_length=40, default="Không", blank=True)
    education = models.CharField(_("trình độ học vấn"), max_length=20, choices=Education.choices, blank=True)
    nationality = models.CharField(_("quốc tịch"), max_length=40, default="Việt Nam")
    occupation = models.CharField(_("nghề nghiệp"), max_length=120, blank=True)
    workplace = models.CharField(_("nơi làm việc, học tập"), max_length=200, blank=True)
    # Residence and managing unit
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+", editable=False)
    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+", verbose_name=_("xã quản lý"))
    hamlet = models.ForeignKey(
        "geo.Hamlet",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn, tổ dân phố"),
    )
    permanent_address = models.CharField(_("nơi thường trú"), max_length=255, blank=True)
    temporary_address = models.CharField(_("nơi tạm trú"), max_length=255, blank=True)
    current_address = models.CharField(_("nơi ở hiện tại"), max_length=255, blank=True)
    stable_residence = models.CharField(
        _("nơi cư trú ổn định"),
        max_length=20,
        choices=StableResidence.choices,
        default=StableResidence.UNKNOWN,
        help_text=_("Căn cứ Điều 41 Nghị định 105/2021/NĐ-CP."),
    )
    # Family
    father_name = models.CharField(_("họ tên cha"), max_length=120, blank=True)
    father_id_encrypted = models.TextField(blank=True, editable=False)
    mother_name = models.CharField(_("họ tên mẹ"), max_length=120, blank=True)
    mother_id_encrypted = models.TextField(blank=True, editable=False)
    guardian_name = models.CharField(_("người giám hộ, đại diện"), max_length=120, blank=True)
    guardian_relation = models.CharField(_("quan hệ"), max_length=60, blank=True)
    guardian_phone = models.CharField(_("điện thoại người giám hộ"), max_length=20, blank=True)
    # Contact
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    social_account = models.CharField(_("tài khoản mạng xã hội"), max_length=120, blank=True)
    # Legal history flags (Mẫu 05)
    has_drug_crime_record = models.BooleanField(_("có tiền án về ma túy"), default=False)
    has_drug_violation_record = models.BooleanField(
        _("có tiền sự, vi phạm hành chính về ma túy"), default=False
    )
    has_other_record = models.BooleanField(_("có tiền án, tiền sự khác"), default=False)
    record_notes = models.TextField(_("ghi chú tiền án, tiền sự"), blank=True)
    # Drug profile (Mẫu 05)
    substances = models.JSONField(_("loại ma túy sử dụng"), default=list, blank=True)
    route = models.CharField(_("hình thức sử dụng"), max_length=12, choices=Route.choices, blank=True)
    frequency = models.CharField(_("tần suất sử dụng"), max_length=120, blank=True)
    dose = models.CharField(_("liều lượng"), max_length=120, blank=True)
    first_use_on = models.DateField(_("bắt đầu sử dụng từ (tự khai)"), null=True, blank=True)
    first_detected_on = models.DateField(_("ngày bị phát hiện lần đầu"), null=True, blank=True)
    has_psychosis = models.BooleanField(_("có biểu hiện loạn thần do ma túy"), default=False)
    prior_rehab_count = models.PositiveSmallIntegerField(_("số lần đã cai nghiện"), default=0)
    prior_rehab_notes = models.TextField(
        _("thời gian, nơi cai nghiện, số quyết định các lần trước"), blank=True
    )
    # Bookkeeping
    version = models.PositiveIntegerField(default=1, editable=False)
    # Almost every row holds NULL: a full index led SQLite to plan a commune's name search from it
    # and scan every person in the country; with none, PostgreSQL checked the foreign key of every
    # deleted person by scanning the table (deleting 50,000 took hours). Only merged rows are
    # indexed (Meta), which serves the key check and which no search can choose.
    merged_into = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", editable=False, db_index=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_name", "national_id_index", "updated_at"], user_related_name="+"
    )
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")
        indexes = [
            models.Index(fields=["commune", "search_name"]),
            models.Index(fields=["province", "search_name"]),
            # A unit's people as an index-only scan: each source of a unit's report keeps the
            # facts of the unit's people, and PostgreSQL read the people's rows for that each
            # time (a commune's report 525 → 201 ms, docs/performance.md). SQLite's index on
            # the unit already holds the id.
            models.Index(fields=["commune", "id"], name="person_commune_ids"),
            models.Index(fields=["province", "id"], name="person_province_ids"),
            # The few people whose residence is still to verify (the inbox): PostgreSQL looked each
            # positive test's person up to find them (30 → 10 ms in the largest commune, benchmark).
            models.Index(
                fields=["id"],
                condition=Q(stable_residence=StableResidence.UNKNOWN),
                name="person_residence_unknown",
            ),
            models.Index(
                fields=["merged_into"], condition=Q(merged_into__isnull=False), name="person_merged_into_set"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id_index"],
                condition=Q(merged_into__isnull=True) & ~Q(national_id_index=""),
                name="person_unique_current_national_id",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def national_id(self) -> str:
        return crypto.decrypt(self.national_id_encrypted)

    @property
    def national_id_masked(self) -> str:
        return national_id.mask(self.national_id)

    @property
    def father_id(self) -> str:
        return crypto.decrypt(self.father_id_encrypted)

    @property
    def mother_id(self) -> str:
        return crypto.decrypt(self.mother_id_encrypted)

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    def substance_labels(self) -> list[str]:
        return [str(Substance(code).label) for code in self.substances if code in Substance.values]


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")

    def __str__(self) -> str:
        return self.name


class PersonTransfer(models.Model):
    """A move to another commune. The old commune keeps a read-only trace through this row."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, models.PROTECT, related_name="transfers")
    from_province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    from_commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    to_commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    moved_on = models.DateField(_("ngày chuyển đến nơi ở mới"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["from_commune", "person"])]

    def __str__(self) -> str:
        return f"{self.from_commune_id} → {self.to_commune_id} ({self.moved_on})"


class PersonMerge(models.Model):
    """Journal of one merge: which record survived, which was absorbed, and every conflict.

    ``conflicts`` lists ``{"field", "kept", "discarded"}``; identifiers appear masked, and the
    absorbed record is kept unchanged (only marked merged), so nothing is lost.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survivor = models.ForeignKey(Person, models.PROTECT, related_name="merges_absorbed")
    absorbed = models.OneToOneField(Person, models.PROTECT, related_name="merged_by")
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    reason = models.CharField(_("căn cứ hợp nhất"), max_length=255)
    conflicts = models.JSONField(default=list)
    moved = models.JSONField(default=dict, help_text="Rows re-attached to the survivor, by model label.")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.absorbed_id} → {self.survivor_id}"


class ReviewKind(models.TextChoices):
    SAME_ID = "same_id", _("Số định danh đã có trong hồ sơ khác")
    SIMILAR = "similar", _("Họ tên, ngày sinh gần giống hồ sơ khác")


class ReviewSource(models.TextChoices):
    FORM = "form", _("Tạo hồ sơ trên giao diện")
    EDIT = "edit", _("Sửa hồ sơ")
    API = "api", _("Tạo hồ sơ qua API")
    IMPORT = "import", _("Nhập danh sách")


class ReviewOutcome(models.TextChoices):
    TRANSFER = "transfer", _("Cùng một người: chuyển hồ sơ hiện có về xã đề nghị")
    DISTINCT = "distinct", _("Hai người khác nhau: giữ nguyên")
    REFUSE = "refuse", _("Thông tin đề nghị không đúng: xã kiểm tra lại")


class DuplicateReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews a user may read (``accounts.scoping.unit_filter``): a reviewer those the unit
        decides (a province's PC04 the province's, the ministry all, those across provinces
        included); a commune's case-work roles the ones their commune asked for, never the
        records they matched."""
        from hoanhap.lib.roles import Cap

        as_reviewer = unit_filter(user, cap=Cap.REVIEW_DUPLICATES, prefix="reviewer_")
        if not as_reviewer:  # an empty Q is every unit; "Q() | x" would narrow it to x
            return self.all()
        return self.filter(as_reviewer | unit_filter(user, cap=Cap.EDIT_PEOPLE))


class DuplicateReview(models.Model):
    """A record a commune asked to create (or an ID it entered) matched a record outside its scope.

    The commune is told only that the record needs review: whether, and where, the person is in the
    registry is for the level that sees both units to tell (the province, or the ministry across
    provinces). For the same ID the record is not created until then, and what the commune entered
    is kept here, encrypted; for a similar name and birth the record is created and the review
    only asks whether both are one person."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=12, choices=ReviewKind.choices)
    source = models.CharField(_("nguồn"), max_length=12, choices=ReviewSource.choices)
    # The commune that asked, and the level that decides (NULL: the ministry, across provinces).
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    reviewer_province = models.ForeignKey("geo.Province", models.PROTECT, null=True, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # What the commune entered (same ID: the whole form, encrypted JSON) or the record it created.
    submitted = models.TextField(blank=True, editable=False)
    created_person = models.ForeignKey(Person, models.PROTECT, null=True, related_name="+")
    matches = models.ManyToManyField(Person, related_name="+")
    outcome = models.CharField(_("kết luận"), max_length=12, choices=ReviewOutcome.choices, blank=True)
    note = models.CharField(_("ghi chú gửi xã"), max_length=500, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    resolved_at = models.DateTimeField(null=True)

    objects = DuplicateReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("yêu cầu rà soát trùng lặp")
        verbose_name_plural = _("yêu cầu rà soát trùng lặp")
        indexes = [
            models.Index(fields=["reviewer_province", "resolved_at"]),
            models.Index(fields=["requested_by", "requested_at"]),
            models.Index(fields=["commune", "requested_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.commune_id} {self.requested_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
