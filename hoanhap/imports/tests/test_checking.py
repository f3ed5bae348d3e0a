"""Checking an imported list (imports.services): the mapping, each row's cells, the commune column,
rows repeated within the file, rows already in the registry, and the check's progress and report."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conftest import PASSWORD
from hoanhap.accounts.services import create_user
from hoanhap.geo.models import Commune, CommuneKind, Province
from hoanhap.imports import services
from hoanhap.imports.models import ImportBatch
from hoanhap.imports.tests.lists import checked, national_id, uploaded
from hoanhap.lib.roles import Role
from hoanhap.lib.vntext import search_key

NAME_BIRTH_SEX = ["Họ và tên", "Ngày sinh", "Giới tính"]
WITH_ID = [*NAME_BIRTH_SEX, "Số CCCD"]


@pytest.mark.parametrize(
    ("mapping", "why"),
    [
        ({"0": "full_name", "1": "birth_date", "2": "full_name"}, "Mỗi trường chỉ được ghép với một cột."),
        ({"0": "full_name", "1": "birth_date"}, "Cần ghép ít nhất cột Họ và tên và cột Giới tính."),
        ({"1": "birth_date", "2": "sex"}, "Cần ghép ít nhất cột Họ và tên và cột Giới tính."),
        ({"0": "full_name", "2": "sex", "3": "national_id"}, "Cần ghép cột Ngày sinh hoặc cột Năm sinh."),
        ({"0": "full_name", "1": "birth_date", "2": "sex", "3": "religion"}, "Trường không hợp lệ."),
    ],
)
def test_a_mapping_is_refused_with_the_reason_and_the_last_one_kept(officer_a, mapping, why):
    batch = uploaded(officer_a, WITH_ID, ["Lê Văn An", "05/09/1990", "Nam", ""])
    guessed = batch.mapping
    with pytest.raises(ValidationError) as refused:
        services.set_mapping(officer_a, batch=batch, mapping=mapping)
    batch.refresh_from_db()
    assert refused.value.messages == [why] and batch.mapping == guessed


def test_a_new_mapping_clears_the_last_check_and_waits_for_another(officer_a):
    header = ["Họ và tên", "Năm sinh", "Giới tính", "GT"]  # the second sex column is the right one
    batch = checked(officer_a, header, ["Lê Văn An", "1990", "?", "Nam"])
    assert [e["column"] for e in batch.errors] == ["Giới tính"]
    mapping = {"0": "full_name", "1": "birth_year", "2": "", "3": "sex"}  # "": the column is left out
    batch = services.set_mapping(officer_a, batch=batch, mapping=mapping)
    assert (batch.status, batch.errors) == ("uploaded", [])
    assert batch.mapping == {"0": "full_name", "1": "birth_year", "3": "sex"}
    assert services.run_check(batch).new_rows == 1


def test_each_broken_cell_is_reported_under_its_column_and_a_cell_at_its_fields_length_is_not(officer_a):
    header = [*NAME_BIRTH_SEX[:2], "Năm sinh", "Giới tính", "Số CCCD"]
    header += ["Nơi thường trú", "Nơi ở hiện tại", "Số điện thoại"]
    born_1995 = national_id(1995, 11)

    def row(name, born="1990", year="", sex="Nam", number="", permanent="", current="", phone=""):
        return [name, born, year, sex, number, permanent, current, phone]

    batch = checked(
        officer_a,
        header,
        row("A" * 120, "05/09/1990", "1990", permanent="p" * 255, current="c" * 255, phone="0" * 20),
        row("", "01/01/1990"),
        row("Lê Văn Bốn", "31/02/1990"),
        row("Lê Văn Năm", "05/09/1990", year="1991"),
        row("Lê Văn Sáu", sex="Không rõ"),
        row("B" * 121),
        row("Lê Văn Tám", permanent="p" * 256),
        row("Lê Văn Chín", current="c" * 256),
        row("Lê Văn Mười", phone="0" * 21),
        row("Lê Thị Mười Một", sex="Nữ", number=born_1995),
    )
    assert batch.errors == [
        {"row": 3, "column": "Họ và tên", "message": "Thiếu họ và tên."},
        {"row": 4, "column": "Ngày sinh", "message": 'Ngày "31/02/1990" không có thật.'},
        {"row": 5, "column": "Năm sinh", "message": "Năm sinh không khớp với ngày sinh."},
        {"row": 6, "column": "Giới tính", "message": 'Giới tính "Không rõ" không rõ: ghi Nam hoặc Nữ.'},
        {"row": 7, "column": "Họ và tên", "message": "Dài quá 120 ký tự."},
        {"row": 8, "column": "Nơi thường trú", "message": "Dài quá 255 ký tự."},
        {"row": 9, "column": "Nơi ở hiện tại", "message": "Dài quá 255 ký tự."},
        {"row": 10, "column": "Điện thoại", "message": "Dài quá 20 ký tự."},
        {
            "row": 11,
            "column": "Số định danh",
            "message": "Số định danh ghi năm sinh 1995, không khớp với năm sinh 1990.",
        },
        {
            "row": 11,
            "column": "Số định danh",
            "message": "Chữ số thứ tư của số định danh không khớp với giới tính.",
        },
    ]


@pytest.fixture
def officer_con_dao(units):
    """An officer of a special zone: its name, like every unit's, starts with its kind."""
    ho_chi_minh = Province.objects.create(code="79", name="Hồ Chí Minh", division_type="thành phố")
    name = "Đặc khu Côn Đảo"
    kind = CommuneKind.SPECIAL_ZONE
    Commune.objects.create(
        code="26732", name=name, kind=kind, province=ho_chi_minh, search_name=search_key(name)
    )
    return create_user(
        None, password=PASSWORD, username="officer_cd", role=Role.COMMUNE_POLICE, commune_id="26732"
    )


