"""Committing an imported list (imports.services.commit): what a record keeps of its row, who may
commit what and when, the re-check inside the transaction, the reviews of rows matching records
elsewhere (people.reviews), and the registry read and written in bulk."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from hoanhap.audit.models import Action, AuditEntry, Purpose
from hoanhap.imports import services
from hoanhap.imports.models import BatchStatus, ImportBatch, ImportedRow
from hoanhap.imports.tests.lists import checked, national_id, uploaded
from hoanhap.people import reviews
from hoanhap.people.models import DuplicateReview, Person, ReviewKind, ReviewSource
from hoanhap.people.services import create_person

WITH_ID = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]


def test_a_committed_record_keeps_every_mapped_cell_of_its_row(officer_a, hamlet):
    header = [*WITH_ID[:2], "Năm sinh", "Giới tính", "Số CCCD", "Thôn", "Nơi thường trú", "Nơi ở hiện tại"]
    header += ["Số điện thoại", "Tên gọi khác", "Tình trạng"]
    number = national_id(1995, 111, female=True)
    lan = ["Trần Thị Lan", "01/03/1995", "1995", "Nữ", number, "xom dong", "Xóm Đông, Diễn Châu", "Xóm Tây"]
    lan += ["0912000001", "Tí; Tèo, Ba Tèo", "Đang cai nghiện tại gia đình " + "." * 250]
    tam = ["Lê Văn Tâm", "", "1988", "Nam", "", "", "", "", "", "", ""]
    batch = services.commit(officer_a, batch=checked(officer_a, header, lan, tam))
    kept = {
        p.full_name: (
            p.birth_date,
            p.birth_year,
            p.sex,
            p.national_id,
            p.hamlet,
            p.permanent_address,
            p.current_address,
            p.phone,
            list(p.aliases.order_by("pk").values_list("name", flat=True)),
        )
        for p in Person.objects.all()
    }
    assert kept == {
        "Trần Thị Lan": (
            dt.date(1995, 3, 1),
            1995,
            "female",
            number,
            hamlet,
            "Xóm Đông, Diễn Châu",
            "Xóm Tây",
            "0912000001",
            ["Tí", "Tèo", "Ba Tèo"],
        ),
        "Lê Văn Tâm": (None, 1988, "male", "", None, "", "", "", []),
    }
    # The old list's status is kept beside the record, as long as the field holds.
    statuses = dict(ImportedRow.objects.filter(batch=batch).values_list("row", "legacy_status"))
    assert statuses == {2: lan[-1][:200], 3: ""}
    created = AuditEntry.objects.filter(action=Action.PERSON_CREATE)
    assert [e.extra for e in created] == [{"import_batch": str(batch.uuid)}] * 2


def test_only_a_checked_list_without_errors_is_committed(officer_a):
    unchecked = uploaded(officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""])
    broken = checked(officer_a, WITH_ID, ["", "05/09/1990", "Nam", ""])
    for batch in (unchecked, broken):
        with pytest.raises(ValidationError) as refused:
            services.commit(officer_a, batch=batch)
        assert refused.value.messages == ["Chỉ ghi được danh sách đã kiểm tra và không còn lỗi."]
    statuses = [ImportBatch.objects.get(pk=b.pk).status for b in (unchecked, broken)]
    assert statuses == ["uploaded", "checked"] and not Person.objects.exists()


def test_a_written_list_is_neither_written_again_from_a_stale_page_nor_remapped(officer_a):
    batch = checked(officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""])
    stale = ImportBatch.objects.get(pk=batch.pk)  # a second tab, opened before the commit
    services.commit(officer_a, batch=batch)
    with pytest.raises(services.AlreadyCommittedError) as again:
        services.commit(officer_a, batch=stale)
    with pytest.raises(ValidationError) as remapped:
        services.set_mapping(officer_a, batch=ImportBatch.objects.get(pk=batch.pk), mapping=batch.mapping)
    assert (
        again.value.messages == remapped.value.messages == ["Danh sách này đã được ghi hoặc đang được ghi."]
    )
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, Person.objects.count()) == ("committed", 1, 1)


def test_committing_a_list_leaves_the_other_lists_as_they_are(officer_a, officer_b):
    mine = checked(officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""])
    other = checked(officer_a, WITH_ID, ["Lê Văn Ba", "05/09/1991", "Nam", ""])
    theirs = checked(officer_b, WITH_ID, ["Lê Văn Ba", "05/09/1991", "Nam", ""])
    services.commit(officer_a, batch=mine)
    assert [ImportBatch.objects.get(pk=b.pk).status for b in (other, theirs)] == ["checked", "checked"]


def test_a_commit_that_waited_for_another_finds_the_list_written_and_writes_nothing(officer_a):
    """A job re-queued while its first run still goes on: both take the list left "committing";
    the second to reach the list's lock finds it written by the first."""
    batch = checked(officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""])
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTING)
    batch.refresh_from_db()
    first_run: list[ImportBatch] = []

    def the_first_run_ends_while_the_second_waits(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        claim = sql.startswith('UPDATE "imports_importbatch" SET "status"') and '"status" IN' in sql
        if claim and not first_run:
            first_run.append(batch)  # before it runs: its own claim passes through here too
            services.commit(officer_a, batch=ImportBatch.objects.get(pk=batch.pk), resume=True)
        return result

    with (
        connection.execute_wrapper(the_first_run_ends_while_the_second_waits),
        pytest.raises(services.AlreadyCommittedError) as late,
    ):
        services.commit(officer_a, batch=batch, resume=True)
    assert late.value.messages == ["Danh sách này đã được ghi hoặc đang được ghi."]
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, Person.objects.count()) == ("committed", 1, 1)


