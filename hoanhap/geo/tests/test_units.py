import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.geo import services
from hoanhap.geo.models import Commune, CommuneKind, Hamlet, Province
from hoanhap.people.models import Person


def test_official_units_load_completely_and_idempotently(db):
    assert services.load_units() == (34, 3321)
    assert services.load_units() == (34, 3321)
    assert Province.objects.count() == 34 and Commune.objects.count() == 3321
    dien_chau = Commune.objects.get(pk="17464")
    assert (dien_chau.name, dien_chau.province.name, dien_chau.kind) == ("Xã Diễn Châu", "Nghệ An", "xa")
    kinds = {k: Commune.objects.filter(kind=k).count() for k in CommuneKind.values}
    assert kinds == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    assert not Commune.objects.filter(name__contains="  ").exists()  # source has double spaces


def test_reloading_keeps_a_retirement_set_by_an_administrator(sysadmin):
    services.load_units()
    old, new = Commune.objects.get(pk="17464"), Commune.objects.get(pk="16939")
    services.retire_commune(sysadmin, commune=old, on=dt.date(2026, 7, 1), replaced_by=new)
    services.load_units()
    old.refresh_from_db()
    assert old.retired_on == dt.date(2026, 7, 1) and old.replaced_by == new
    assert not Commune.objects.active(on=dt.date(2026, 8, 1)).filter(pk="17464").exists()
    assert Commune.objects.active(on=dt.date(2026, 6, 30)).filter(pk="17464").exists()


def test_a_person_keeps_the_unit_filed_under_after_it_is_retired(officer_a, sysadmin, make_person):
    person = make_person(officer_a)
    services.retire_commune(sysadmin, commune=officer_a.commune, on=dt.date(2026, 7, 1), replaced_by=None)
    assert Person.objects.get(pk=person.pk).commune_id == officer_a.commune_id


def test_commune_users_keep_their_own_hamlets(officer_a, officer_b):
    hamlet = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="Xóm  Đông")
    assert hamlet.name == "Xóm Đông"
    with pytest.raises(ValidationError):
        services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="xom dong")
    with pytest.raises(PermissionDenied):
        services.create_hamlet(officer_b, commune=officer_a.commune, kind="xom", name="Xóm Tây")


def test_retired_hamlet_stays_on_old_records_and_frees_its_name(officer_a, make_person):
    old = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="1")
    new = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="2")
    person = make_person(officer_a, hamlet=old)
    services.retire_hamlet(officer_a, hamlet=old, on=dt.date(2026, 1, 1), replaced_by=new)
    assert Person.objects.get(pk=person.pk).hamlet == old
    assert list(Hamlet.objects.active().filter(commune=officer_a.commune)) == [new]
    assert services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="1").pk != old.pk


def test_hamlet_edits_are_versioned(officer_a):
    hamlet = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="1")
    services.update_hamlet(officer_a, hamlet=hamlet, expected_version=1, kind="thon", name="Thôn 1")
    with pytest.raises(ValidationError):
        services.update_hamlet(officer_a, hamlet=hamlet, expected_version=1, kind="thon", name="Thôn Một")


def test_hamlet_pages_scope_and_bad_input(login, officer_a, officer_b, province_manager):
    hamlet = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="1")
    client = login(officer_a)
    assert client.get(reverse("geo:hamlets")).status_code == 200
    response = client.post(reverse("geo:hamlets"), {"kind": "xom", "name": ""})
    assert response.status_code == 400 and "bắt buộc" in response.content.decode()
    response = client.post(reverse("geo:hamlets"), {"kind": "xom", "name": "1"})
    assert response.status_code == 400 and "đã có" in response.content.decode()
    response = client.post(reverse("geo:hamlet_retire", args=[hamlet.uuid]), {"on": "32/13/2026"})
    assert response.status_code == 400
    assert login(officer_b).get(reverse("geo:hamlet_edit", args=[hamlet.uuid])).status_code == 404
    assert login(province_manager).get(reverse("geo:hamlets")).status_code == 403
