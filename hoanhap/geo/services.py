"""Administrative units: loading the official list, and the hamlets a commune keeps."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from vietnam_provinces import Province as VnProvince
from vietnam_provinces import Ward as VnWard

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune, CommuneKind, Hamlet, Province
from hoanhap.lib.roles import Actor, Cap
from hoanhap.lib.vntext import clean, search_key

_KINDS = {"xã": CommuneKind.COMMUNE, "phường": CommuneKind.WARD, "đặc khu": CommuneKind.SPECIAL_ZONE}


def load_units() -> tuple[int, int]:
    """Insert or refresh the official provinces and communes (vietnam-provinces). Idempotent;
    retirement dates set by administrators are left alone."""
    provinces = [
        Province(code=f"{p.code.value:02d}", name=clean(p.name), division_type=str(p.division_type.value))
        for p in VnProvince.iter_all()
    ]
    communes = [
        Commune(
            code=f"{w.code.value:05d}",
            name=clean(w.name),
            kind=_KINDS[str(w.division_type.value)],
            province_id=f"{w.province_code.value:02d}",
            search_name=search_key(w.name),
        )
        for w in VnWard.iter_all()
    ]
    with transaction.atomic():
        Province.objects.bulk_create(
            provinces, update_conflicts=True, unique_fields=["code"], update_fields=["name", "division_type"]
        )
        Commune.objects.bulk_create(
            communes,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "kind", "province", "search_name"],
            batch_size=500,
        )
    return len(provinces), len(communes)


def retire_commune(actor: Actor, *, commune: Commune, on: dt.date, replaced_by: Commune | None) -> Commune:
    """Record a merger: the unit stays, with its records, and points at its successor."""
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    if replaced_by is not None and replaced_by.pk == commune.pk:
        raise ValidationError(_("Đơn vị không thể sáp nhập vào chính nó."))
    with transaction.atomic():
        commune.retired_on, commune.replaced_by = on, replaced_by
        commune.save(update_fields=["retired_on", "replaced_by"])
        record(
            actor,
            Action.UNIT_CHANGE,
            purpose=Purpose.ADMINISTRATION,
            extra={"commune": commune.pk, "replaced_by": replaced_by.pk if replaced_by else None},
        )
    return commune


def _check_commune_user(actor: Actor, commune: Commune) -> None:
    if not (actor.has_cap(Cap.MANAGE_HAMLETS) and actor.commune_id == commune.pk):
        raise PermissionDenied


def create_hamlet(actor: Actor, *, commune: Commune, kind: str, name: str) -> Hamlet:
    _check_commune_user(actor, commune)
    hamlet = Hamlet(
        commune=commune, kind=kind, name=clean(name), search_name=search_key(name), created_by_id=actor.pk
    )
    hamlet.full_clean(exclude=["search_name"])
    with transaction.atomic():
        _save(hamlet)
        record(
            actor, Action.HAMLET_CHANGE, purpose=Purpose.ADMINISTRATION, extra={"hamlet": str(hamlet.uuid)}
        )
    return hamlet


def update_hamlet(actor: Actor, *, hamlet: Hamlet, expected_version: int, kind: str, name: str) -> Hamlet:
    _check_commune_user(actor, hamlet.commune)
    with transaction.atomic():
        if (
            Hamlet.objects.filter(pk=hamlet.pk, version=expected_version).update(version=F("version") + 1)
            != 1
        ):
            raise ValidationError(_("Thôn, tổ dân phố này vừa được người khác sửa. Hãy tải lại trang."))
        hamlet.kind, hamlet.name, hamlet.search_name = kind, clean(name), search_key(name)
        hamlet.version = expected_version + 1
        _save(hamlet)
        record(
            actor, Action.HAMLET_CHANGE, purpose=Purpose.ADMINISTRATION, extra={"hamlet": str(hamlet.uuid)}
        )
    return hamlet


def retire_hamlet(actor: Actor, *, hamlet: Hamlet, on: dt.date, replaced_by: Hamlet | None) -> Hamlet:
    """People keep the hamlet they were filed under; new records use the successor."""
    _check_commune_user(actor, hamlet.commune)
    if replaced_by is not None and (
        replaced_by.pk == hamlet.pk or replaced_by.commune_id != hamlet.commune_id
    ):
        raise ValidationError(_("Hãy chọn một thôn, tổ dân phố khác của cùng xã."))
    with transaction.atomic():
        hamlet.retired_on, hamlet.replaced_by = on, replaced_by
        hamlet.version += 1
        hamlet.save(update_fields=["retired_on", "replaced_by", "version"])
        record(
            actor,
            Action.HAMLET_CHANGE,
            purpose=Purpose.ADMINISTRATION,
            extra={"hamlet": str(hamlet.uuid), "retired": True},
        )
    return hamlet


def _save(hamlet: Hamlet) -> None:
    try:
        with transaction.atomic():
            hamlet.save()
    except IntegrityError as exc:
        raise ValidationError({"name": _("Xã đã có thôn, tổ dân phố mang tên này.")}) from exc