def test_the_commit_checks_again_and_fails_with_why_when_the_registry_has_changed(officer_a, make_person):
    number = national_id(1990, 1)
    batch = checked(
        officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", number], ["Lê Văn Ba", "06/09/1991", "Nam", ""]
    )
    make_person(officer_a, full_name="Người Khác", birth_date=dt.date(1990, 9, 5), national_id=number)
    with pytest.raises(ValidationError) as changed:
        services.commit(officer_a, batch=batch)
    batch.refresh_from_db()
    why = "Sổ đã thay đổi từ khi kiểm tra: hãy kiểm tra lại."
    assert changed.value.messages == [why] and (batch.status, batch.failure) == ("failed", why)
    assert Person.objects.count() == 1


def test_the_commit_counts_what_its_own_check_finds(officer_a, make_person):
    batch = checked(
        officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""], ["Lê Văn Ba", "06/09/1991", "Nam", ""]
    )
    assert (batch.new_rows, batch.present_rows) == (2, 0)
    make_person(officer_a, full_name="Lê Văn Ba", birth_date=dt.date(1991, 9, 6))  # entered by hand meanwhile
    batch = services.commit(officer_a, batch=batch)
    assert (batch.created_count, batch.present_rows, batch.review_rows) == (1, 1, 0)
    assert Person.objects.filter(full_name="Lê Văn Ba").count() == 1


@pytest.fixture
def elsewhere(officer_b, make_person):
    """Two records of commune B: one with a personal ID, one without."""
    number = national_id(1990, 10)
    with_id = make_person(
        officer_b, full_name="Đinh Văn Mười", birth_date=dt.date(1990, 10, 10), national_id=number
    )
    without = make_person(officer_b, full_name="Phạm Thị Bảy", birth_date=dt.date(1992, 2, 2), sex="female")
    return with_id, without


def test_rows_matching_records_elsewhere_go_to_review_at_the_commit(officer_a, elsewhere):
    """The same ID: not created, and reviewed. The same name and birth: created, and the reviewer
    asked whether both are one person."""
    with_id, without = elsewhere
    batch = checked(
        officer_a,
        WITH_ID,
        ["Mai Văn Mười", "10/10/1990", "Nam", with_id.national_id],
        ["Phạm Thị Bảy", "02/02/1992", "Nữ", ""],
        ["Vũ Văn Mới", "03/03/1990", "Nam", ""],
    )
    batch = services.commit(officer_a, batch=batch)
    assert (batch.created_count, batch.review_rows, batch.present_rows) == (2, 1, 0)
    created = {p.full_name: p for p in Person.objects.filter(commune=officer_a.commune)}
    assert sorted(created) == ["Phạm Thị Bảy", "Vũ Văn Mới"]
    opened = [
        (
            r.kind,
            r.source,
            r.requested_by,
            list(r.matches.all()),
            r.created_person,
            reviews.submitted(r)["full_name"],
        )
        for r in DuplicateReview.objects.order_by("pk")
    ]
    assert opened == [
        (ReviewKind.SAME_ID, ReviewSource.IMPORT, officer_a, [with_id], None, "Mai Văn Mười"),
        (
            ReviewKind.SIMILAR,
            ReviewSource.IMPORT,
            officer_a,
            [without],
            created["Phạm Thị Bảy"],
            "Phạm Thị Bảy",
        ),
    ]
    rows = ImportedRow.objects.filter(batch=batch).order_by("row")
    assert [(r.row, r.person.full_name) for r in rows] == [(3, "Phạm Thị Bảy"), (4, "Vũ Văn Mới")]
    audited = AuditEntry.objects.get(action=Action.IMPORT, extra__step="commit")
    assert (audited.actor, audited.purpose, audited.extra) == (
        officer_a,
        Purpose.CASE_WORK,
        {"batch": str(batch.uuid), "step": "commit", "created": 2, "review": 1},
    )


