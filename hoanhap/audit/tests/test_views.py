from django.urls import reverse

from hoanhap.audit.models import Action, AuditEntry


def test_auditor_browses_and_filters_the_log(login, auditor, officer_a, make_person):
    person = make_person(officer_a)
    login(officer_a).get(reverse("people:detail", args=[person.uuid]))
    client = login(auditor)
    page = client.get(reverse("audit:list"), {"person": str(person.uuid), "action": Action.PERSON_READ})
    assert page.status_code == 200
    rows = page.context["page"].object_list
    assert [(e.action, e.actor_username) for e in rows] == [(Action.PERSON_READ, "officer_a")]
    by_user = client.get(reverse("audit:list"), {"user": "officer_a", "date_from": "01/01/2020"})
    assert {e.actor_username for e in by_user.context["page"].object_list} == {"officer_a"}
    assert AuditEntry.objects.filter(actor=auditor, action=Action.AUDIT_READ).count() == 2


def test_province_auditor_sees_only_that_province(login, auditor, officer_c, make_person):
    person = make_person(officer_c)
    login(officer_c).get(reverse("people:detail", args=[person.uuid]))
    page = login(auditor).get(reverse("audit:list"), {"person": str(person.uuid)})
    assert list(page.context["page"].object_list) == []


def test_others_cannot_read_the_log(login, officer_a, province_manager):
    assert login(officer_a).get(reverse("audit:list")).status_code == 403
    assert login(province_manager).get(reverse("audit:list")).status_code == 403


def test_bad_filters_get_a_400_not_a_500(login, auditor):
    response = login(auditor).get(reverse("audit:list"), {"person": "not-a-uuid", "date_from": "99/99/9999"})
    assert response.status_code == 400


def test_the_log_shows_an_entrys_details_as_text(login, auditor, officer_a):
    client = login(auditor)
    client.get(reverse("audit:list"), {"action": Action.PERSON_READ, "user": "ai"})
    client.get(reverse("audit:list"))
    entries = AuditEntry.objects.filter(actor=auditor, action=Action.AUDIT_READ).order_by("seq")
    assert [e.details for e in entries] == ["bộ lọc: hành động, tài khoản", "bộ lọc: –"]
    login(officer_a).get(reverse("inbox:list"))  # audited with the number of items it showed
    page = client.get(reverse("audit:list"), {"user": "officer_a"}).content.decode()
    assert "số việc cần làm: 0" in page and "{&#x27;inbox&#x27;" not in page and "inbox" not in page


def test_the_log_shows_details_in_vietnamese_with_yes_or_no_for_booleans(login, auditor, province_manager):
    """No internal key or True/False in the Vietnamese log (issue 26, item 5): a report export
    recorded with ``suppressed: True`` reads "ẩn số nhỏ: có"."""
    from hoanhap.audit.models import Purpose
    from hoanhap.audit.services import record

    for extra in ({"step": "submit", "suppressed": True}, {"suppressed": False, "closed": None}):
        record(province_manager, Action.EXPORT, purpose=Purpose.SUPERVISION, extra=extra)
    page = login(auditor).get(reverse("audit:list"), {"user": province_manager.username}).content.decode()
    page = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "bước: gửi; ẩn số nhỏ: có" in page and "đã đóng: –; ẩn số nhỏ: không" in page
    for code in ("suppressed", "True", "False", "submit"):
        assert code not in page, code
