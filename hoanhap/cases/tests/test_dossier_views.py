"""The compulsory-rehab dossier and substitution treatment through the screens, with the scope cases."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from hoanhap.cases.models import CompulsoryDossier, SubstitutionTreatment
from hoanhap.cases.services.aftercare import decide_aftercare
from hoanhap.cases.services.dossier import open_dossier
from hoanhap.cases.tests.test_voluntary import assess


def _dossier(officer, person):
    return open_dossier(
        officer,
        person=person,
        ground="voluntary_not_done",
        last_violation_on=dt.date(2026, 11, 2),
        opened_on=dt.date(2026, 11, 5),
    )


def test_open_a_dossier_file_documents_and_notify_through_the_forms(login, officer_a, person_a):
    client = login(officer_a)
    create = reverse("cases:dossier_create", args=[person_a.uuid])
    assert "Điều 35.1.d" in client.get(create).content.decode()
    form = {"ground": "voluntary_not_done", "last_violation_on": "02/11/2026", "opened_on": "05/11/2026"}
    refused = client.post(create, {**form, "pregnant": "on"})
    assert refused.status_code == 400 and "mang thai" in refused.content.decode()
    assert not CompulsoryDossier.objects.exists()
    response = client.post(create, form)
    dossier = CompulsoryDossier.objects.get()
    page_url = reverse("cases:dossier", args=[person_a.uuid, dossier.uuid])
    assert response.status_code == 302 and response["Location"] == page_url
    for item, pages in (("profile", 2), ("violation_record", 3), ("addiction_confirmation", 1)):
        assert client.post(page_url, {"item": item, "title": item, "pages": pages}).status_code == 302
    page = client.get(page_url).content.decode()
    assert "Văn bản đề nghị của Trưởng Công an xã" in page and "6" in page  # missing item, last page
    step = reverse("cases:dossier_event", args=[person_a.uuid, dossier.uuid])
    refused = client.post(step, {"kind": "notify", "on": "06/11/2026"})
    assert refused.status_code == 400 and "còn thiếu" in refused.content.decode()
    client.post(page_url, {"item": "proposal", "title": "Đề nghị", "pages": 1})
    assert client.post(step, {"kind": "notify", "on": "06/11/2026"}).status_code == 302
    assert "Hạn chuyển hồ sơ đến Tòa án" in client.get(page_url).content.decode()
    assert (
        "Hồ sơ đề nghị cai nghiện bắt buộc lập ngày 05/11/2026"
        in client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    )


def test_dossier_pages_follow_the_person_scope(login, officer_b, province_manager, officer_a, person_a):
    dossier = _dossier(officer_a, person_a)
    page_url = reverse("cases:dossier", args=[person_a.uuid, dossier.uuid])
    step = reverse("cases:dossier_event", args=[person_a.uuid, dossier.uuid])
    assert login(officer_b).get(page_url).status_code == 404
    reader = login(province_manager)
    assert reader.get(page_url).status_code == 200
    assert reader.get(step).status_code == 403
    assert reader.post(page_url, {"item": "profile", "title": "x", "pages": 1}).status_code == 403
    assert Client().get(page_url).status_code == 302


def test_substitution_treatment_through_the_forms(login, officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    client = login(officer_a)
    response = client.post(
        reverse("cases:substitution_create", args=[person_a.uuid]),
        {
            "clinic": "Cơ sở Methadone",
            "patient_code": "MT-9",
            "enrolled_on": "12/10/2026",
            "medication": "Methadone",
        },
    )
    assert response.status_code == 302
    treatment = SubstitutionTreatment.objects.get()
    url = reverse("cases:substitution_event", args=[person_a.uuid, treatment.uuid])
    assert client.post(url, {"kind": "complete", "on": "01/11/2026"}).status_code == 302
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert reverse("cases:aftercare_from_treatment", args=[person_a.uuid, treatment.uuid]) in panel
    decide_aftercare(
        officer_a,
        treatment=treatment,
        decided_on=dt.date(2026, 11, 2),
        decision_number="1/QĐ",
        signer_name="A",
        assigned_helper="B",
    )
    assert (
        "Đang bị quản lý sau cai nghiện"
        in client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    )
