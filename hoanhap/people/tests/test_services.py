import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.geo.models import Commune
from hoanhap.people import services
from hoanhap.people.models import Person, PersonAlias, PersonMerge
from hoanhap.people.selectors import search_people

ID_1990_MALE = "040090012345"


def test_creating_a_person_encrypts_the_id_and_audits(officer_a, make_person):
    person = make_person(officer_a, national_id=ID_1990_MALE)
    stored = Person.objects.get(pk=person.pk)
    assert ID_1990_MALE not in stored.national_id_encrypted
    assert stored.national_id == ID_1990_MALE
    assert stored.province_id == "40" and stored.birth_year == 1990
    assert AuditEntry.objects.filter(action=Action.PERSON_CREATE, object_uuid=person.uuid).exists()


def test_a_second_record_with_the_same_id_in_the_commune_is_refused_by_name(officer_a, head_a, make_person):
    make_person(officer_a, national_id=ID_1990_MALE)
    with pytest.raises(ValidationError) as exc:
        make_person(head_a, full_name="Người Khác", national_id=ID_1990_MALE)
    assert "national_id" in exc.value.error_dict


def test_similar_name_with_same_birth_date_in_the_commune_needs_confirmation(officer_a, head_a, make_person):
    make_person(officer_a, full_name="Nguyễn Văn An")
    data = {"full_name": "nguyen van an", "birth_date": dt.date(1990, 5, 9), "sex": "male"}
    with pytest.raises(services.PossibleDuplicateError) as exc:
        services.create_person(head_a, commune=head_a.commune, data=data)
    assert len(exc.value.candidates.similar) == 1
    confirmed = services.create_person(head_a, commune=head_a.commune, data=data, confirm_not_duplicate=True)
    assert confirmed.pk


def test_only_the_persons_commune_may_create_there(officer_a, province_manager):
    data = {"full_name": "Lê Văn Bình", "birth_year": 1985, "sex": "male"}
    with pytest.raises(PermissionDenied):
        services.create_person(province_manager, commune=officer_a.commune, data=data)


def test_concurrent_edits_never_overwrite_each_other(officer_a, head_a, make_person):
    person = make_person(officer_a)
    # Both open the form at version 1.
    first = Person.objects.get(pk=person.pk)
    second = Person.objects.get(pk=person.pk)
    services.update_person(officer_a, person=first, expected_version=1, data={"phone": "0911111111"})
    with pytest.raises(services.StaleEditError) as exc:
        services.update_person(head_a, person=second, expected_version=1, data={"phone": "0922222222"})
    assert exc.value.current.phone == "0911111111"
    assert Person.objects.get(pk=person.pk).phone == "0911111111"
    assert AuditEntry.objects.filter(action=Action.PERSON_UPDATE_CONFLICT, actor=head_a).exists()


def test_edits_are_versioned_with_visible_history(officer_a, make_person):
    person = make_person(officer_a)
    services.update_person(officer_a, person=person, expected_version=1, data={"occupation": "Thợ xây"})
    assert person.version == 2
    latest, created = person.history.order_by("-history_id")[:2]
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(created).changes}
    assert changes["occupation"] == ("", "Thợ xây")
    assert latest.history_user == officer_a


def test_officer_of_another_commune_cannot_edit(officer_a, officer_b, make_person):
    person = make_person(officer_a)
    with pytest.raises(PermissionDenied):
        services.update_person(officer_b, person=person, expected_version=1, data={"phone": "0933333333"})


