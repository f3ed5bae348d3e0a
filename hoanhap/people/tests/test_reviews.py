"""Records that match across units (issue 24, hole 3): an officer learns nothing about people
outside the commune; the match goes to the level that sees both units, audited and rate-limited."""

import datetime as dt
import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD
from hoanhap.accounts.services import create_user
from hoanhap.audit.models import Action, AuditEntry
from hoanhap.imports import services as imports
from hoanhap.lib.roles import Role
from hoanhap.people import reviews, services
from hoanhap.people.duplicates import id_index
from hoanhap.people.models import DuplicateReview, Person, ReviewKind, ReviewOutcome, ReviewSource

ID_1987 = "040087000123"  # Nghệ An, male, born 1987
ELSEWHERE = {"full_name": "Đinh Công Nơi Khác", "birth_date": dt.date(1987, 5, 6), "sex": "male"}


@pytest.fixture
def elsewhere(officer_b):
    """A registered person in commune B (same province as A)."""
    return services.create_person(
        officer_b, commune=officer_b.commune, data={**ELSEWHERE, "national_id": ID_1987}
    )


def _form(**changes):
    data = {
        "full_name": "Đinh Công Thử",
        "birth_date": "06/05/1987",
        "sex": "male",
        "nationality": "Việt Nam",
        "stable_residence": "permanent",
        "prior_rehab_count": "0",
    }
    return {**data, **changes}


def _create_page(client, **changes):
    client.post(reverse("people:search"), {"q": "dinh cong"})  # search before create
    return client.post(reverse("people:create"), _form(**changes))


def test_an_id_on_a_record_elsewhere_is_sent_for_review_and_names_nothing(login, officer_a, elsewhere):
    client = login(officer_a)
    response = _create_page(client, national_id=ID_1987)
    review = DuplicateReview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "people:review", args=[review.uuid]
    )
    page = client.get(response["Location"]).content.decode()
    for secret in (elsewhere.full_name, "Quỳnh Lưu", ID_1987, "đơn vị khác", "người khác"):
        assert secret not in page
    assert "cần được cấp trên rà soát" in page
    assert not Person.objects.filter(commune=officer_a.commune).exists()  # not created
    assert (review.kind, review.source, review.reviewer_province_id) == (ReviewKind.SAME_ID, "form", "40")
    assert list(review.matches.all()) == [elsewhere]
    opened = AuditEntry.objects.get(action=Action.DUPLICATE_REVIEW, extra__step="open")
    assert opened.actor == officer_a and opened.extra["id_index"] == id_index(ID_1987)
    assert ID_1987 not in str(opened.extra) and opened.commune_code == officer_a.commune_id
    # One search allows one attempt: the next needs a new search.
    assert client.post(reverse("people:create"), _form(national_id=ID_1987)).status_code == 302
    assert client.get(reverse("people:create"))["Location"] == reverse("people:search")


def test_a_similar_record_elsewhere_creates_the_record_and_asks_the_reviewer_silently(
    login, officer_a, elsewhere
):
    client = login(officer_a)
    response = _create_page(client, full_name=ELSEWHERE["full_name"])
    created = Person.objects.get(commune=officer_a.commune)
    assert response.status_code == 302 and response["Location"] == reverse(
        "people:detail", args=[created.uuid]
    )
    assert elsewhere.full_name in client.get(response["Location"]).content.decode()  # its own record
    review = DuplicateReview.objects.get()
    assert review.kind == ReviewKind.SIMILAR and review.created_person == created
    assert list(review.matches.all()) == [elsewhere]


def test_the_old_form_told_the_officer_how_many_similar_records_were_elsewhere(login, officer_a, elsewhere):
    """No count, no hint: the confirm page lists the commune's own records only."""
    services.create_person(
        officer_a, commune=officer_a.commune, data={**ELSEWHERE, "full_name": "Đinh Công Nơi Khac"}
    )
    response = _create_page(login(officer_a), full_name=ELSEWHERE["full_name"])
    page = response.content.decode()
    assert response.status_code == 409 and "Nơi Khac" in page
    assert "đơn vị khác" not in page and "Quỳnh Lưu" not in page