@pytest.mark.parametrize(
    ("officer", "accepted", "refused"),
    [
        (
            "officer_a",
            ["Xã Diễn Châu", "Diễn Châu", "xa dien chau", "17464"],
            ["Xã Quỳnh Lưu", "Châu", "16939"],
        ),
        ("officer_con_dao", ["Đặc khu Côn Đảo", "Côn Đảo", "26732"], ["Xã Diễn Châu", "Đặc khu"]),
    ],
)
def test_the_commune_column_takes_the_units_code_or_its_name_with_or_without_its_kind(
    request, officer, accepted, refused
):
    written = accepted + refused
    rows = [[f"Người Số {n}", "1990", "Nam", unit] for n, unit in enumerate(written)]
    batch = checked(request.getfixturevalue(officer), ["Họ và tên", "Năm sinh", "Giới tính", "Xã"], *rows)
    assert batch.errors == [
        {
            "row": written.index(unit) + 2,
            "column": "Xã, phường",
            "message": f"Dòng thuộc đơn vị khác ({unit}): chỉ nhập người của xã mình.",
        }
        for unit in refused
    ]
    assert batch.new_rows == len(accepted)


def test_a_row_repeating_one_above_it_by_id_or_by_name_and_birth_is_reported_against_that_row(officer_a):
    number = national_id(1990, 1)
    batch = checked(
        officer_a,
        WITH_ID,
        ["Lê Văn An", "05/09/1990", "Nam", number],
        ["Trần Văn Bình", "01/01/1990", "Nam", number],  # the same ID: the same person
        ["Lê Văn An", "05/09/1990", "Nam", ""],  # the same name and birth date
        ["Lê Văn An", "06/09/1990", "Nam", ""],  # born another day: someone else
        ["Hồ Văn Cường", "1990", "Nam", ""],
        ["Hồ Văn Cường", "1991", "Nam", ""],  # born another year
        ["HO VAN CUONG", "1990", "Nam", ""],  # the same name, written without accents
        ["Đỗ Văn Dũng", "02/02/1992", "Nam", ""],  # no ID, like those above: not a repeat of them
    )
    assert batch.errors == [
        {"row": 3, "column": "", "message": "Trùng với dòng 2 của tệp."},
        {"row": 4, "column": "", "message": "Trùng với dòng 2 của tệp."},
        {"row": 8, "column": "", "message": "Trùng với dòng 6 của tệp."},
    ]
    assert batch.new_rows == 5


def test_a_row_is_present_when_the_commune_holds_the_same_name_born_the_same_day_or_year(
    officer_a, officer_b, make_person
):
    """The same date where the file and the record both have one; otherwise the same year."""
    make_person(officer_a, full_name="Lê Văn Năm", birth_date=dt.date(1988, 3, 4))
    make_person(officer_a, full_name="Lê Văn Sáu", birth_date=None, birth_year=1985)
    make_person(officer_b, full_name="Phạm Thị Bảy", birth_date=dt.date(1992, 2, 2), sex="female")
    batch = uploaded(
        officer_a,
        NAME_BIRTH_SEX,
        ["Lê Văn Năm", "04/03/1988", "Nam"],  # present
        ["Lê Văn Năm", "05/03/1988", "Nam"],  # born another day
        ["le van nam", "1988", "Nam"],  # present: the year of the record's date
        ["Lê Văn Sáu", "10/10/1985", "Nam"],  # present: the record has only the year
        ["Lê Văn Sáu", "10/10/1986", "Nam"],
        ["Phạm Thị Bảy", "02/02/1992", "Nữ"],  # new here: the record is another commune's
    )
    result = services.check(batch)
    assert ([n for n, _d, _a in result.new], result.present, result.errors) == ([3, 6, 7], 3, [])


