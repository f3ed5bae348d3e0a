"""Races on PostgreSQL: real threads, each with its own database connection, released together at a
barrier against the same rows. SQLite takes one writer at a time, so these run on PostgreSQL only
(``CI=true bash scripts/test`` runs them)."""

import datetime as dt
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.models import UserManagement
from hoanhap.cases.services.management import decide_user_management
from hoanhap.documents.services import reserve_number
from hoanhap.people import services as people
from hoanhap.people.models import Person
from hoanhap.reports import services as reports
from hoanhap.reports.models import Report, ReportStatus

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; races need PostgreSQL"
    ),
]

ROUNDS = 3  # each race is run several times: one lucky interleaving proves little


class AbortedError(Exception):
    """Raised on purpose inside a transaction that must leave nothing behind."""


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, all released at once; each answer is its result or the
    exception it raised."""
    barrier = threading.Barrier(len(calls))
    answers: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            answers[i] = call()
        except Exception as exc:  # the answer of a losing thread
            answers[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung: a lock was never released"
    return answers


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def test_parallel_edits_of_one_person_keep_exactly_one(officer_a, head_a, make_person):
    person = make_person(officer_a)

    def edit(actor, version, phone):
        data = {"phone": phone}
        return people.update_person(actor, person=_fresh(person), expected_version=version, data=data)

    for round_ in range(ROUNDS):
        version = _fresh(person).version
        phones = [f"09{round_}{i:07d}" for i in range(8)]
        answers = race(
            [
                partial(edit, actor, version, phone)
                for phone, actor in zip(phones, [officer_a, head_a] * 4, strict=True)
            ]
        )
        won = [a for a in answers if isinstance(a, Person)]
        lost = [a for a in answers if isinstance(a, people.StaleEditError)]
        assert (len(won), len(lost)) == (1, 7), answers
        saved = _fresh(person)
        assert saved.version == version + 1
        assert saved.phone == won[0].phone
        # Every loser was shown the winner's record, and each refusal is in the audit log.
        assert {exc.current.phone for exc in lost} == {saved.phone}
    assert person.history.count() == 1 + ROUNDS
    assert AuditEntry.objects.filter(action="person_update_conflict").count() == 7 * ROUNDS


def test_parallel_decisions_take_unique_gapless_numbers(officer_a, make_person, positive_test):
    """Six decisions with a blank number are recorded at once, while four other transactions take
    a number from the same register and then fail: the six get 01..06, nothing is skipped."""
    on = dt.date(2026, 9, 2)
    tests = [
        positive_test(make_person(officer_a, full_name=f"Người Thử {i}", birth_date=dt.date(1990, 1, i + 1)))
        for i in range(6)
    ]

    def decide(test):
        return decide_user_management(
            officer_a,
            person=test.person,
            source_test=test,
            decided_on=on,
            decision_number="",
            signer_name="Trần Văn Hùng",
            team_leader="Lê Thị Hoa",
            assigned_helper="Võ Thị Mai",
        )

    def reserve_then_fail():
        with transaction.atomic():
            reserve_number(commune_id=officer_a.commune_id, role="commune_police_head", on=on)
            raise AbortedError

    answers = race([*(lambda t=t: decide(t) for t in tests), *([reserve_then_fail] * 4)])
    assert all(isinstance(a, UserManagement) for a in answers[:6]), answers
    assert all(isinstance(a, AbortedError) for a in answers[6:]), answers
    numbers = sorted(UserManagement.objects.values_list("decision_number", flat=True))
    assert numbers == [f"{n:02d}/QĐ-CAX" for n in range(1, 7)]
    # The register goes on from where the committed decisions stopped.
    assert reserve_number(commune_id=officer_a.commune_id, role="commune_police_head", on=on) == "07/QĐ-CAX"


def _as_read_now(action, actor, pk, **kwargs):
    """The action on the report as its page would have loaded it at this moment."""
    return action(actor, report=Report.objects.get(pk=pk), **kwargs)


def _submitted_report(officer, number):
    report = reports.open_report(officer, kind="quarterly", year=2026, number=number)
    return reports.submit(officer, report=report, expected_version=report.version)


def test_a_report_is_approved_or_returned_once(officer_a, province_manager):
    """Two reviewers act on one submitted report at once: one decision lands, the other is told the
    report was handled; the report's history has one decision."""
    for number in range(1, ROUNDS + 1):
        report = _submitted_report(officer_a, number)
        approve = partial(_as_read_now, reports.approve, province_manager, report.pk)
        send_back = partial(
            _as_read_now, reports.return_report, province_manager, report.pk, reason="Xem lại"
        )
        answers = race([approve, send_back, approve])
        refused = [a for a in answers if isinstance(a, ValidationError)]
        assert len(refused) == 2, answers
        report.refresh_from_db()
        decisions = report.events.exclude(action__in=["open", "submit"]).values_list("action", flat=True)
        assert list(decisions) == [report.status]
        assert report.version == 3  # opened 1, submitted 2, decided 3


def test_no_change_lands_in_a_report_after_it_is_sent(officer_a, head_a):
    """An officer sends the report while a colleague corrects a value at the same version: either
    the correction lands first and the sending is refused as stale, or the report is sent and the
    correction refused. What was sent is always exactly what the report holds."""
    for number in range(1, ROUNDS + 2):
        report = reports.open_report(officer_a, kind="quarterly", year=2025, number=number)
        code = next(c for c, v in report.values.items() if not c.startswith("_") and v["denominator"] is None)
        version = report.version
        send = partial(_as_read_now, reports.submit, officer_a, report.pk, expected_version=version)
        correct = partial(
            _as_read_now,
            reports.annotate,
            head_a,
            report.pk,
            code=code,
            numerator=5,
            denominator=None,
            reason="Số liệu của trạm y tế",
            expected_version=version,
        )
        answers = race([send, correct])
        assert sum(isinstance(a, ValidationError) for a in answers) == 1, answers
        report.refresh_from_db()
        if report.status == ReportStatus.SUBMITTED:
            assert report.snapshot["values"] == report.values
            assert reports.snapshot_of(report)[1] == report.snapshot_sha256
        else:
            assert report.values[code]["numerator"] == 5 and not report.snapshot_sha256
