"""Checking an imported list (imports.services): the commune column."""

import pytest

from conftest import PASSWORD
from hoanhap.accounts.roles import Role
from hoanhap.accounts.services import create_user
from hoanhap.geo.models import Commune, CommuneKind, Province
from hoanhap.imports.tests.lists import checked
from hoanhap.lib.vntext import search_key


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
