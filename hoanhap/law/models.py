from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleOverride(models.Model):
    """An administrator's value for an unverified rule of one regime. Rows are never edited: the
    newest row wins, and the earlier ones are the history of the setting."""

    regime = models.CharField(max_length=20)
    rule = models.CharField(max_length=60)
    value = models.CharField(_("giá trị"), max_length=60)
    note = models.CharField(_("căn cứ điều chỉnh"), max_length=255)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        indexes = [models.Index(fields=["regime", "rule", "-set_at"])]

    def __str__(self) -> str:
        return f"{self.regime}.{self.rule} = {self.value}"


class DayKind(models.TextChoices):
    WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")
    DAY_OFF = "day_off", _("Ngày nghỉ (nghỉ bù, nghỉ thêm)")


class CalendarDay(models.Model):
    """A day the Government declares differently from the public-holiday calendar: a Saturday
    worked to make up for a bridge day, or an extra day off."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=DayKind.choices)
    basis = models.CharField(_("căn cứ"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày làm việc, nghỉ đặc biệt")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.kind}"
