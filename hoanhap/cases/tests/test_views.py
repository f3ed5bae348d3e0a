import datetime as dt

from django.urls import reverse

from hoanhap.cases.models import DrugTest, UserManagement
from hoanhap.cases.tests.conftest import at


def test_person_page_loads_the_case_panel_with_status_and_timeline(login, officer_a, person_a, positive_test):
    positive_test(person_a)
    client = login(officer_a)
    page = client.get(reverse("people:detail", args=[person_a.uuid])).content.decode()
    panel_url = reverse("cases:panel", args=[person_a.uuid])
    assert f'hx-get="{panel_url}"' in page
    panel = client.get(panel_url).content.decode()
    assert "chờ quyết định quản lý" in panel and "Xét nghiệm chất ma túy: Dương tính" in panel


def test_record_a_test_and_decide_through_the_forms(login, officer_a, person_a):
    client = login(officer_a)
    url = reverse("cases:test_create", args=[person_a.uuid])
    form = {
        "tested_at": "01/09/2026 09:00",
        "place": "Trụ sở",
        "reason": "caught_using",
        "sample": "urine",
        "testing_body": "Công an xã",
        "tester": "Lê Thị Hoa",
        "result": "positive",
        "substances": ["ats"],
        "same_sex_supervision": "on",
    }
    assert client.post(url, form).status_code == 302
    test = DrugTest.objects.get()
    response = client.post(
        reverse("cases:management_create", args=[person_a.uuid, test.uuid]),
        {
            "decision_number": "12/QĐ-CAX",
            "decided_on": "02/09/2026",
            "signer_name": "Trần Văn Hùng",
            "team_leader": "Lê Thị Hoa",
            "assigned_helper": "Võ Thị Mai",
        },
    )
    assert response.status_code == 302 and UserManagement.objects.get().signer_role == "commune_police_head"


def test_a_test_dated_before_the_first_drug_law_regime_is_refused_with_a_reason(login, officer_a, person_a):
    """No regime is in force before 01/01/2022: the form says so (400), it was a server error."""
    response = login(officer_a).post(
        reverse("cases:test_create", args=[person_a.uuid]),
        {
            "tested_at": "31/12/2021 09:00",
            "place": "Trụ sở",
            "reason": "caught_using",
            "sample": "urine",
            "testing_body": "Công an xã",
            "tester": "Lê Thị Hoa",
            "result": "negative",
        },
    )
    assert response.status_code == 400 and "01/01/2022" in response.content.decode()
    assert not DrugTest.objects.exists()


def test_only_allowed_moves_are_offered_and_bad_input_gets_a_400(
    login, officer_a, person_a, positive_test, decide
):
    management = decide(person_a, positive_test(person_a))
    client = login(officer_a)
    url = reverse("cases:management_event", args=[person_a.uuid, management.uuid])
    page = client.get(url).content.decode()
    assert 'value="suspend"' in page and 'value="resume"' not in page
    response = client.post(url, {"kind": "resume", "on": "10/09/2026"})
    assert response.status_code == 400 and "lựa chọn hợp lệ" in response.content.decode()
    response = client.post(url, {"kind": "terminate", "on": "10/09/2026"})
    assert response.status_code == 400 and "hết thời hạn" in response.content.decode()
    response = client.post(reverse("cases:test_create", args=[person_a.uuid]), {"tested_at": "hôm qua"})
    assert response.status_code == 400 and "ngày/tháng/năm giờ:phút" in response.content.decode()


def test_case_pages_follow_the_person_scope(
    login, officer_b, province_manager, person_a, positive_test, decide
):
    management = decide(person_a, positive_test(person_a))
    other = login(officer_b)
    assert other.get(reverse("cases:panel", args=[person_a.uuid])).status_code == 404
    assert other.get(reverse("cases:test_create", args=[person_a.uuid])).status_code == 404
    reader = login(province_manager)
    assert reader.get(reverse("cases:panel", args=[person_a.uuid])).status_code == 200
    assert (
        reader.get(reverse("cases:management_event", args=[person_a.uuid, management.uuid])).status_code
        == 403
    )


def test_inbox_lists_the_communes_due_items(login, officer_a, officer_b, person_a, positive_test):
    positive_test(person_a, at(2026, 11, 20, 8))
    page = login(officer_a).get(reverse("inbox:list")).content.decode()
    assert "Ra quyết định quản lý" in page and "quá hạn" in page and "Trưởng Công an xã" in page
    assert person_a.full_name not in login(officer_b).get(reverse("inbox:list")).content.decode()


