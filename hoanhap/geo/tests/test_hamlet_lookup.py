"""Finding a commune's hamlet as people write it (geo.hamlet_lookup): with or without its kind, its
diacritics and its case; a name two hamlets share is not guessed."""

import pytest

from hoanhap.geo import services
from hoanhap.geo.hamlet_lookup import HamletLookup, bare_name


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("Xóm 3", "3"),
        ("xom 3", "3"),
        ("XÓM SỐ 3", "3"),
        ("Thôn Đông", "dong"),
        ("Tổ dân phố 5", "5"),
        ("Tổ 5", "5"),
        ("Khu phố 2", "2"),
        ("Ấp Bình An", "binh an"),
        ("Bản Pá Khoang", "pa khoang"),
        ("Khối 7", "7"),
        ("Đông", "dong"),
        ("Thôn", "thon"),  # a kind alone is a name
    ],
)
def test_a_hamlets_bare_name_drops_its_kind_diacritics_and_case(written, bare):
    assert bare_name(written) == bare


@pytest.fixture
def hamlets(officer_a):
    commune = officer_a.commune
    return {
        name: services.create_hamlet(officer_a, commune=commune, kind=kind, name=name)
        for kind, name in [("xom", "3"), ("thon", "Đông"), ("to_dan_pho", "5")]
    }


@pytest.mark.parametrize("written", ["Xóm 3", "xom 3", "XÓM SỐ 3", "3", "Thôn 3", " xóm  3 "])
def test_a_hamlet_is_found_as_the_app_shows_it_or_without_its_kind_or_accents(hamlets, written):
    lookup = HamletLookup(hamlets.values())
    assert lookup.find(written) == [hamlets["3"]]


@pytest.mark.parametrize(
    ("written", "found"),
    [("Thôn Đông", "Đông"), ("dong", "Đông"), ("TDP 5", "5"), ("Xóm Tây", None), ("Tổ 5", "5")],
)
def test_other_kinds_are_found_by_their_usual_names(hamlets, written, found):
    lookup = HamletLookup(hamlets.values())
    assert lookup.find(written) == ([hamlets[found]] if found else [])


def test_two_hamlets_sharing_a_name_are_both_returned_unless_the_kind_tells_them_apart(officer_a):
    commune = officer_a.commune
    # The names differ (one repeats its kind), so the commune may keep both.
    thon = services.create_hamlet(officer_a, commune=commune, kind="thon", name="Thôn 7")
    xom = services.create_hamlet(officer_a, commune=commune, kind="xom", name="7")
    lookup = HamletLookup([thon, xom])
    assert lookup.find("7") == [thon, xom]
    assert lookup.find("Xóm 7") == [xom] and lookup.find("thon 7") == [thon]


def test_a_hamlet_whose_name_repeats_its_kind_is_found_either_way(officer_a):
    dong = services.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="Xóm Đông")
    lookup = HamletLookup([dong])
    assert lookup.find("Xóm Đông") == [dong] and lookup.find("Đông") == [dong]


def test_a_name_that_starts_like_a_kind_is_found_whole(officer_a):
    """ "Ban Mai" is a name, not the kind "Bản" and a hamlet "Mai"."""
    ban_mai = services.create_hamlet(officer_a, commune=officer_a.commune, kind="thon", name="Ban Mai")
    lookup = HamletLookup([ban_mai])
    assert lookup.find("Ban Mai") == [ban_mai] and lookup.find("Thôn Ban Mai") == [ban_mai]
