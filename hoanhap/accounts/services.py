"""Account use cases: log-in bookkeeping, two-factor enrolment, creating and disabling users."""

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts import throttle
from hoanhap.accounts.models import EnrolmentCode, User, UserSession
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.codes import ALPHABET
from hoanhap.lib.dates import now
from hoanhap.lib.roles import LEVELS, Cap, Level, Role

logger = logging.getLogger(__name__)

# One-time recovery codes given at enrolment, for a day without the phone.
RECOVERY_CODE_COUNT = 10
# Read aloud or copied from paper: 16 characters nobody confuses (about 79 random bits), in groups.
ENROLMENT_CODE_GROUPS, ENROLMENT_CODE_GROUP = 4, 4


def requires_two_factor(user: User) -> bool:
    """Every account needs TOTP, except demo accounts while the system runs in demo mode."""
    exempt = bool(settings.DEMO_MODE and user.is_demo)
    return bool(settings.TWO_FACTOR_REQUIRED) and not exempt


def has_confirmed_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def note_login(*, user: User, session_key: str, address: str) -> None:
    with transaction.atomic():
        UserSession.objects.get_or_create(user=user, session_key=session_key)
        throttle.forget(address=address, username=user.get_username())
        record(user, Action.LOGIN, purpose=Purpose.SECURITY)


def note_new_session_key(*, user: User, old: str | None, new: str) -> None:
    """The session got a new key (after the second factor): the user's list of sessions follows."""
    UserSession.objects.filter(user=user, session_key=old).update(session_key=new)


def note_logout(*, user: User, session_key: str | None) -> None:
    with transaction.atomic():
        UserSession.objects.filter(user=user, session_key=session_key).delete()
        record(user, Action.LOGOUT, purpose=Purpose.SECURITY)


def note_failed_login(*, username: str, address: str) -> None:
    """A wrong password (or an account that may not sign in): audited, and counted by the throttle.
    When the address reaches the spraying threshold, an alert: a WARNING line (no user names) and
    an audit row (the address is the row's own)."""
    with transaction.atomic():
        names = throttle.note_failure(address=address, username=username)
        record(None, Action.LOGIN_FAILED, purpose=Purpose.SECURITY, username=username)
        if names is None:
            return
        minutes = settings.LOGIN_SPRAY_MINUTES
        extra = {"names": names, "minutes": minutes}
        record(None, Action.LOGIN_SPRAYING, purpose=Purpose.SECURITY, extra=extra)
        message = "Password spraying: %d user names failed from %s within %d minutes; its log-ins are refused"
        transaction.on_commit(lambda: logger.warning(message, names, address, minutes))


def note_throttled_login(*, username: str, seconds: int) -> None:
    """A log-in refused unchecked, the throttle asking this address to wait."""
    record(None, Action.LOCKED_OUT, purpose=Purpose.SECURITY, username=username, extra={"wait": seconds})


def issue_enrolment_code(actor: User | None, *, user: User) -> str:
    """A new one-time enrolment code for ``user``, replacing any earlier one, valid
    ENROLMENT_CODE_HOURS. Returned once, for the administrator to hand over; only its hash is kept.
    The caller audits the occasion (an account created, a second factor reset)."""
    code = "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(ENROLMENT_CODE_GROUP))
        for _ in range(ENROLMENT_CODE_GROUPS)
    )
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user).delete()  # a new row: a session holding the old one loses it
        EnrolmentCode.objects.create(
            user=user,
            digest=_enrolment_digest(code),
            issued_by=actor,
            expires_at=now() + dt.timedelta(hours=settings.ENROLMENT_CODE_HOURS),
        )
    return code


def _enrolment_digest(code: str) -> str:
    normalised = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


def accept_enrolment_code(actor: User, *, code: str) -> EnrolmentCode:
    """The user's live enrolment code, if ``code`` is it: the first step of enrolling, before any
    seed is shown. A wrong or expired code is audited and refused. The code is spent only when
    the enrolment it opened is confirmed (confirm_enrolment)."""
    live = EnrolmentCode.objects.filter(user=actor, expires_at__gt=now()).first()
    if live is None or not hmac.compare_digest(live.digest, _enrolment_digest(code)):
        record(actor, Action.OTP_FAILED, purpose=Purpose.SECURITY, extra={"step": "enrolment_code"})
        raise ValidationError(
            _("Mã kích hoạt không đúng hoặc đã hết hạn. Hãy xin quản trị hệ thống cấp mã mới.")
        )
    return live


def start_enrolment(actor: User) -> TOTPDevice:
    """A new seed for one enrolment attempt, for the one session that will show it (the view keeps
    its id in the session). Any other unconfirmed device of the user goes: another session's
    attempt or an abandoned one, so that a seed seen elsewhere can never be the one confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        return TOTPDevice.objects.create(user=actor, name="HoaNhap", confirmed=False)


def enrolment_device(user: User, device_id: int | None) -> TOTPDevice | None:
    """The unconfirmed device this session started, if it is still the user's attempt."""
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()


