"""Helpers: the limit of people per helper, access only to assignments in force and only the fields
a helper needs, contacts and when the next is due; support services tied to the aftercare term."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import _user
from hoanhap.audit.models import AuditEntry
from hoanhap.lib.roles import Role
from hoanhap.support import selectors, services
from hoanhap.support.models import Contact


def _assign(officer, person, helper, on=dt.date(2026, 11, 1)):
    return services.assign_helper(
        officer, person=person, helper=helper, organisation="women_union", starts_on=on
    )


@pytest.fixture
def assigned(officer_a, helper_a, make_person):
    person = make_person(officer_a, full_name="Bùi Văn Khoa", national_id="040090012345", phone="0987654321")
    return _assign(officer_a, person, helper_a)


def test_a_helper_supports_at_most_the_configured_number_of_people(
    settings, officer_a, helper_a, make_person
):
    settings.HELPER_MAX_PEOPLE = 2
    first, second, third = (make_person(officer_a, full_name=n) for n in ("Lê A", "Lê B", "Lê C"))
    _assign(officer_a, first, helper_a)
    _assign(officer_a, second, helper_a)
    with pytest.raises(ValidationError, match="tối đa 2"):
        _assign(officer_a, third, helper_a)
    ended = selectors.my_assignments(helper_a)[0]
    services.end_assignment(officer_a, assignment=ended, ends_on=dt.date(2026, 11, 2))
    with time_machine.travel(dt.date(2026, 11, 5)):
        _assign(officer_a, third, helper_a, on=dt.date(2026, 11, 5))


def test_only_helpers_of_the_persons_commune_can_be_assigned(officer_a, officer_b, make_person):
    person = make_person(officer_a)
    with pytest.raises(ValidationError, match="người giúp đỡ của xã này"):
        _assign(officer_a, person, officer_b)


def test_the_helper_sees_only_their_people_and_only_helper_fields(
    login, helper_a, assigned, officer_a, make_person
):
    client = login(helper_a)
    visit = reverse("support:visit", args=[assigned.uuid])
    page = client.get(visit).content.decode()
    assert "Bùi Văn Khoa" in page and "0987654321" in page
    assert "040090012345" not in page and "tiền án" not in page.lower()
    assert AuditEntry.objects.filter(actor=helper_a, action="person_read").exists()
    # Not through the registry, nor its search, nor the case panel.
    assert client.get(reverse("people:detail", args=[assigned.person.uuid])).status_code == 404
    assert "Bùi Văn Khoa" not in client.get(reverse("people:search"), {"q": "Khoa"}).content.decode()
    assert client.get(reverse("cases:panel", args=[assigned.person.uuid])).status_code == 404
    other = _assign(
        officer_a,
        make_person(officer_a, full_name="Người Khác"),
        _user("helper_a2", Role.HELPER, commune=helper_a.commune_id),
    )
    assert client.get(reverse("support:visit", args=[other.uuid])).status_code == 404


def test_access_ends_with_the_assignment(login, officer_a, helper_a, assigned):
    services.end_assignment(officer_a, assignment=assigned, ends_on=dt.date(2026, 11, 10))
    with time_machine.travel(dt.date(2026, 11, 11)):
        assert login(helper_a).get(reverse("support:visit", args=[assigned.uuid])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.record_contact(
                helper_a, assignment=assigned, on=dt.date(2026, 11, 11), kind="phone", concerns=[]
            )


def test_a_visit_in_a_few_taps_moves_the_next_contact(settings, login, helper_a, assigned):
    settings.HELPER_CONTACT_DAYS = 14
    with time_machine.travel(dt.date(2026, 11, 20)):
        assert selectors.next_contact_due(assigned) == dt.date(2026, 11, 15) and selectors.is_overdue(
            assigned
        )
        response = login(helper_a).post(
            reverse("support:visit", args=[assigned.uuid]),
            {"kind": "home_visit", "on": "20/11/2026", "concerns": ["signs_of_use"], "notes": "Gầy, mất ngủ"},
        )
        assert response.status_code == 302
        contact = Contact.objects.get()
        assert (contact.concerns, contact.created_by) == (["signs_of_use"], helper_a)
        assigned.refresh_from_db()
        assert selectors.next_contact_due(assigned) == dt.date(2026, 12, 4)
        bad = login(helper_a).post(
            reverse("support:visit", args=[assigned.uuid]), {"kind": "home_visit", "on": "01/10/2026"}
        )
        assert bad.status_code == 400 and Contact.objects.count() == 1


def test_other_roles_have_no_helper_view(login, officer_a):
    assert login(officer_a).get(reverse("support:mine")).status_code == 403
    assert Client().get(reverse("support:mine")).status_code == 302


def test_a_loan_is_tied_to_the_aftercare_term_it_supports(officer_a, make_person):
    from hoanhap.cases.services.episodes import record_rehab_event
    from hoanhap.cases.tests.test_aftercare import decide
    from hoanhap.cases.tests.test_episodes import _old_episode

    person = make_person(officer_a)
    episode = _old_episode(officer_a, person)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    aftercare = decide(officer_a, episode)
    data = {
        "kind": "loan",
        "title": "Chăn nuôi bò",
        "provider": "Ngân hàng CSXH",
        "starts_on": dt.date(2026, 9, 1),
        "amount": 50_000_000,
        "status": "approved",
    }
    service = services.record_service(officer_a, person=person, data=data)
    assert (service.aftercare, service.episode, service.amount) == (aftercare, episode, 50_000_000)


def test_the_commune_assigns_and_ends_through_the_forms(
    login, officer_a, province_manager, helper_a, make_person
):
    person = make_person(officer_a)
    client = login(officer_a)
    url = reverse("support:assign", args=[person.uuid])
    assert "helper_a" in client.get(url).content.decode()
    assert login(province_manager).get(url).status_code == 403
    response = client.post(
        url, {"helper": helper_a.pk, "organisation": "youth_union", "starts_on": "01/11/2026"}
    )
    assert response.status_code == 302
    panel = client.get(reverse("support:panel", args=[person.uuid])).content.decode()
    assert "Đoàn Thanh niên" in panel
