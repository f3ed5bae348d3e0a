"""The compulsory-rehab dossier, Luật 120/2025 Điều 35–39 (and Điều 56 for dossiers across 01/07/2026)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.dossier import DossierState, allowed_dossier_moves
from hoanhap.cases.models import effective_end
from hoanhap.cases.rehab import EpisodeState, RehabForm
from hoanhap.cases.services.dossier import admit, file_document, open_dossier, record_dossier_event
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_voluntary import assess, register
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law import services as law
from hoanhap.lib.dates import now

ADULT_ITEMS = ["profile", "violation_record", "addiction_confirmation", "proposal"]
MINOR_ITEMS = [
    "profile",
    "violation_record",
    "addiction_confirmation",
    "statement",
    "guardian_opinion",
    "proposal",
]


def open_for(actor, person, opened_on, *, ground="voluntary_not_done", last=None, **extra):
    return open_dossier(
        actor,
        person=person,
        ground=ground,
        last_violation_on=last or opened_on - dt.timedelta(days=5),
        opened_on=opened_on,
        **extra,
    )


def file_all(actor, dossier, items=ADULT_ITEMS, pages=3):
    for item in items:
        file_document(actor, dossier=dossier, item=item, title=item, pages=pages)


def step(actor, dossier, kind, on, **extra):
    return record_dossier_event(actor, dossier=dossier, kind=kind, on=on, **extra)


def to_order(
    actor,
    dossier,
    notified_on,
    *,
    term_months=None,
    court="Tòa án nhân dân khu vực 3 – Nghệ An",
    document_number="",
):
    """Notify, forward to ``court`` after the window, court accepts and orders."""
    file_all(actor, dossier, MINOR_ITEMS if dossier.minor else ADULT_ITEMS)
    step(actor, dossier, "notify", notified_on)
    dossier.refresh_from_db()
    forward_on = dossier.forward_due.date()
    step(actor, dossier, "forward", forward_on, note=court)
    step(actor, dossier, "accept", forward_on + dt.timedelta(days=2))
    step(
        actor,
        dossier,
        "order",
        forward_on + dt.timedelta(days=10),
        term_months=term_months,
        note="12/QĐ-TA",
        document_number=document_number,
    )
    return dossier


@pytest.fixture
def minor(officer_a, make_person):
    return make_person(officer_a, full_name="Lê Văn Bình", birth_date=dt.date(2010, 3, 1))


def test_relapse_in_aftercare_is_a_ground_for_adults_only(officer_a, person_a, minor):
    with time_machine.travel(dt.date(2026, 10, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 10, 20), ground="aftercare_relapse")
        assert (dossier.minor, dossier.regime, dossier.preparer_role) == (
            False,
            "law120",
            "commune_police_head",
        )
        with pytest.raises(ValidationError, match=r"Điều 35\.1\.d"):
            open_for(officer_a, minor, dt.date(2026, 10, 20), ground="aftercare_relapse")


def test_violation_escalation_ground_does_not_exist_under_the_old_law(officer_a, person_a):
    with (
        time_machine.travel(dt.date(2026, 6, 20)),
        pytest.raises(ValidationError, match="không có trong luật"),
    ):
        open_for(officer_a, person_a, dt.date(2026, 6, 20), ground="violations")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"pregnant": True}, "mang thai"),
        ({"lacks_capacity": True}, "năng lực trách nhiệm"),
        ({"youngest_child_born_on": dt.date(2023, 10, 21)}, "dưới 36 tháng"),
    ],
)
def test_exclusions_of_article_35_2_refuse_the_dossier(officer_a, person_a, extra, message):
    with time_machine.travel(dt.date(2026, 10, 20)), pytest.raises(ValidationError, match=message):
        open_for(officer_a, person_a, dt.date(2026, 10, 20), **extra)


def test_a_child_of_exactly_36_months_no_longer_excludes(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 10, 20)):
        dossier = open_for(
            officer_a, person_a, dt.date(2026, 10, 20), youngest_child_born_on=dt.date(2023, 10, 20)
        )
    assert dossier.state is DossierState.PREPARING


def test_the_three_month_limitation_runs_from_the_last_violation(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        with pytest.raises(ValidationError, match="thời hiệu"):
            open_for(officer_a, person_a, dt.date(2026, 11, 20), last=dt.date(2026, 8, 19))
        dossier = open_for(officer_a, person_a, dt.date(2026, 11, 20), last=dt.date(2026, 8, 20))
    assert dossier.limitation_ends == dt.date(2026, 11, 20)
    file_all(officer_a, dossier)
    with time_machine.travel(dt.date(2026, 11, 22)), pytest.raises(ValidationError, match="hết thời hiệu"):
        step(officer_a, dossier, "notify", dt.date(2026, 11, 21))


def _dossier_items(officer):
    return [
        (i.kind, i.due_at.date(), i.has_deadline, i.overdue)
        for i in due_items_for_commune(officer.commune_id)
        if "dossier" in i.kind
    ]


# 23:00 and 00:30 in Vietnam: the limitation's last day, and the day after it.
LAST_EVENING, NEXT_NIGHT = (
    dt.datetime(2026, 11, 25, 16, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 25, 17, 30, tzinfo=dt.UTC),
)


def test_once_the_limitation_has_run_out_the_inbox_asks_to_close_the_dossier(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 11, 20), last=dt.date(2026, 8, 25))
        file_all(officer_a, dossier)
    with time_machine.travel(LAST_EVENING, tick=False):
        assert _dossier_items(officer_a) == [("notify_dossier", dt.date(2026, 11, 25), True, False)]
    with time_machine.travel(NEXT_NIGHT, tick=False):
        # Notice can no longer be given; what the officer can do is close the dossier, and the
        # item says so (the law sets no deadline for closing: never overdue).
        with pytest.raises(ValidationError, match="hết thời hiệu"):
            step(officer_a, dossier, "notify", dt.date(2026, 11, 26))
        assert _dossier_items(officer_a) == [("close_dossier", dt.date(2026, 11, 25), False, False)]
        step(officer_a, dossier, "close", dt.date(2026, 11, 26), close_reason="limitation")
        assert _dossier_items(officer_a) == []


def test_a_notified_dossier_not_forwarded_within_the_limitation_is_to_be_closed(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 11, 20), last=dt.date(2026, 8, 25))
        file_all(officer_a, dossier)
        step(officer_a, dossier, "notify", dt.date(2026, 11, 20))
    with time_machine.travel(LAST_EVENING, tick=False):
        assert [kind for kind, *_rest in _dossier_items(officer_a)] == ["forward_dossier"]
    with time_machine.travel(NEXT_NIGHT, tick=False):
        assert _dossier_items(officer_a) == [("close_dossier", dt.date(2026, 11, 25), False, False)]


def test_a_ground_whose_limitation_has_run_out_leaves_the_inbox(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 7, 10))
    episode = register(officer_a, person_a, dt.date(2026, 7, 15))
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 8, 25), exit_reason="quit")
    with time_machine.travel(LAST_EVENING, tick=False):
        assert _dossier_items(officer_a) == [("open_dossier", dt.date(2026, 11, 25), True, False)]
    with time_machine.travel(NEXT_NIGHT, tick=False):
        # No dossier can be opened on that violation any more: nothing is left to do.
        with pytest.raises(ValidationError, match="thời hiệu"):
            open_for(officer_a, person_a, dt.date(2026, 11, 26), last=dt.date(2026, 8, 25))
        assert _dossier_items(officer_a) == []


def test_notice_needs_every_document_of_the_checklist_and_pages_run_on(officer_a, minor):
    with time_machine.travel(dt.date(2026, 10, 20)):
        dossier = open_for(officer_a, minor, dt.date(2026, 10, 20))
        assert dossier.minor and dossier.checklist["items"] == MINOR_ITEMS
        file_all(officer_a, dossier, ADULT_ITEMS, pages=2)
        with pytest.raises(ValidationError, match=r"Bản tường trình.*Ý kiến của cha, mẹ"):
            step(officer_a, dossier, "notify", dt.date(2026, 10, 20))
        file_document(officer_a, dossier=dossier, item="statement", title="Tường trình", pages=4)
        file_document(officer_a, dossier=dossier, item="guardian_opinion", title="Ý kiến", pages=1)
        step(officer_a, dossier, "notify", dt.date(2026, 10, 20))
        with pytest.raises(ValidationError, match="không bổ sung"):
            file_document(officer_a, dossier=dossier, item="other", title="Khác", pages=1)
    ranges = [(first, last) for _doc, first, last in dossier.numbered_documents()]
    assert ranges == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 12), (13, 13)]


def test_reading_window_and_forwarding_deadline_skip_tet(officer_a, person_a):
    # Tết Đinh Mùi: Thursday 04/02/2027 to Wednesday 10/02/2027 are public holidays.
    with time_machine.travel(dt.date(2027, 2, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2027, 1, 25))
        file_all(officer_a, dossier)
        step(officer_a, dossier, "notify", dt.date(2027, 2, 3))
        dossier.refresh_from_db()
        assert (dossier.reading_ends.date(), dossier.forward_due.date()) == (
            dt.date(2027, 2, 15),
            dt.date(2027, 2, 16),
        )
        with pytest.raises(ValidationError, match="đọc hồ sơ đến hết ngày 15/02/2027"):
            step(officer_a, dossier, "forward", dt.date(2027, 2, 15), note="Tòa án khu vực")
        with pytest.raises(ValidationError, match="Tòa án nhân dân khu vực"):
            step(officer_a, dossier, "forward", dt.date(2027, 2, 16))
        event = step(officer_a, dossier, "forward", dt.date(2027, 2, 16), note="Tòa án nhân dân khu vực 3")
    assert event.signer_role == "commune_police_head"


def test_moves_the_law_does_not_allow_are_refused_with_the_article(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 10, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 10, 20))
        for kind in ("forward", "order", "admit", "found"):
            with pytest.raises(ValidationError, match=r"Điều 35–39"):
                step(officer_a, dossier, kind, dt.date(2026, 10, 20), note="x")
    assert "admit" not in allowed_dossier_moves(DossierState.ORDERED)


def test_a_first_compulsory_rehab_under_the_new_law_runs_24_months_less_interim_days(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 10, 1))
        step(officer_a, dossier, "interim", dt.date(2026, 10, 2), note="Cơ sở cai nghiện ma túy số 1")
        to_order(officer_a, dossier, dt.date(2026, 10, 5))
        with pytest.raises(ValidationError, match="chưa kết thúc"):
            open_for(officer_a, person_a, dt.date(2026, 10, 1))
        episode = admit(
            officer_a,
            dossier=dossier,
            on=dt.date(2026, 11, 1),
            intake_record_number="7/BB",
            provider="Cơ sở số 1",
        )
    assert (episode.form, episode.regime, episode.term_months) == (RehabForm.COMPULSORY_ADULT, "law120", 24)
    assert episode.credited_days == 30
    assert episode.planned_end == dt.date(2028, 10, 2)
    dossier.refresh_from_db()
    assert dossier.state is DossierState.ADMITTED
    assert status_of(person_a, on=dt.date(2026, 11, 20)).status == Status.IN_REHAB


def test_court_term_must_match_the_new_law(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 10, 1))
        with pytest.raises(ValidationError, match="24 tháng"):
            to_order(officer_a, dossier, dt.date(2026, 10, 5), term_months=12)


def test_dossier_prepared_before_the_new_law_and_decided_after_follows_it(officer_a, person_a):
    """Luật 120/2025 Điều 56.2: the old law gave an adult 12–24 months; the order follows the new."""
    with time_machine.travel(dt.date(2026, 8, 20)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 6, 22))
        assert dossier.regime == "law73"
        file_all(officer_a, dossier)
        step(officer_a, dossier, "notify", dt.date(2026, 6, 23))
        step(officer_a, dossier, "forward", dt.date(2026, 6, 29), note="Tòa án khu vực")
        step(officer_a, dossier, "accept", dt.date(2026, 6, 30))
        order = step(officer_a, dossier, "order", dt.date(2026, 7, 10), note="5/QĐ-TA")
    assert (order.rule["regime"], order.rule["value"]) == ("law120", 24)


def test_an_order_under_the_old_law_chooses_within_12_to_24_months(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 6, 25)):
        dossier = open_for(officer_a, person_a, dt.date(2026, 5, 4))
        with pytest.raises(ValidationError, match="từ 12 đến 24 tháng"):
            to_order(officer_a, dossier, dt.date(2026, 5, 5), term_months=30)
        order = step(officer_a, dossier, "order", dt.date(2026, 6, 1), term_months=18, note="3/QĐ-TA")
    assert (order.term_months, order.rule["code"]) == (18, "rehab_term_compulsory_adult")


def test_absconding_needs_a_search_order_of_the_provincial_police_then_admission(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = to_order(
            officer_a, open_for(officer_a, person_a, dt.date(2026, 10, 1)), dt.date(2026, 10, 5)
        )
        fled = step(officer_a, dossier, "abscond", dt.date(2026, 11, 1))
        assert fled.signer_role == "provincial_police"
        with pytest.raises(ValidationError, match="chờ thi hành"):
            admit(officer_a, dossier=dossier, on=dt.date(2026, 11, 2), intake_record_number="1", provider="x")
        step(officer_a, dossier, "found", dt.date(2026, 11, 10))
        admit(officer_a, dossier=dossier, on=dt.date(2026, 11, 11), intake_record_number="1", provider="x")


def test_postponement_returns_to_the_order_and_exemption_ends_it(officer_a, person_a):
    with time_machine.travel(dt.date(2026, 11, 20)):
        dossier = to_order(
            officer_a, open_for(officer_a, person_a, dt.date(2026, 10, 1)), dt.date(2026, 10, 5)
        )
        step(officer_a, dossier, "postpone", dt.date(2026, 11, 1), note="Tòa án khu vực 3")
        step(officer_a, dossier, "postpone_end", dt.date(2026, 11, 10))
        step(officer_a, dossier, "exempt", dt.date(2026, 11, 12))
    dossier.refresh_from_db()
    assert dossier.state is DossierState.EXEMPTED and not dossier.is_open


def test_escape_pushes_the_end_back_and_illness_suspension_does_not(officer_a, person_a):
    with time_machine.travel(dt.date(2027, 6, 1)):
        dossier = to_order(
            officer_a, open_for(officer_a, person_a, dt.date(2026, 10, 1)), dt.date(2026, 10, 5)
        )
        episode = admit(
            officer_a, dossier=dossier, on=dt.date(2026, 11, 1), intake_record_number="1", provider="Cơ sở 1"
        )
        escape = record_rehab_event(officer_a, episode=episode, kind="escape", on=dt.date(2027, 1, 1))
        assert escape.signer_role == "facility_staff"
        record_rehab_event(officer_a, episode=episode, kind="return", on=dt.date(2027, 1, 11))
        record_rehab_event(officer_a, episode=episode, kind="suspend", on=dt.date(2027, 2, 1))
        record_rehab_event(officer_a, episode=episode, kind="suspend_end", on=dt.date(2027, 3, 1))
    events = list(episode.events.all())
    assert effective_end(episode, events) == episode.planned_end + dt.timedelta(days=10)


def test_compulsory_events_are_refused_on_voluntary_rehab(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    episode = register(officer_a, person_a, dt.date(2026, 10, 15))
    with pytest.raises(ValidationError, match="Không thể"):
        record_rehab_event(officer_a, episode=episode, kind="escape", on=dt.date(2026, 10, 20))


def test_a_minor_turning_18_with_three_months_left_is_due_for_transfer(officer_a, minor):
    with time_machine.travel(dt.date(2027, 2, 10)):
        dossier = to_order(officer_a, open_for(officer_a, minor, dt.date(2026, 10, 1)), dt.date(2026, 10, 5))
        episode = admit(
            officer_a,
            dossier=dossier,
            on=dt.date(2026, 11, 1),
            intake_record_number="1",
            provider="Trường giáo dưỡng",
        )
        assert episode.form == RehabForm.COMPULSORY_MINOR
        assert not [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "transfer_adult"]
    with time_machine.travel(dt.date(2028, 2, 15)):
        items = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "transfer_adult"]
        assert [(i.due_at.date(), i.has_deadline) for i in items] == [(dt.date(2028, 3, 1), False)]
    with time_machine.travel(dt.date(2028, 3, 5)):
        record_rehab_event(
            officer_a, episode=episode, kind="transfer", on=dt.date(2028, 3, 2), note="Cơ sở cai nghiện số 2"
        )
        assert not [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "transfer_adult"]
    episode.refresh_from_db()
    assert episode.provider == "Cơ sở cai nghiện số 2"


def test_quitting_voluntary_rehab_puts_a_dossier_in_the_inbox_until_one_is_opened(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    episode = register(officer_a, person_a, dt.date(2026, 10, 15))
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 11, 1), exit_reason="quit")
    items = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "open_dossier"]
    assert [(i.due_at.date(), i.responsible_role) for i in items] == [
        (dt.date(2027, 2, 1), "commune_police_head")
    ]
    dossier = open_for(officer_a, person_a, dt.date(2026, 11, 5), last=dt.date(2026, 11, 1))
    kinds = {i.kind for i in due_items_for_commune(officer_a.commune_id)}
    assert "open_dossier" not in kinds and "notify_dossier" in kinds
    assert status_of(person_a).status == Status.COMPULSORY_PENDING
    file_all(officer_a, dossier)
    step(officer_a, dossier, "notify", dt.date(2026, 11, 6))
    forward = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "forward_dossier"]
    # Friday 06/11 → reading window to Wednesday 11/11, forwarding by Thursday 12/11.
    assert [i.due_at.date() for i in forward] == [dt.date(2026, 11, 12)]
    assert forward[0].overdue == (now().date() > dt.date(2026, 11, 12))


def test_an_adults_compulsory_completion_is_certified_by_the_facility(officer_a, person_a):
    with time_machine.travel(dt.date(2028, 12, 1)):
        dossier = to_order(
            officer_a, open_for(officer_a, person_a, dt.date(2026, 10, 1)), dt.date(2026, 10, 5)
        )
        episode = admit(
            officer_a, dossier=dossier, on=dt.date(2026, 11, 1), intake_record_number="1", provider="Cơ sở 1"
        )
        for stage in range(1, 5):
            record_rehab_event(
                officer_a, episode=episode, kind="stage_done", on=dt.date(2027, stage, 1), stage=stage
            )
        with pytest.raises(ValidationError, match="5 giai đoạn"):
            record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2028, 11, 2))
        record_rehab_event(officer_a, episode=episode, kind="stage_done", on=dt.date(2028, 1, 1), stage=5)
        done = record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2028, 11, 1))
    assert done.signer_role == "facility_staff"
    assert episode.state is EpisodeState.COMPLETED


def test_the_limitation_restarts_when_evasion_ends_and_is_checked_at_the_court_order(officer_a, person_a):
    """Luật 120/2025 Điều 35.4: "thời hiệu được tính lại kể từ thời điểm chấm dứt hành vi trốn tránh,
    cản trở đó"; the limitation is that of applying the measure, so the order is checked too."""
    with time_machine.travel(at(2026, 12, 1), tick=False):
        dossier = open_for(officer_a, person_a, dt.date(2026, 8, 20), last=dt.date(2026, 8, 15))
        # 3 months end on Sunday 15/11/2026: the authority's time runs to Monday (BLDS Điều 148.5).
        assert dossier.limitation_ends == dt.date(2026, 11, 16)
        file_all(officer_a, dossier)
        with pytest.raises(ValidationError, match="Đã hết thời hiệu ngày 16/11/2026"):
            step(officer_a, dossier, "notify", dt.date(2026, 11, 20))
        with pytest.raises(ValidationError, match="trốn tránh"):
            step(officer_a, dossier, "evasion_end", dt.date(2026, 11, 25))  # the note says what happened
        step(
            officer_a, dossier, "evasion_end", dt.date(2026, 11, 25), note="Bỏ đi khỏi địa phương 01/09–25/11"
        )
        dossier.refresh_from_db()
        assert dossier.limitation_ends == dt.date(2027, 2, 25)
        step(officer_a, dossier, "notify", dt.date(2026, 11, 26))
    with time_machine.travel(at(2027, 3, 10), tick=False):
        dossier.refresh_from_db()
        forward_on = dossier.forward_due.date()
        step(officer_a, dossier, "forward", forward_on, note="Tòa án nhân dân khu vực 3 – Nghệ An")
        step(officer_a, dossier, "accept", forward_on + dt.timedelta(days=2))
        with pytest.raises(ValidationError, match="Đã hết thời hiệu ngày 25/02/2027"):
            step(officer_a, dossier, "order", dt.date(2027, 3, 1), note="12/QĐ-TA")


