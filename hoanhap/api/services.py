"""Issuing, checking and revoking API tokens."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.api.models import ApiAction, ApiToken
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.dates import now
from hoanhap.lib.roles import Cap

TOKEN_PREFIX = "hn"  # noqa: S105 (marks our tokens; not a secret)
MAX_DAYS = 366


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(actor: User, *, user: User, name: str, actions: list[str], days: int) -> tuple[ApiToken, str]:
    """A new token for ``user`` (a system account of a unit). Returns the token and its full secret,
    which is not stored and cannot be shown again."""
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    unknown = sorted(set(actions) - set(ApiAction.values))
    if unknown or not actions:
        raise ValidationError({"actions": _("Quyền không hợp lệ: %(a)s.") % {"a": ", ".join(unknown) or "-"}})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("Thời hạn từ 1 đến %(n)s ngày.") % {"n": MAX_DAYS}})
    if not user.is_active:
        raise ValidationError({"user": _("Tài khoản đã bị khóa.")})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(),
        user=user,
        prefix=prefix,
        secret_hash=_hash(secret),
        actions=sorted(set(actions)),
        province_id=user.province_id,
        commune_id=user.commune_id,
        expires_at=now() + dt.timedelta(days=days),
        created_by=actor,
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
        record(
            actor,
            Action.TOKEN_ISSUE,
            purpose=Purpose.ADMINISTRATION,
            extra={"token": prefix, "user": user.pk},
        )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def check_token(raw: str) -> ApiToken | None:
    """The live token for a presented secret, or None: unknown, revoked, expired, its user locked
    (or a demo account outside demo mode), or its user moved to another unit since it was issued."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(parts[2])):
        return None
    user = token.user
    moved = (user.province_id, user.commune_id) != (token.province_id, token.commune_id)
    if token.revoked_at or token.expires_at <= now() or not user.can_sign_in() or moved:
        return None
    stamp = now()
    if token.last_used_at is None or stamp - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=stamp)
    return token


def revoke_token(actor: User, *, token: ApiToken) -> None:
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now())
        record(actor, Action.TOKEN_REVOKE, purpose=Purpose.ADMINISTRATION, extra={"token": token.prefix})
