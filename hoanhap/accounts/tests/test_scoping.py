"""The permission table, row by row: who sees which unit, who may write."""

import pytest

from hoanhap.accounts.roles import CAPABILITIES, LEVELS, Cap, Role
from hoanhap.accounts.scoping import can_write
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