def test_the_reading_window_runs_from_the_day_the_notice_is_received(officer_a, person_a):
    """Luật 120/2025 Điều 35.3.c: "trong thời hạn 03 ngày làm việc kể từ ngày nhận được thông báo"."""
    dossier = open_for(officer_a, person_a, dt.date(2026, 11, 3), last=dt.date(2026, 11, 1))
    file_all(officer_a, dossier)
    with pytest.raises(ValidationError, match="từ ngày thông báo"):
        step(officer_a, dossier, "notify", dt.date(2026, 11, 6), received_on=dt.date(2026, 11, 5))
    # Notified Friday 06/11, received Monday 09/11: reading to Thursday 12/11, forwarding by Friday 13/11.
    step(officer_a, dossier, "notify", dt.date(2026, 11, 6), received_on=dt.date(2026, 11, 9))
    dossier.refresh_from_db()
    assert dossier.notice_received_on == dt.date(2026, 11, 9)
    assert (dossier.reading_ends.date(), dossier.forward_due.date()) == (
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 13),
    )
    with pytest.raises(ValidationError, match="12/11/2026"):
        step(officer_a, dossier, "forward", dt.date(2026, 11, 12), note="Tòa án nhân dân khu vực 3 – Nghệ An")


@pytest.mark.parametrize(
    ("opened_on", "preparer", "recipient"),
    [
        # Luật 73/2021 as adopted: the district labour office vetted the dossier (Điều 34.3).
        (dt.date(2025, 2, 20), "commune_chairman", "Phòng Lao động – Thương binh và Xã hội cấp huyện"),
        # From 01/03/2025 (Thông tư liên tịch 03/2025): no district police, no labour office.
        (dt.date(2025, 5, 20), "commune_police_head", "Tòa án nhân dân cấp huyện"),
        # From 01/07/2025 the district courts are regional courts; Luật 120/2025 from 01/07/2026.
        (dt.date(2025, 9, 10), "commune_police_head", "Tòa án nhân dân khu vực"),
        (dt.date(2026, 9, 10), "commune_police_head", "Tòa án nhân dân khu vực"),
    ],
)
def test_the_bodies_of_luat_73_follow_the_2025_reorganisation(
    officer_a, person_a, opened_on, preparer, recipient
):
    """Issue 23 item 3: a case of the old regime reads the body of its own day — who prepares the
    dossier and who receives it after the reading window."""
    with time_machine.travel(at(opened_on.year, opened_on.month, opened_on.day), tick=False):
        dossier = open_for(officer_a, person_a, opened_on)
        assert dossier.preparer_role == preparer
        file_all(officer_a, dossier, items=dossier.missing_items())
        step(officer_a, dossier, "notify", opened_on)
        dossier.refresh_from_db()
    forward_on = law.to_local_date(dossier.reading_ends) + dt.timedelta(days=1)
    with time_machine.travel(at(forward_on.year, forward_on.month, forward_on.day), tick=False):
        with pytest.raises(ValidationError, match=recipient):
            step(officer_a, dossier, "forward", forward_on)
        titles = [i.title for i in due_items_for_commune(person_a.commune_id) if i.kind == "forward_dossier"]
        assert titles == [f"Quyết định chuyển hồ sơ đến {recipient}"]
