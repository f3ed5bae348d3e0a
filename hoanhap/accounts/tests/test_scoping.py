"""The permission table, row by row: who sees which unit, who may write."""

import pytest

from hoanhap.accounts.scoping import can_write
from hoanhap.lib.roles import CAPABILITIES, LEVELS, Cap, Role
from hoanhap.people.models import Person


def test_every_role_has_a_level_and_capabilities():
    assert set(LEVELS) == set(Role) == set(CAPABILITIES)


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b", "sees_c", "writes_a"),
    [
        ("officer_a", True, False, False, True),
        ("head_a", True, False, False, True),
        ("chairman_a", True, False, False, False),
        ("health_a", True, False, False, False),
        ("helper_a", False, False, False, False),
        ("officer_b", False, True, False, False),
        ("province_manager", True, True, False, False),
        ("provincial_police", True, True, False, False),
        ("ministry", True, True, True, False),
        ("auditor", False, False, False, False),
        ("sysadmin", False, False, False, False),
    ],
)
def test_scope_matrix(
    request, make_person, officer_a, officer_b, officer_c, who, sees_a, sees_b, sees_c, writes_a
):
    import datetime as dt

    a = make_person(officer_a)
    b = make_person(officer_b, full_name="Lê Văn Bình", birth_date=dt.date(1985, 1, 1))
    c = make_person(officer_c, full_name="Y Bin Niê", birth_date=dt.date(1992, 1, 1))
    user = request.getfixturevalue(who)
    visible = set(Person.objects.visible_to(user).values_list("pk", flat=True))
    assert (a.pk in visible, b.pk in visible, c.pk in visible) == (sees_a, sees_b, sees_c)
    assert can_write(user, a) is writes_a


def test_a_disabled_user_sees_nothing(officer_a, make_person):
    make_person(officer_a)
    officer_a.is_active = False
    assert not Person.objects.visible_to(officer_a).exists()


def test_only_the_commune_police_head_may_merge():
    mergers = {role for role, caps in CAPABILITIES.items() if Cap.MERGE_PEOPLE in caps}
    assert mergers == {Role.COMMUNE_POLICE_HEAD}


def test_no_user_and_an_anonymous_one_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    from hoanhap.accounts.scoping import NOTHING, unit_filter

    assert unit_filter(None) is NOTHING and unit_filter(AnonymousUser()) is NOTHING


def test_a_unit_role_without_its_unit_sees_nothing(officer_a, provincial_police, make_person):
    """A commune role whose commune is missing (or a province role without its province) is not
    given every unit, nor the rows with no unit."""
    from hoanhap.accounts.scoping import NOTHING, unit_filter

    make_person(officer_a)
    officer_a.commune_id = None
    provincial_police.province_id = None
    assert unit_filter(officer_a) is NOTHING and unit_filter(provincial_police) is NOTHING


@pytest.mark.parametrize(
    ("who", "count"),
    [("officer_a", 1), ("officer_b", 1), ("province_manager", 2), ("ministry", 3), ("helper_a", 0)],
)
def test_within_narrows_to_the_unit_and_fails_closed(
    request, make_person, officer_a, officer_b, officer_c, who, count
):
    """``within`` applied to tips: its unit's only, all for the country, none without the capability
    (``also`` adds rows only for a user who has it)."""
    from django.db.models import Q

    from hoanhap.accounts.scoping import within
    from hoanhap.hotline import services as hotline
    from hoanhap.hotline.models import Tip

    for officer in (officer_a, officer_b, officer_c):
        hotline.receive_tip(officer, channel="phone", category="use", summary="x", commune=officer.commune)
    user = request.getfixturevalue(who)
    assert within(Tip.objects.all(), user).count() == count
    everything = Q(pk__isnull=False)
    assert within(Tip.objects.all(), user, also=everything).count() == (3 if count else 0)
    assert within(Tip.objects.all(), user, cap=Cap.MANAGE_USERS, also=everything).count() == 0


def test_get_for_user_reads_audits_and_hides_what_is_out_of_scope(officer_a, officer_c):
    """One 404 for missing, out of scope and not a uuid; the read audited under the row, the
    denial under the row asked for."""
    import uuid

    from django.http import Http404

    from hoanhap.accounts.scoping import get_for_user, within
    from hoanhap.audit.models import Action, AuditEntry, Purpose
    from hoanhap.hotline import services as hotline
    from hoanhap.hotline.models import Tip

    tip = hotline.receive_tip(
        officer_a, channel="phone", category="use", summary="x", commune=officer_a.commune
    )
    mine = get_for_user(officer_a, within(Tip.objects.all(), officer_a), str(tip.uuid), extra={"n": 1})
    assert mine == tip
    read = AuditEntry.objects.filter(actor=officer_a, action=Action.PERSON_READ).latest("id")
    assert (read.object_uuid, read.commune_code, read.purpose, read.extra) == (
        tip.uuid,
        tip.commune_id,
        Purpose.CASE_WORK,
        {"n": 1},
    )
    for asked in (tip.uuid, uuid.uuid4(), "not-a-uuid"):
        with pytest.raises(Http404):
            get_for_user(
                officer_c,
                within(Tip.objects.all(), officer_c),
                asked,
                purpose=Purpose.SEARCH,
                extra={"api": "t"},
            )
    denials = list(AuditEntry.objects.filter(actor=officer_c, action=Action.DENIED).order_by("id"))
    assert [(d.object_uuid, d.commune_code, d.purpose) for d in denials] == [
        (tip.uuid, tip.commune_id, Purpose.SEARCH),
        (None, "", Purpose.SEARCH),
    ]
    assert denials[0].extra == {"requested": str(tip.uuid), "api": "t"}
    quiet = get_for_user(officer_a, within(Tip.objects.all(), officer_a), tip.uuid, read=None)
    assert quiet == tip and AuditEntry.objects.filter(actor=officer_a, action=Action.PERSON_READ).count() == 1
    # ``audit_obj`` is given the row read, and the read is audited as what it returns.
    as_user = get_for_user(
        officer_a,
        within(Tip.objects.all(), officer_a),
        tip.uuid,
        audit_obj=lambda t: t.created_by if t else None,
    )
    assert as_user == tip
    read = AuditEntry.objects.filter(actor=officer_a, action=Action.PERSON_READ).latest("id")
    assert read.object_uuid == tip.created_by.uuid


def test_within_reads_the_unit_through_a_prefix(officer_a, officer_c, make_person):
    """A transfer is filed under the commune it left (``from_``): the old commune reads it, the new
    one does not through that prefix."""
    import datetime as dt

    from hoanhap.accounts.scoping import within
    from hoanhap.people.models import PersonTransfer
    from hoanhap.people.services import transfer_person

    person = make_person(officer_a)
    transfer_person(officer_a, person=person, to_commune=officer_c.commune, moved_on=dt.date(2026, 9, 1))
    assert within(PersonTransfer.objects.all(), officer_a, prefix="from_").count() == 1
    assert within(PersonTransfer.objects.all(), officer_c, prefix="from_").count() == 0
