from django.urls import reverse

from hoanhap.law.models import CalendarDay, RuleOverride


def test_everyone_reads_the_rules_with_unverified_values_marked(login, officer_a):
    page = login(officer_a).get(reverse("law:rules")).content.decode()
    assert "Luật 120/2025 Điều 24.4.a" in page and "chưa kiểm chứng" in page
    assert 'name="value"' not in page  # officers cannot change anything


def test_administrator_overrides_an_unverified_rule(login, sysadmin):
    client = login(sysadmin)
    response = client.post(
        reverse("law:override"),
        {"regime": "law120", "code": "addiction_criteria_threshold", "value": "3", "note": "Bản ký"},
    )
    assert response.status_code == 302 and RuleOverride.objects.count() == 1
    client.post(
        reverse("law:override"),
        {"regime": "law120", "code": "user_management_term", "value": "1", "note": "x"},
    )
    assert RuleOverride.objects.count() == 1  # verified rules stay as the law says
    page = client.get(reverse("law:rules")).content.decode()
    assert "đã điều chỉnh" in page and "không thể điều chỉnh" in page


def test_only_administrators_change_rules_or_the_calendar(login, officer_a):
    client = login(officer_a)
    assert client.post(reverse("law:override"), {}).status_code == 403
    assert client.get(reverse("law:calendar")).status_code == 403


def test_calendar_days_and_bad_input(login, sysadmin):
    client = login(sysadmin)
    response = client.post(
        reverse("law:calendar"),
        {"date": "22/08/2026", "kind": "working_day", "basis": "Thông báo của Bộ Nội vụ"},
    )
    assert response.status_code == 302 and CalendarDay.objects.count() == 1
    response = client.post(reverse("law:calendar"), {"date": "22/08/2026", "kind": "day_off", "basis": "lặp"})
    assert response.status_code == 400 and CalendarDay.objects.count() == 1
    response = client.post(reverse("law:calendar"), {"date": "31/02/2026", "kind": "x", "basis": ""})
    assert response.status_code == 400


def test_rule_descriptions_are_translated_while_snapshots_keep_the_vietnamese(login, officer_a):
    from hoanhap.law.rulebook import LAW_120
    from hoanhap.law.services import rule

    client = login(officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Term of managing an illegal drug user" in client.get(reverse("law:rules")).content.decode()
    assert (
        rule("user_management_term", regime=LAW_120).as_json()["description"].startswith("Thời hạn quản lý")
    )


def test_the_personal_data_regimes_are_listed_and_their_unverified_rules_adjustable(login, sysadmin):
    """Personal data has its own regimes (issue 23, item 9): Nghị định 13/2023 and Luật 91/2025 with
    Nghị định 356/2025, shown beside the drug law; an unverified rule of theirs may be overridden."""
    client = login(sysadmin)
    page = client.get(reverse("law:rules")).content.decode()
    assert "Nghị định 356/2025/NĐ-CP Điều 5.4" in page and "Nghị định 13/2023/NĐ-CP Điều 16.5" in page
    response = client.post(
        reverse("law:override"),
        {"regime": "pd91", "code": "data_request_fulfil_information", "value": "7", "note": "Văn bản"},
    )
    assert response.status_code == 302
    assert RuleOverride.objects.get().regime == "pd91"


def test_the_rules_page_shows_each_sub_period_of_a_luat_73_rule(login, officer_a):
    """Issue 23 item 3: the bodies that changed in 2025 are shown with their dates and basis."""
    page = login(officer_a).get(reverse("law:rules")).content.decode()
    assert "Từ 01/03/2025 đến 30/06/2025: Tòa án nhân dân cấp huyện" in page
    assert "Từ 01/07/2025: Tòa án nhân dân khu vực" in page
