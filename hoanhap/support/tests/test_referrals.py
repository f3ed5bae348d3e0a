"""The service directory and a referral's lifecycle: sent, accepted or declined by the receiving
side, result recorded; overdue answers; who may see and answer."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import _user
from hoanhap.lib.roles import Role
from hoanhap.support import services
from hoanhap.support.models import Provider, ReferralStatus


@pytest.fixture
def clinic(officer_a):
    return services.add_provider(
        officer_a,
        data={
            "name": "Cơ sở điều trị Methadone Diễn Châu",
            "kind": "methadone",
            "in_commune": True,
            "phone": "02383862000",
        },
    )


@pytest.fixture
def clinic_staff(units, clinic):
    staff = _user("clinic_staff", Role.FACILITY_STAFF, province="40")
    clinic.members.add(staff)
    return staff


def _refer(officer, person, clinic, on=dt.date(2026, 11, 2)):
    return services.send_referral(
        officer, person=person, provider=clinic, service="medical", reason="Điều trị Methadone", sent_on=on
    )


def test_lifecycle_sent_accepted_completed_and_refused_moves(officer_a, clinic, clinic_staff, make_person):
    referral = _refer(officer_a, make_person(officer_a), clinic)
    assert (referral.status, referral.respond_by) == ("sent", dt.date(2026, 11, 7))
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.answer_referral(clinic_staff, referral=referral, status="completed", on=dt.date(2026, 11, 3))
    services.answer_referral(
        clinic_staff, referral=referral, status="accepted", on=dt.date(2026, 11, 3), note="Hẹn khám 05/11"
    )
    done = services.answer_referral(
        clinic_staff, referral=referral, status="completed", on=dt.date(2026, 11, 10), note="Đã vào điều trị"
    )
    assert (done.status, done.responded_on, done.closed_on, done.result) == (
        "completed",
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 10),
        "Đã vào điều trị",
    )
    with pytest.raises(ValidationError):
        services.answer_referral(clinic_staff, referral=referral, status="declined", on=dt.date(2026, 11, 11))


def test_declined_ends_it_and_unanswered_turns_overdue(officer_a, clinic, clinic_staff, make_person):
    declined = _refer(officer_a, make_person(officer_a, full_name="Lê A"), clinic)
    services.answer_referral(
        clinic_staff,
        referral=declined,
        status=ReferralStatus.DECLINED,
        on=dt.date(2026, 11, 3),
        note="Hết chỗ",
    )
    waiting = _refer(officer_a, make_person(officer_a, full_name="Lê B"), clinic)
    with time_machine.travel(dt.date(2026, 11, 7)):
        assert not waiting.overdue
    with time_machine.travel(dt.date(2026, 11, 8)):
        assert waiting.overdue
        declined.refresh_from_db()
        assert not declined.overdue


def test_only_members_of_the_provider_or_the_commune_answer(officer_a, officer_b, clinic, make_person, units):
    referral = _refer(officer_a, make_person(officer_a), clinic)
    stranger = _user("other_clinic", Role.FACILITY_STAFF, province="40")
    for user in (stranger, officer_b):
        with pytest.raises(PermissionDenied):
            services.answer_referral(user, referral=referral, status="accepted", on=dt.date(2026, 11, 3))


def test_referrals_pages_are_scoped(login, officer_a, officer_b, clinic, clinic_staff, make_person, units):
    person = make_person(officer_a, full_name="Trịnh Văn Nam")
    referral = _refer(officer_a, person, clinic)
    page = login(clinic_staff).get(reverse("support:referrals")).content.decode()
    assert "Trịnh Văn Nam" in page
    # Each unit sees its side: the clinic what was sent to it, the commune what it sent.
    assert "<h2>Được giới thiệu đến đơn vị tôi" in page
    assert "<h2>Đã gửi" not in page and "<h2>Quá hạn trả lời" not in page
    sender = login(officer_a).get(reverse("support:referrals")).content.decode()
    assert "<h2>Đã gửi" in sender and "Trịnh Văn Nam" in sender and "<h2>Được giới thiệu" not in sender
    answer = reverse("support:referral", args=[referral.uuid])
    assert login(clinic_staff).post(answer, {"status": "accepted", "on": "03/11/2026"}).status_code == 302
    assert login(officer_b).get(answer).status_code == 404
    assert "Trịnh Văn Nam" not in login(officer_b).get(reverse("support:referrals")).content.decode()
    stranger = _user("other_clinic", Role.FACILITY_STAFF, province="40")
    assert login(stranger).get(answer).status_code == 404
    # The facility sees the referral, never the registry.
    assert login(clinic_staff).get(reverse("people:detail", args=[person.uuid])).status_code == 404


def test_directory_lists_the_province_and_refers_only_within_it(
    login, officer_a, officer_c, clinic, make_person
):
    page = login(officer_a).get(reverse("support:directory"), {"kind": "methadone"}).content.decode()
    assert "Cơ sở điều trị Methadone Diễn Châu" in page
    assert "Methadone Diễn Châu" not in login(officer_c).get(reverse("support:directory")).content.decode()
    elsewhere = services.add_provider(officer_c, data={"name": "Trường nghề Đắk Lắk", "kind": "vocational"})
    with pytest.raises(ValidationError, match="trong tỉnh"):
        _refer(officer_a, make_person(officer_a), elsewhere)
    assert Provider.objects.count() == 2