def test_a_row_is_matched_by_its_personal_id_to_a_record_of_the_commune_or_of_another(
    officer_a, officer_b, make_person
):
    nine, ten, four = national_id(1990, 9), national_id(1990, 10), national_id(1990, 4)
    make_person(officer_a, full_name="Lê Văn Chín", birth_date=dt.date(1990, 9, 9), national_id=nine)
    make_person(officer_a, full_name="Lê Văn Tư", birth_date=dt.date(1990, 4, 4), national_id=four)
    make_person(officer_b, full_name="Đinh Văn Mười", birth_date=dt.date(1990, 10, 10), national_id=ten)
    batch = checked(
        officer_a,
        WITH_ID,
        ["Ngô Văn Khác", "01/01/1990", "Nam", nine],  # the commune's record of someone else
        ["Mai Văn Mười", "01/01/1990", "Nam", ten],  # another commune's: for review at the commit
        ["Lê Văn Tư", "1990", "Nam", four],  # present
        ["Vũ Văn Mới", "03/03/1990", "Nam", ""],
    )
    assert batch.errors == [
        {
            "row": 2,
            "column": "Số định danh",
            "message": "Số định danh này đã thuộc hồ sơ của một người khác trong sổ.",
        }
    ]
    assert (batch.new_rows, batch.present_rows) == (2, 1)  # the row for review reads as new
    result = services.check(batch)
    assert ([n for n, _d, _a in result.review], [n for n, _d, _a in result.new]) == ([3], [5])


def test_the_check_reports_its_progress_every_250_rows_and_at_the_end(officer_a):
    batch = uploaded(
        officer_a,
        ["Họ và tên", "Năm sinh", "Giới tính"],
        *([f"Người Số {n}", "1990", "Nam"] for n in range(501)),
    )
    done: list[int] = []
    assert services.check(batch, progress=done.append).rows == 501
    assert done == [250, 500, 501]
    assert services.check(batch).rows == 501  # the commit's check reports nothing


def test_a_new_check_reads_checking_from_row_zero_until_it_ends(officer_a, monkeypatch):
    """What the page shows while the worker checks the list again."""
    batch = checked(officer_a, NAME_BIRTH_SEX, ["Lê Văn An", "1990", "Nam"], ["Lê Văn Ba", "1991", "Nam"])
    assert batch.rows_checked == 2
    seen = []
    check = services.check

    def watched(batch, **kwargs):
        seen.append(ImportBatch.objects.values_list("status", "rows_checked").get(pk=batch.pk))
        return check(batch, **kwargs)

    monkeypatch.setattr(services, "check", watched)
    batch = services.run_check(batch)
    assert seen == [("checking", 0)] and (batch.status, batch.rows_checked) == ("checked", 2)


def test_a_list_broken_past_its_first_rows_fails_its_check_with_the_reason(officer_a):
    rows = [[f"Người Số {n}", "1990", "Nam"] for n in range(520)]
    batch = uploaded(officer_a, ["Họ và tên", "Năm sinh", "Giới tính"], *rows, ["X" * 2001, "1990", "Nam"])
    assert batch.status == "uploaded"  # the upload read only the first rows
    batch = services.run_check(batch)
    assert (batch.status, batch.failure) == ("failed", "Dòng 522 của tệp có ô dài quá 2.000 ký tự.")


def test_the_report_keeps_the_first_2000_errors(officer_a):
    batch = checked(
        officer_a, ["Họ và tên", "Năm sinh", "Giới tính"], *(["", "1990", "Nam"] for _n in range(2001))
    )
    assert (len(batch.errors), batch.errors[0]["row"], batch.errors[-1]["row"]) == (2000, 2, 2001)


def test_the_preview_shows_the_mapped_columns_in_the_files_order_and_cuts_long_cells(officer_a):
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", *(f"Cột {n}" for n in range(4, 10))]
    header += ["Số CCCD", "Nơi ở hiện tại"]
    number = national_id(1990, 1)
    batch = uploaded(
        officer_a,
        header,
        [1, "Lê Văn Một", "05/09/1990", "Nam", *[""] * 6, number, "X" * 250],
        [2, "Lê Văn Hai", "", "Nam"],  # a short row, and an empty cell
    )
    assert services.preview(batch) == (
        ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Nơi ở hiện tại"],
        [["Lê Văn Một", "05/09/1990", "Nam", number, "X" * 200], ["Lê Văn Hai", "", "Nam", "", ""]],
    )