@override_settings(DUPLICATE_REVIEWS_PER_DAY=1)
@pytest.mark.parametrize(("asked_today", "rows_elsewhere"), [(0, 2), (1, 1)])
def test_a_list_needing_more_reviews_than_the_day_allows_writes_nothing(
    officer_a, officer_b, make_person, asked_today, rows_elsewhere
):
    numbers = [national_id(1990, n) for n in range(3)]
    for n, number in enumerate(numbers):
        make_person(officer_b, full_name=f"Người Xa {n}", birth_date=dt.date(1990, 1, 1), national_id=number)
    for number in numbers[2 : 2 + asked_today]:
        with pytest.raises(reviews.SentForReviewError):
            data = {
                "full_name": "Người Hỏi",
                "birth_date": dt.date(1990, 1, 1),
                "sex": "male",
                "national_id": number,
            }
            create_person(officer_a, commune=officer_a.commune, data=data)
    rows = [
        [f"Người Gần {n}", "01/01/1990", "Nam", number] for n, number in enumerate(numbers[:rows_elsewhere])
    ]
    batch = checked(officer_a, WITH_ID, *rows, ["Vũ Văn Mới", "03/03/1990", "Nam", ""])
    with pytest.raises(ValidationError) as refused:
        services.commit(officer_a, batch=batch)
    batch.refresh_from_db()
    assert refused.value.code == "review_limit"
    assert (batch.status, [batch.failure]) == ("failed", refused.value.messages)
    assert not Person.objects.filter(commune=officer_a.commune).exists()
    assert DuplicateReview.objects.count() == asked_today


def test_a_commit_never_reads_a_record_one_at_a_time(officer_a, officer_b, make_person):
    """The registry is read in bulk for every row of the list, and only the fields the matching
    needs: a field left unread would be fetched record by record (for a list of 50,000 rows)."""
    here = national_id(1980, 1)
    make_person(officer_a, full_name="Lê Văn Số", birth_date=dt.date(1980, 1, 1), national_id=here)
    make_person(officer_a, full_name="Hồ Văn Tên", birth_date=dt.date(1970, 2, 2))
    far = national_id(1990, 10)
    make_person(officer_b, full_name="Đinh Văn Xa", birth_date=dt.date(1990, 10, 10), national_id=far)
    make_person(officer_b, full_name="Đỗ Văn Giống", birth_date=dt.date(1960, 3, 3))
    batch = checked(
        officer_a,
        WITH_ID,
        ["Lê Văn Số", "01/01/1980", "Nam", here],  # present by ID
        ["Hồ Văn Tên", "02/02/1970", "Nam", ""],  # present by name and date
        ["Hồ Văn Tên", "1970", "Nam", ""],  # present by name and year
        ["Mai Văn Xa", "10/10/1990", "Nam", far],  # for review: the ID is elsewhere
        ["Đỗ Văn Giống", "03/03/1960", "Nam", ""],  # created, and for review
    )
    with CaptureQueriesContext(connection) as queries:
        batch = services.commit(officer_a, batch=batch)
    assert (batch.created_count, batch.present_rows, batch.review_rows) == (1, 3, 1)
    one_record = re.compile(r'FROM "people_person" WHERE "people_person"."id" = ')
    assert [q["sql"] for q in queries if one_record.search(q["sql"])] == []
