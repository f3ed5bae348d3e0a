"""Roles, the unit level each works at, and what each may do.

This table is the whole permission model; ``hoanhap.accounts.scoping`` applies it. It imports
nothing of ours and every layer reads it (the audit browser and the hamlet register too, which sit
below accounts), so it lives here at the bottom rather than in ``accounts``.
"""

from enum import StrEnum
from typing import Any, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(StrEnum):
    COMMUNE = "commune"
    PROVINCE = "province"
    NATIONAL = "national"


class Role(models.TextChoices):
    COMMUNE_POLICE_HEAD = "commune_police_head", _("Trưởng Công an xã")
    COMMUNE_POLICE = "commune_police", _("Cán bộ Công an xã")
    COMMUNE_CHAIRMAN = "commune_chairman", _("Chủ tịch UBND xã")
    COMMUNE_SOCIAL = "commune_social", _("Công chức văn hóa – xã hội xã")
    COMMUNE_HEALTH = "commune_health", _("Trạm Y tế xã")
    HELPER = "helper", _("Người giúp đỡ, tình nguyện viên")
    FACILITY_STAFF = "facility_staff", _("Cán bộ cơ sở cai nghiện, điều trị Methadone")
    PROVINCIAL_POLICE = "provincial_police", _("Công an tỉnh (PC04)")
    PROVINCIAL_MANAGER = "provincial_manager", _("Lãnh đạo, chuyên viên cấp tỉnh")
    MINISTRY_VIEWER = "ministry_viewer", _("Bộ Công an (C04)")
    AUDITOR = "auditor", _("Kiểm tra viên")
    SYSADMIN = "sysadmin", _("Quản trị hệ thống")


class Cap(StrEnum):
    """Capabilities: what a role may do within its scope."""

    VIEW_PEOPLE = "view_people"
    EDIT_PEOPLE = "edit_people"
    VIEW_NATIONAL_ID = "view_national_id"
    MERGE_PEOPLE = "merge_people"
    TRANSFER_PEOPLE = "transfer_people"
    EXPORT_PEOPLE = "export_people"
    MANAGE_HAMLETS = "manage_hamlets"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    SUPPORT_ASSIGNED = "support_assigned"  # a helper's own assignments, nothing else
    RECEIVE_REFERRALS = "receive_referrals"  # referrals sent to the providers one belongs to
    VIEW_REPORTER = "view_reporter"  # the sealed identity of a citizen who reported a tip
    PREPARE_REPORTS = "prepare_reports"  # the commune's periodic reports: prepare, annotate, submit
    REVIEW_REPORTS = "review_reports"  # the province: return, approve, reopen; its own roll-up
    VIEW_REPORTS = "view_reports"  # indicators and reports of the unit, read only
    HANDLE_DATA_REQUESTS = "handle_data_requests"  # requests of people about their own data
    RECORD_BREACHES = "record_breaches"  # the unit's personal-data breach register
    REVIEW_DUPLICATES = "review_duplicates"  # records that matched across units: decide, move


_COMMUNE_CASEWORK = {
    Cap.VIEW_PEOPLE,
    Cap.EDIT_PEOPLE,
    Cap.VIEW_NATIONAL_ID,
    Cap.TRANSFER_PEOPLE,
    Cap.EXPORT_PEOPLE,
    Cap.MANAGE_HAMLETS,
    Cap.PREPARE_REPORTS,
    Cap.VIEW_REPORTS,
    Cap.HANDLE_DATA_REQUESTS,
}

LEVELS: dict[Role, Level] = {
    Role.COMMUNE_POLICE_HEAD: Level.COMMUNE,
    Role.COMMUNE_POLICE: Level.COMMUNE,
    Role.COMMUNE_CHAIRMAN: Level.COMMUNE,
    Role.COMMUNE_SOCIAL: Level.COMMUNE,
    Role.COMMUNE_HEALTH: Level.COMMUNE,
    Role.HELPER: Level.COMMUNE,
    Role.FACILITY_STAFF: Level.PROVINCE,
    Role.PROVINCIAL_POLICE: Level.PROVINCE,
    Role.PROVINCIAL_MANAGER: Level.PROVINCE,
    Role.MINISTRY_VIEWER: Level.NATIONAL,
    Role.AUDITOR: Level.PROVINCE,
    Role.SYSADMIN: Level.NATIONAL,
}

CAPABILITIES: dict[Role, frozenset[Cap]] = {
    Role.COMMUNE_POLICE_HEAD: frozenset(
        _COMMUNE_CASEWORK | {Cap.MERGE_PEOPLE, Cap.VIEW_REPORTER, Cap.RECORD_BREACHES}
    ),
    Role.COMMUNE_POLICE: frozenset(_COMMUNE_CASEWORK),
    Role.COMMUNE_SOCIAL: frozenset(_COMMUNE_CASEWORK - {Cap.TRANSFER_PEOPLE}),
    Role.COMMUNE_CHAIRMAN: frozenset({Cap.VIEW_PEOPLE, Cap.VIEW_NATIONAL_ID, Cap.VIEW_REPORTS}),
    Role.COMMUNE_HEALTH: frozenset({Cap.VIEW_PEOPLE, Cap.VIEW_REPORTS}),
    # Helpers see only the people of their assignments in force, through the support app's own
    # views, never the unit registry. Facility staff: the same by relationship, not built yet.
    Role.HELPER: frozenset({Cap.SUPPORT_ASSIGNED}),
    Role.FACILITY_STAFF: frozenset({Cap.RECEIVE_REFERRALS}),
    Role.PROVINCIAL_POLICE: frozenset(
        {
            Cap.VIEW_PEOPLE,
            Cap.VIEW_NATIONAL_ID,
            Cap.EXPORT_PEOPLE,
            Cap.VIEW_REPORTER,
            Cap.REVIEW_REPORTS,
            Cap.VIEW_REPORTS,
            Cap.REVIEW_DUPLICATES,
        }
    ),
    Role.PROVINCIAL_MANAGER: frozenset({Cap.VIEW_PEOPLE, Cap.REVIEW_REPORTS, Cap.VIEW_REPORTS}),
    Role.MINISTRY_VIEWER: frozenset({Cap.VIEW_PEOPLE, Cap.VIEW_REPORTS, Cap.REVIEW_DUPLICATES}),
    Role.AUDITOR: frozenset({Cap.VIEW_AUDIT, Cap.RECORD_BREACHES}),
    Role.SYSADMIN: frozenset({Cap.MANAGE_USERS, Cap.RECORD_BREACHES}),
}

# Roles whose scope is a relationship (assigned people, a facility's clients), not a unit.
RELATIONSHIP_SCOPED = frozenset({Role.HELPER, Role.FACILITY_STAFF})


class Actor(Protocol):
    """Who acts, as the apps below ``accounts`` see a user (``accounts.User`` is one): what the
    role allows, and the commune the user works in."""

    pk: Any
    commune_id: str | None

    def has_cap(self, cap: "Cap") -> bool: ...