def test_assessment_through_the_form_stops_management(login, officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    client = login(officer_a)
    url = reverse("cases:assessment_create", args=[person_a.uuid])
    form = {
        "trigger": "repeated_use",
        "requesting_unit": "Công an xã",
        "health_facility": "Trung tâm Y tế",
        "started_on": "05/10/2026",
        "result_on": "08/10/2026",
        "substance_class": "stimulants",
        "criteria": ["craving", "tolerance", "withdrawal"],
        "result_number": "9/PKQ",
    }
    assert client.post(url, {**form, "result_on": "01/10/2026"}).status_code == 400
    assert client.post(url, form).status_code == 302
    assert management.events.get().stop_reason == "addicted"
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "Người nghiện ma túy" in panel and "Xác định tình trạng nghiện: nghiện" in panel


def test_rehab_registration_and_events_through_the_forms(login, officer_a, person_a):
    from hoanhap.cases.models import RehabEpisode
    from hoanhap.cases.tests.test_voluntary import assess

    assess(officer_a, person_a, dt.date(2026, 10, 10))
    client = login(officer_a)
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert reverse("cases:rehab_register", args=[person_a.uuid]) in panel
    url = reverse("cases:rehab_register", args=[person_a.uuid])
    form = {
        "form": "voluntary_community",
        "started_on": "15/10/2026",
        "intake_record_number": "3/BB",
        "provider": "Tổ công tác cai nghiện",
    }
    assert client.post(url, {**form, "form": "compulsory_adult"}).status_code == 400
    assert client.post(url, form).status_code == 302
    episode = RehabEpisode.objects.get()
    event_url = reverse("cases:rehab_event", args=[person_a.uuid, episode.uuid])
    page = client.get(event_url).content.decode()
    assert 'value="stage_done"' in page and 'value="resume"' not in page
    assert client.post(event_url, {"kind": "stage_done", "on": "20/10/2026", "stage": "2"}).status_code == 400
    assert client.post(event_url, {"kind": "stage_done", "on": "20/10/2026", "stage": "1"}).status_code == 302


def test_aftercare_through_the_forms(login, officer_a, person_a):
    from hoanhap.cases.models import Aftercare
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    from hoanhap.cases.services.episodes import record_rehab_event

    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    client = login(officer_a)
    url = reverse("cases:aftercare_create", args=[person_a.uuid, episode.uuid])
    assert url in client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    form = {
        "decision_number": "30/QĐ-UBND",
        "decided_on": "05/08/2026",
        "signer_name": "Nguyễn Đình Thắng",
        "assigned_helper": "Hội Phụ nữ xã",
    }
    assert client.post(url, {**form, "decided_on": "31/07/2026"}).status_code == 400
    assert client.post(url, form).status_code == 302
    aftercare = Aftercare.objects.get()
    event_url = reverse("cases:aftercare_event", args=[person_a.uuid, aftercare.uuid])
    assert client.post(event_url, {"kind": "end", "on": "01/09/2026"}).status_code == 400
    assert (
        client.post(event_url, {"kind": "end", "on": "01/09/2026", "end_reason": "detained"}).status_code
        == 302
    )


def test_a_management_decision_is_previewed_before_it_takes_a_number(
    login, officer_a, officer_b, person_a, positive_test
):
    """Issue 23, "what users read": the officer reads the decision as it would be issued, with every
    check of the real step, before it takes the next number of the register; the preview saves
    nothing, is named without anything personal, and is audited as a read of the person."""
    from hoanhap.audit.models import Action, AuditEntry
    from hoanhap.documents import services as documents

    test = positive_test(person_a)
    url = reverse("cases:management_create", args=[person_a.uuid, test.uuid])
    form = {
        "decision_number": "",
        "decided_on": "02/09/2026",
        "signer_name": "Trần Văn Hùng",
        "team_leader": "Lê Thị Hoa",
        "assigned_helper": "Võ Thị Mai",
    }
    client = login(officer_a)
    assert "Xem trước bản dự thảo" in client.get(url).content.decode()
    response = client.post(url, {**form, "preview": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "du-thao.pdf" in response["Content-Disposition"]
    assert not UserManagement.objects.exists()
    assert (
        AuditEntry.objects.filter(
            action=Action.PERSON_READ, extra__preview="user_management_decision"
        ).count()
        == 1
    )
    # The same checks as the real step: a date before the test is refused, with the form again.
    assert client.post(url, {**form, "decided_on": "31/08/2026", "preview": "1"}).status_code == 400
    # Another commune's officer cannot preview: the person is not there for them, a denial recorded.
    assert login(officer_b).post(url, {**form, "preview": "1"}).status_code == 404
    assert AuditEntry.objects.filter(actor=officer_b, action=Action.DENIED).count() == 1
    assert AuditEntry.objects.filter(extra__preview="user_management_decision").count() == 1
    # The number was not taken: the decision made after the preview takes the first.
    assert client.post(url, form).status_code == 302
    assert UserManagement.objects.get().decision_number == "01/QĐ-CAX"
    assert (
        documents.reserve_number(
            commune_id=person_a.commune_id, role="commune_police_head", on=dt.date(2026, 9, 2)
        )
        == "02/QĐ-CAX"
    )


def test_a_preview_is_marked_and_leaves_the_number_blank(officer_a, person_a, positive_test):
    from django.template.loader import render_to_string

    from hoanhap.cases.services.management import preview_user_management
    from hoanhap.documents.drafts import MOTTO, management_decision

    management = preview_user_management(
        officer_a,
        person=person_a,
        source_test=positive_test(person_a),
        decided_on=dt.date(2026, 9, 2),
        decision_number="",
        signer_name="Trần Văn Hùng",
        team_leader="Lê Thị Hoa",
        assigned_helper="Võ Thị Mai",
    )
    draft = management_decision(management).as_preview()
    html = render_to_string("documents/official.html", {"d": draft, "motto": MOTTO, "articles": []})
    assert "DỰ THẢO" in html and "Số:      /QĐ-CAX" in html
    assert management.pk is None