def test_an_edit_to_an_id_on_a_record_elsewhere_saves_nothing_and_is_sent_for_review(
    login, officer_a, elsewhere, make_person
):
    person = make_person(officer_a, full_name="Lê Văn Sửa", birth_date=dt.date(1987, 1, 1))
    url = reverse("people:edit", args=[person.uuid])
    form = _form(
        full_name="Lê Văn Sửa", birth_date="01/01/1987", phone="0911000222", national_id=ID_1987, version=1
    )
    response = login(officer_a).post(url, form)
    assert response.status_code == 400 and "cần được cấp trên rà soát" in response.content.decode()
    assert elsewhere.full_name not in response.content.decode()
    person.refresh_from_db()
    assert (person.version, person.phone, person.national_id) == (1, "", "")
    assert DuplicateReview.objects.get().source == ReviewSource.EDIT


@override_settings(DUPLICATE_REVIEWS_PER_DAY=2)
def test_an_officer_who_asks_too_often_is_refused_audited_and_logged(officer_a, officer_b, caplog):
    """Asking about ID after ID is how the registry would be enumerated."""
    ids = [f"04008700{n:04d}" for n in range(3)]
    for number in ids:
        services.create_person(
            officer_b,
            commune=officer_b.commune,
            data={**ELSEWHERE, "full_name": f"Người {number}", "national_id": number},
            confirm_not_duplicate=True,
        )
    for number in ids[:2]:
        with pytest.raises(reviews.SentForReviewError):
            services.create_person(
                officer_a, commune=officer_a.commune, data={**ELSEWHERE, "national_id": number}
            )
    with (
        caplog.at_level(logging.WARNING, logger="hoanhap.people.reviews"),
        pytest.raises(ValidationError) as exc,
    ):
        services.create_person(
            officer_a, commune=officer_a.commune, data={**ELSEWHERE, "national_id": ids[2]}
        )
    assert exc.value.code == "review_limit" and DuplicateReview.objects.count() == 2
    assert AuditEntry.objects.filter(action=Action.DUPLICATE_REVIEW, extra__step="refused").count() == 1
    assert any("daily limit" in message for message in caplog.messages)


def _csv(*rows):
    return ("Họ và tên,Ngày sinh,Giới tính,Số CCCD\n" + "".join(f"{r}\n" for r in rows)).encode()


def test_an_import_learns_nothing_at_the_check_and_sends_the_row_for_review_at_the_commit(
    officer_a, elsewhere
):
    content = _csv("Đinh Công Thử,06/05/1987,Nam,040087000123", "Phan Văn Mới,01/01/1990,Nam,040090000777")
    batch = imports.run_check(imports.upload(officer_a, file_name="ds.csv", content=content))
    assert (batch.new_rows, batch.present_rows, batch.errors) == (2, 0, [])  # as if both were new
    batch = imports.commit(officer_a, batch=batch)
    assert (batch.created_count, batch.review_rows) == (1, 1)
    assert list(Person.objects.filter(commune=officer_a.commune).values_list("full_name", flat=True)) == [
        "Phan Văn Mới"
    ]
    review = DuplicateReview.objects.get()
    assert review.source == ReviewSource.IMPORT and list(review.matches.all()) == [elsewhere]


@override_settings(DUPLICATE_REVIEWS_PER_DAY=1)
def test_an_import_that_would_ask_too_often_writes_nothing(officer_a, officer_b, elsewhere):
    other = services.create_person(
        officer_b,
        commune=officer_b.commune,
        data={**ELSEWHERE, "full_name": "Người Hai", "national_id": "040087000456"},
    )
    content = _csv(
        "A Một,06/05/1987,Nam,040087000123", "B Hai,06/05/1987,Nam,040087000456", "C Ba,01/01/1990,Nam,"
    )
    batch = imports.run_check(imports.upload(officer_a, file_name="ds.csv", content=content))
    with pytest.raises(ValidationError):
        imports.commit(officer_a, batch=batch)
    assert (
        not Person.objects.filter(commune=officer_a.commune).exists() and not DuplicateReview.objects.exists()
    )
    assert other.pk