def confirm_enrolment(actor: User, *, device: TOTPDevice, code_id: int, token: str) -> list[str]:
    """Confirm the session's device with a token from the app, spending the enrolment code the
    session gave (``code_id``): one code, one enrolment. Returns the user's new recovery codes,
    to be shown once."""
    if not device.verify_token(token):
        record(actor, Action.OTP_FAILED, purpose=Purpose.SECURITY)
        raise ValidationError(_("Mã xác thực không đúng. Hãy nhập mã 6 số đang hiện trên ứng dụng."))
    with transaction.atomic():
        # Compare-and-set: of two sessions that accepted the same code, one confirms.
        spent, _by_model = EnrolmentCode.objects.filter(pk=code_id, user=actor, expires_at__gt=now()).delete()
        if not spent:
            raise ValidationError(
                _("Mã kích hoạt đã được dùng hoặc đã hết hạn. Hãy xin quản trị hệ thống cấp mã mới."),
                code="enrolment_code",
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=actor, confirmed=False).exclude(pk=device.pk).delete()
        codes = _replace_recovery_codes(actor)
        record(actor, Action.OTP_ENROLLED, purpose=Purpose.SECURITY, extra={"recovery_codes": len(codes)})
    return codes


def issue_recovery_codes(actor: User) -> list[str]:
    """A new list of one-time recovery codes for the user's own account, to be shown once; the
    old list stops working."""
    if not has_confirmed_device(actor):
        raise ValidationError(_("Hãy kích hoạt xác thực hai lớp trước khi tạo mã khôi phục."))
    with transaction.atomic():
        codes = _replace_recovery_codes(actor)
        record(actor, Action.RECOVERY_CODES, purpose=Purpose.SECURITY, extra={"recovery_codes": len(codes)})
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    """django-otp's static tokens: each matches once (match_token deletes it) in place of a TOTP code."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def note_recovery_code_used(*, user: User) -> int:
    """A recovery code passed the second factor: audited, and how many are left is returned so
    that the user is told (and makes new ones before running out)."""
    left = recovery_codes_left(user)
    record(user, Action.RECOVERY_CODE_USED, purpose=Purpose.SECURITY, extra={"left": left})
    return left


def end_sessions(*, user: User) -> int:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def reset_two_factor(actor: User, *, user: User) -> str:
    """Start ``user``'s second factor over (a lost phone, a suspected hijack): every device of the
    user goes, every session ends, and a new enrolment code is returned once, for the
    administrator to hand over."""
    own = _("Không thể tự đặt lại xác thực hai lớp của chính mình; hãy nhờ một quản trị viên khác.")
    _check_admin(actor, user, own=own)
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        ended = end_sessions(user=user)
        code = issue_enrolment_code(actor, user=user)
        extra = {"devices": len(devices), "sessions": ended}
        record(actor, Action.OTP_RESET, purpose=Purpose.ADMINISTRATION, obj=user, extra=extra)
    return code


def disable_user(actor: User, *, user: User) -> User:
    """Disable an account and end every session it holds, at once."""
    _check_admin(actor, user)
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = end_sessions(user=user)
        record(
            actor, Action.USER_DISABLE, purpose=Purpose.ADMINISTRATION, obj=user, extra={"sessions": ended}
        )
    return user


def enable_user(actor: User, *, user: User) -> User:
    _check_admin(actor, user)
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(actor, Action.USER_ENABLE, purpose=Purpose.ADMINISTRATION, obj=user)
    return user


def create_user(actor: User | None, *, password: str, **fields: Any) -> User:
    """Create an account; the unit must match the level of the role."""
    user = User(**fields)
    _check_unit_matches_role(user)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    with transaction.atomic():
        user.save()
        if actor is not None:
            record(actor, Action.USER_CREATE, purpose=Purpose.ADMINISTRATION, obj=user)
    return user


def create_user_with_enrolment_code(actor: User | None, *, password: str, **fields: Any) -> tuple[User, str]:
    """A new account and the one-time code its owner needs, with the password, to enrol a second
    factor. The code is returned once, for the administrator to hand over in person."""
    with transaction.atomic():
        user = create_user(actor, password=password, **fields)
        return user, issue_enrolment_code(actor, user=user)


def _check_unit_matches_role(user: User) -> None:
    level = LEVELS[Role(user.role)]
    if level is Level.COMMUNE and not user.commune_id:
        raise ValidationError({"commune": _("Vai trò cấp xã phải gắn với một xã, phường.")})
    if level is Level.PROVINCE and (not user.province_id or user.commune_id):
        raise ValidationError({"province": _("Vai trò cấp tỉnh phải gắn với một tỉnh và không gắn với xã.")})
    if level is Level.NATIONAL and (user.province_id or user.commune_id):
        raise ValidationError({"province": _("Vai trò cấp trung ương không gắn với tỉnh hay xã.")})
    if user.commune is not None:
        user.province_id = user.commune.province_id


def _check_admin(actor: User, user: User, *, own: str | None = None) -> None:
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    if actor.pk == user.pk:
        raise ValidationError(own or _("Không thể tự vô hiệu hóa tài khoản của chính mình."))
