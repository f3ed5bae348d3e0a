"""The inbox page: what the commune must do next, soonest first, a summary by kind, a page at a time;
audited as a read of the registry; a commune's inbox shows nothing of another commune's."""

import time_machine
from django.urls import reverse

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.inbox.items import DueItem
from hoanhap.inbox.tests.conftest import at


def test_inbox_lists_the_communes_due_items(login, officer_a, officer_b, make_person, source):
    person = make_person(officer_a, full_name="Lê Văn Nam")
    source.about(person, due_at=at(2026, 11, 21, 8))
    with time_machine.travel(at(2026, 11, 22)):
        page = login(officer_a).get(reverse("inbox:list")).content.decode()
        assert "Ra quyết định quản lý" in page and "quá hạn" in page and "Trưởng Công an xã" in page
        assert person.full_name in page and reverse("people:detail", args=[person.uuid]) in page
        assert person.full_name not in login(officer_b).get(reverse("inbox:list")).content.decode()


def test_an_item_about_no_person_links_to_what_it_is_about(login, officer_a, source):
    tip = DueItem(
        "tip",
        "Xử lý tin báo",
        None,
        at(2026, 11, 21),
        "commune_police",
        "",
        link="/tin-bao/x/",
        subject="TB-0001",
    )
    source.add(officer_a.commune_id, tip)
    page = login(officer_a).get(reverse("inbox:list")).content.decode()
    assert '<a href="/tin-bao/x/">TB-0001</a>' in page


def test_inbox_counts_each_kind_filters_by_kind_and_pages(login, officer_a, make_person, source, monkeypatch):
    monkeypatch.setattr("hoanhap.inbox.views.PAGE_SIZE", 2)
    for name in ["Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"]:
        source.about(make_person(officer_a, full_name=name), due_at=at(2026, 11, 21, 8))
    source.about(
        make_person(officer_a, full_name="Trần Thị Tư"),
        kind="verify_residence",
        title="Xác minh nơi cư trú",
        role="commune_police",
        due_at=at(2026, 11, 24, 8),
    )
    client = login(officer_a)
    url = reverse("inbox:list")
    first = client.get(url).content.decode()
    # 3 decisions to make and 1 residence to verify; 2 a page, soonest first.
    assert "(4)" in first and "Trang 1/2" in first
    assert first.count("Lê Văn") == 2 and "Trần Thị Tư" not in first.split("</table>", 1)[1]
    assert "Trần Thị Tư" in client.get(url, {"page": 2}).content.decode()
    only = client.get(url, {"loai": "verify_residence"}).content.decode()
    rows = only.split("</table>", 1)[1]
    assert "Trần Thị Tư" in rows and "Lê Văn" not in rows and "Trang" not in rows
    # An unknown kind shows everything rather than failing.
    assert "Trang 1/2" in client.get(url, {"loai": "<script>"}).content.decode()


def test_opening_the_inbox_is_audited_without_names(login, officer_a, make_person, source):
    source.about(make_person(officer_a))
    login(officer_a).get(reverse("inbox:list"))
    entry = AuditEntry.objects.get(actor=officer_a, action=Action.PERSON_SEARCH)
    assert entry.extra == {"inbox": 1}


def test_only_a_commune_user_who_may_see_people_has_an_inbox(login, province_manager, source, client):
    """The inbox is a commune's: a province user has none (403), an anonymous visitor logs in first."""
    assert login(province_manager).get(reverse("inbox:list")).status_code == 403
    response = client.get(reverse("inbox:list"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert source.asked == []
