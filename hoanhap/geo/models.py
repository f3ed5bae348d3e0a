"""Administrative units: official provinces and communes, and the hamlets communes keep themselves.

Units are never deleted: a merged or renamed unit is retired on a date and points at its
replacement, so every record keeps the unit it was filed under.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.dates import today


class UnitQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or today()
        return self.filter(models.Q(retired_on__isnull=True) | models.Q(retired_on__gt=on))


class Province(models.Model):
    code = models.CharField(_("mã"), max_length=2, primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    division_type = models.CharField(_("loại"), max_length=40)
    retired_on = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    replaced_by = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self) -> str:
        return self.name


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class Commune(models.Model):
    code = models.CharField(_("mã"), max_length=5, primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=CommuneKind.choices)
    province = models.ForeignKey(Province, models.PROTECT, related_name="communes", verbose_name=_("tỉnh"))
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    retired_on = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    replaced_by = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = _("xã, phường, đặc khu")
        verbose_name_plural = _("xã, phường, đặc khu")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return f"{self.name}, {self.province.name}"

    @property
    def place_name(self) -> str:
        """The name without its kind, as lists and date lines write it: "Xã Diễn Châu" -> "Diễn Châu",
        "Đặc khu Côn Đảo" -> "Côn Đảo"."""
        for prefix in ("Xã ", "Phường ", "Đặc khu "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class HamletKind(models.TextChoices):
    VILLAGE = "thon", _("Thôn")
    HAMLET = "xom", _("Xóm")
    ETHNIC_VILLAGE = "ban", _("Bản")
    URBAN_BLOCK = "khoi", _("Khối")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")


class Hamlet(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(Commune, models.PROTECT, related_name="hamlets", verbose_name=_("xã"))
    kind = models.CharField(_("loại"), max_length=12, choices=HamletKind.choices)
    name = models.CharField(_("tên"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    retired_on = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sáp nhập vào")
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["commune_id", "search_name"]
        verbose_name = _("thôn, tổ dân phố")
        verbose_name_plural = _("thôn, tổ dân phố")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "search_name"],
                condition=models.Q(retired_on__isnull=True),
                name="hamlet_unique_active_name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class FiledRecord(models.Model):
    """Columns every record filed under a unit shares: a public id for URLs, the province and commune
    it is filed under (for scoping and roll-ups; a unit is never deleted, so the record keeps it), and
    who recorded it when. Abstract: each record's table holds the columns itself."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey(Province, models.PROTECT, related_name="+")
    commune = models.ForeignKey(Commune, models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
