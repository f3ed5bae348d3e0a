"""The benchmark's dataset is a function of its size, its seed and the day it is built for.

Two fresh-clone runs of one size reported different fact counts (2,895,978 and 2,897,117): the
facts are dated up to the day of the build, and the two runs straddled midnight in Vietnam.
"""

import datetime as dt

from django.db import transaction

from hoanhap.bench import dataset
from hoanhap.cases.models import DrugTest
from hoanhap.people.models import Person

DAY = dt.date(2026, 12, 3)


def _built(people: int, today: dt.date) -> tuple[dict[str, int], list[tuple], list[tuple]]:
    """What ``build`` writes, without the keys and ciphertexts that differ between any two writes."""
    with transaction.atomic():
        built = dataset.build(people, today=today, log=lambda _line: None)
        persons = list(
            Person.objects.order_by("pk").values_list(
                "full_name", "birth_date", "commune_id", "national_id_index", "stable_residence"
            )
        )
        tests = list(
            DrugTest.objects.order_by("pk").values_list(
                "person__full_name", "tested_at", "result", "decision_due"
            )
        )
        transaction.set_rollback(True)
    return built.facts, persons, tests


def test_one_size_seed_and_day_build_the_same_data(units):
    first = _built(60, DAY)
    assert sum(first[0].values()) > 60 and len(first[1]) == 60 and first[2]
    assert _built(60, DAY) == first


def test_the_facts_are_dated_up_to_the_day_of_the_build(units):
    _facts, persons, tests = _built(60, DAY)
    _later_facts, later_persons, later_tests = _built(60, DAY + dt.timedelta(days=1))
    assert max(tested_at for _n, tested_at, _r, _d in tests).date() <= DAY
    assert later_persons == persons  # 60 people are one chunk, drawn before any fact
    assert later_tests != tests
