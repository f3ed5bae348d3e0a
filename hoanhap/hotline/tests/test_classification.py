"""Each criterion of a type I drug-hotspot commune (Quyết định 28/2025/QĐ-TTg, criteria a–đ), the
either-or of criterion d (3,000 plants or 750 m²), and a verdict that never reads "not type I" where
undetermined criteria could still make up the number."""

import datetime as dt

import pytest
from django.urls import reverse

from hoanhap.hotline import services
from hoanhap.hotline.classification import Inputs, Verdict, assess


def _row(commune_id, letter, inputs):
    return {r.letter: r for r in assess(commune_id, inputs).rows}[letter]


def _active_places(officer, count):
    for n in range(count):
        spot = services.add_hotspot(officer, name=f"Điểm {n}", kind="use")
        services.change_hotspot(officer, hotspot=spot, on=dt.date(2026, 10, 1), status="active")


@pytest.mark.parametrize(
    ("people", "population", "met"),
    [(1, 200, True), (1, 201, False), (1, None, None)],  # 1/200 = 0.5 %
)
def test_criterion_a_users_with_a_dossier_from_half_a_percent_qd_28_2025(
    officer_a, make_person, positive_test, decide, people, population, met
):
    """QĐ 28/2025/QĐ-TTg tiêu chí a: người nghiện và người sử dụng có hồ sơ quản lý từ 0,5 % dân số."""
    person = make_person(officer_a)
    decide(person, positive_test(person))
    assert _row(officer_a.commune_id, "a", Inputs(population=population)).met is met


@pytest.mark.parametrize(("places", "met"), [(1, False), (2, True)])
def test_criterion_b_two_active_places_of_use_qd_28_2025(officer_a, places, met):
    """QĐ 28/2025/QĐ-TTg tiêu chí b: từ 2 điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy."""
    _active_places(officer_a, places)
    services.add_hotspot(officer_a, name="Mới phản ánh", kind="use")  # not verified: not counted
    assert _row(officer_a.commune_id, "b", Inputs()).met is met


@pytest.mark.parametrize(
    ("arrests", "population", "met"),
    [(10, 10_000, True), (9, 10_000, False), (None, 10_000, None), (10, None, None)],
)
def test_criterion_c_arrests_from_a_tenth_of_a_percent_qd_28_2025(officer_a, arrests, population, met):
    """QĐ 28/2025/QĐ-TTg tiêu chí c: người phạm tội về ma túy bị bắt giữ từ 0,1 % dân số."""
    inputs = Inputs(population=population, arrests=arrests)
    assert _row(officer_a.commune_id, "c", inputs).met is met


@pytest.mark.parametrize(
    ("plants", "area", "met"),
    [
        (3000, None, True),
        (None, 750, True),  # the area alone meets it
        (10, 750, True),
        (2999, 749, False),
        (2999, None, None),  # the area could still meet it
        (None, 749, None),
        (None, None, None),
    ],
)
def test_criterion_d_three_thousand_plants_or_750_square_metres_qd_28_2025(officer_a, plants, area, met):
    """QĐ 28/2025/QĐ-TTg tiêu chí d: từ 3.000 cây hoặc từ 750 m² cây có chứa chất ma túy bị phát
    hiện, triệt phá."""
    row = _row(officer_a.commune_id, "d", Inputs(plants=plants, plant_area=area))
    assert row.met is met
    assert "750 m²" in str(row.threshold) and "3000" in str(row.threshold)


def test_criterion_dd_route_is_not_determined_qd_28_2025(officer_a):
    """QĐ 28/2025/QĐ-TTg tiêu chí đ: the routes are not held, so it is never "not met"."""
    row = _row(officer_a.commune_id, "đ", Inputs(population=1000, arrests=0, plants=0, plant_area=0))
    assert row.met is None and "tiêu chí đ" in row.citation


def test_verdict_type_i_with_three_criteria_met_qd_28_2025(officer_a):
    """QĐ 28/2025/QĐ-TTg: có ít nhất 3 tiêu chí là địa bàn loại I (b, c, d here)."""
    _active_places(officer_a, 2)
    result = assess(officer_a.commune_id, Inputs(population=1000, arrests=1, plant_area=800))
    assert (result.met, result.verdict) == (3, Verdict.TYPE_I)


def test_undetermined_criteria_keep_the_verdict_open_qd_28_2025(officer_a):
    """Two met and three not determined: the commune may be type I, so the verdict is open."""
    _active_places(officer_a, 2)
    result = assess(officer_a.commune_id, Inputs(arrests=5, plants=5000))  # no population
    assert (result.met, result.undetermined, result.verdict) == (2, 3, Verdict.UNDETERMINED)


def test_not_type_i_only_when_undetermined_criteria_cannot_make_it_up_qd_28_2025(officer_a):
    """a, b, c, d known and not met; đ undetermined: 0 + 1 < 3, the commune is not type I."""
    result = assess(officer_a.commune_id, Inputs(population=10_000, arrests=0, plants=0, plant_area=0))
    assert (result.met, result.undetermined, result.verdict) == (0, 1, Verdict.NOT_TYPE_I)


def test_the_page_says_not_determined_rather_than_no(login, officer_a):
    _active_places(officer_a, 2)
    page = login(officer_a).get(reverse("hotline:classification"), {"so_cay": "3.500"}).content.decode()
    assert "chưa xác định" in page and "Không" not in page.split("<tbody>")[1].split("</tbody>")[0]
    assert "chưa xác định được xã có thuộc địa bàn trọng điểm loại I" in page
    assert 'value="3500"' in page
    bad = login(officer_a).get(reverse("hotline:classification"), {"dan_so": "abc", "so_cay": "-1"})
    assert bad.status_code == 200 and "chưa xác định" in bad.content.decode()