def test_merge_keeps_survivor_values_and_journals_every_conflict(head_a, make_person):
    survivor = make_person(head_a, phone="0911111111", occupation="")
    absorbed = make_person(
        head_a, full_name="Nguyen Van An", phone="0922222222", occupation="Lái xe", national_id=ID_1990_MALE
    )
    PersonAlias.objects.create(person=absorbed, name="Tý", search_name="ty")
    journal = services.merge_people(
        head_a,
        survivor=survivor,
        absorbed=absorbed,
        take_from_absorbed=set(),
        reason="Cùng cha mẹ, cùng ngày sinh",
    )
    survivor.refresh_from_db()
    absorbed.refresh_from_db()
    assert survivor.phone == "0911111111"  # conflict: survivor's value kept
    assert survivor.occupation == "Lái xe"  # empty field filled from the absorbed record
    assert survivor.national_id == ID_1990_MALE
    assert absorbed.merged_into == survivor and absorbed.phone == "0922222222"  # nothing lost
    conflicts = {c["field"]: c for c in journal.conflicts}
    assert conflicts["phone"] == {
        "field": "phone",
        "kept": "0911111111",
        "discarded": "0922222222",
        "kept_from": "survivor",
    }
    assert conflicts["full_name"]["discarded"] == "Nguyen Van An"
    assert journal.moved == {"people.personalias": 1}
    assert set(survivor.aliases.values_list("name", flat=True)) == {"Tý", "Nguyen Van An"}


def test_merge_can_take_a_conflicting_value_from_the_absorbed_record(head_a, make_person):
    survivor = make_person(head_a, phone="0911111111")
    absorbed = make_person(head_a, phone="0922222222")
    journal = services.merge_people(
        head_a, survivor=survivor, absorbed=absorbed, take_from_absorbed={"phone"}, reason="Số điện thoại mới"
    )
    survivor.refresh_from_db()
    assert survivor.phone == "0922222222"
    assert PersonMerge.objects.get(pk=journal.pk).conflicts[0]["discarded"] == "0911111111"


def test_merge_needs_a_reason_and_the_merge_capability(officer_a, head_a, make_person):
    a, b = make_person(head_a), make_person(head_a)
    with pytest.raises(PermissionDenied):
        services.merge_people(officer_a, survivor=a, absorbed=b, take_from_absorbed=set(), reason="x")
    with pytest.raises(ValidationError):
        services.merge_people(head_a, survivor=a, absorbed=b, take_from_absorbed=set(), reason="  ")


def test_transfer_moves_the_record_and_leaves_a_read_only_trace(officer_a, officer_c, make_person):
    person = make_person(officer_a)
    services.transfer_person(
        officer_a,
        person=person,
        to_commune=Commune.objects.get(pk=officer_c.commune_id),
        moved_on=dt.date(2026, 9, 1),
    )
    person.refresh_from_db()
    assert (person.commune_id, person.province_id) == (officer_c.commune_id, "66")
    assert person.history.count() == 2  # created, then moved: history intact
    assert Person.objects.visible_to(officer_a).filter(pk=person.pk).exists()  # the trace
    with pytest.raises(PermissionDenied):
        services.update_person(officer_a, person=person, expected_version=person.version, data={"phone": "1"})
    assert list(search_people(officer_c, query="nguyen van an")) == [person]


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "van an", "Nguyễn  Văn An"])
def test_search_ignores_accents_case_and_spacing(officer_a, make_person, query):
    person = make_person(officer_a, full_name="Nguyễn Văn An")
    make_person(officer_a, full_name="Trần Thị Bình", birth_date=dt.date(1991, 1, 1), sex="female")
    assert list(search_people(officer_a, query=query)) == [person]


def test_search_by_alias_id_birth_year_and_hamlet(officer_a, make_person):
    from hoanhap.geo.services import create_hamlet

    hamlet = create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="3")
    person = make_person(officer_a, national_id=ID_1990_MALE, hamlet=hamlet)
    PersonAlias.objects.create(person=person, name="Tèo", search_name="teo")
    make_person(officer_a, full_name="Lê Văn Cường", birth_date=dt.date(1980, 1, 1))
    assert list(search_people(officer_a, query="teo")) == [person]
    assert list(search_people(officer_a, query=ID_1990_MALE)) == [person]
    assert list(search_people(officer_a, birth_year=1990)) == [person]
    assert list(search_people(officer_a, hamlet=hamlet)) == [person]