def _user(username, role, **unit):
    return create_user(None, password=PASSWORD, username=username, role=role, **unit)


def test_the_province_decides_the_same_person_and_the_record_moves_to_the_commune(
    login, officer_a, provincial_police, elsewhere
):
    with pytest.raises(reviews.SentForReviewError) as sent:
        services.create_person(
            officer_a, commune=officer_a.commune, data={**ELSEWHERE, "national_id": ID_1987}
        )
    review = sent.value.review
    far_pc04 = _user("pc04_66", Role.PROVINCIAL_POLICE, province_id="66")
    url = reverse("people:review", args=[review.uuid])
    assert login(far_pc04).get(url).status_code == 404
    reviewer = login(provincial_police)
    page = reviewer.get(url).content.decode()
    assert elsewhere.full_name in page and ID_1987 in page  # the reviewer compares both
    assert reviewer.get(reverse("people:reviews")).content.decode().count(str(review.uuid)) == 1
    decided = reviewer.post(
        url, {"outcome": "transfer", "person": str(elsewhere.uuid), "moved_on": "01/11/2026"}
    )
    assert decided.status_code == 302
    elsewhere.refresh_from_db()
    review.refresh_from_db()
    assert elsewhere.commune_id == officer_a.commune_id and review.outcome == ReviewOutcome.TRANSFER
    assert elsewhere.transfers.get().created_by == provincial_police
    officer_page = login(officer_a).get(url).content.decode()
    assert "đã được chuyển về xã" in officer_page
    assert login(officer_a).post(url, {"outcome": "refuse", "note": "x"}).status_code == 403


def test_a_match_in_another_province_goes_to_the_ministry(
    login, officer_c, provincial_police, ministry, elsewhere
):
    with pytest.raises(reviews.SentForReviewError) as sent:
        services.create_person(
            officer_c, commune=officer_c.commune, data={**ELSEWHERE, "national_id": ID_1987}
        )
    review = sent.value.review
    assert review.reviewer_province_id is None
    url = reverse("people:review", args=[review.uuid])
    assert login(provincial_police).get(url).status_code == 404
    assert login(ministry).get(url).status_code == 200
    refused = login(ministry).post(url, {"outcome": "refuse", "note": ""})
    assert refused.status_code == 400  # a refusal says what to check
    assert login(ministry).post(url, {"outcome": "refuse", "note": "Kiểm tra lại số CCCD"}).status_code == 302
    assert "Kiểm tra lại số CCCD" in login(officer_c).get(url).content.decode()


def test_a_review_is_read_only_to_other_communes_and_roles(login, officer_a, officer_b, health_a, elsewhere):
    with pytest.raises(reviews.SentForReviewError) as sent:
        services.create_person(
            officer_a, commune=officer_a.commune, data={**ELSEWHERE, "national_id": ID_1987}
        )
    url = reverse("people:review", args=[sent.value.review.uuid])
    assert login(officer_b).get(url).status_code == 404  # B holds the record but did not ask
    assert login(health_a).get(reverse("people:reviews")).status_code == 403
    denied = AuditEntry.objects.filter(action=Action.DENIED, actor=officer_b).latest("id")
    assert denied.extra["requested"] == str(sent.value.review.uuid)


def test_the_import_report_reads_the_same_for_an_id_elsewhere_and_a_new_one(officer_a, elsewhere):
    """The bulk form of the probe: the check must not tell the two apart."""
    a = imports.run_check(
        imports.upload(officer_a, file_name="a.csv", content=_csv("X Một,06/05/1987,Nam,040087000123"))
    )
    b = imports.run_check(
        imports.upload(officer_a, file_name="b.csv", content=_csv("X Một,06/05/1987,Nam,040087009999"))
    )
    shown = ("status", "new_rows", "present_rows", "errors", "review_rows")
    assert [getattr(a, name) for name in shown] == [getattr(b, name) for name in shown]
