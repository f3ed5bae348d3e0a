"""Crime tips (Bộ luật Tố tụng hình sự 2015 Điều 145.1, Điều 146.3 as amended in 2021): the commune
police record a receipt ("lập biên bản tiếp nhận") and hand the tip over at once ("chuyển ngay") to the
competent investigation body; the inbox holds the tip until it is handed over. The hour targets of the
categories are internal targets, shown as such."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.tests.conftest import at
from hoanhap.hotline import services
from hoanhap.hotline.categories import CRIME, Category
from hoanhap.hotline.models import CrimeReport
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law.rulebook import REGIMES, RULES

BODY = "Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An"


def _tip(officer, category="trade", hour=9):
    with time_machine.travel(at(2026, 11, 20, hour)):
        return services.receive_tip(
            officer,
            channel="phone",
            category=category,
            summary="Có người bán ma túy tại quán nước đầu ngõ",
            commune=officer.commune,
        )


@pytest.fixture
def tip(officer_a):
    return _tip(officer_a)


def _handovers(commune_id):
    return [i for i in due_items_for_commune(commune_id) if i.kind == "tip_handover"]


def test_trade_and_places_of_use_are_crime_tips_use_alone_is_not_bltths_art_145():
    """Bộ luật Tố tụng hình sự 2015 Điều 144–146 apply to tips about crimes: drug trading and places
    where drug use is organised or sheltered; use alone is an administrative matter."""
    assert sorted(CRIME) == [Category.HOTSPOT, Category.TRADE]


def test_the_handover_rule_is_the_law_word_ngay_unverified_bltths_art_146_3():
    """Điều 146.3: "... lập biên bản tiếp nhận, tiến hành kiểm tra, xác minh sơ bộ và chuyển ngay ..."."""
    for regime in REGIMES:  # the drug-law regimes (the personal-data ones have their own rules)
        rule = RULES[regime.code]["crime_tip_handover"]
        assert (rule.value, rule.verified) == ("hand_over_at_once", False)
        assert "Điều 146.3" in rule.citation and "Điều 145.1" in rule.citation


def test_receipt_record_then_handover_are_recorded_and_audited_bltths_art_146_3(tip, officer_a):
    """Điều 146.3: the receipt record, then the hand-over to the competent investigation body."""
    with time_machine.travel(at(2026, 11, 20, 10)):
        report = services.record_crime_receipt(
            officer_a, tip=tip, receipt_at=at(2026, 11, 20, 9, 30), receipt_number="12/BB"
        )
        assert (report.receipt_by, report.handed_over) == (officer_a, False)
        report = services.hand_over_crime_tip(
            officer_a,
            tip=tip,
            handed_over_at=at(2026, 11, 20, 10),
            investigation_body=BODY,
            handover_number="34/CV-CAX",
        )
    assert (report.handed_over_at, report.investigation_body, report.handover_number) == (
        at(2026, 11, 20, 10),
        BODY,
        "34/CV-CAX",
    )
    steps = [s.action for s in tip.steps.all()]
    assert "12/BB" in steps[0] and BODY in steps[1]
    audited = AuditEntry.objects.filter(actor=officer_a, object_uuid=tip.uuid, action="case_write")
    assert {tuple(sorted(e.extra)) for e in audited} == {("crime_receipt", "tip"), ("crime_handover", "tip")}


def test_the_handover_needs_the_receipt_record_first_bltths_art_146_3(tip, officer_a):
    with time_machine.travel(at(2026, 11, 20, 10)), pytest.raises(ValidationError, match="biên bản"):
        services.hand_over_crime_tip(
            officer_a,
            tip=tip,
            handed_over_at=at(2026, 11, 20, 10),
            investigation_body=BODY,
            handover_number="1",
        )


def test_times_run_from_the_tip_to_now_and_body_and_number_are_required_bltths_art_146_3(tip, officer_a):
    with time_machine.travel(at(2026, 11, 20, 10)):
        for when in (at(2026, 11, 20, 8), at(2026, 11, 20, 11)):  # before the tip; in the future
            with pytest.raises(ValidationError) as caught:
                services.record_crime_receipt(officer_a, tip=tip, receipt_at=when)
            assert "receipt_at" in caught.value.error_dict
        services.record_crime_receipt(officer_a, tip=tip, receipt_at=at(2026, 11, 20, 9, 30))
        with pytest.raises(ValidationError) as caught:
            services.hand_over_crime_tip(
                officer_a,
                tip=tip,
                handed_over_at=at(2026, 11, 20, 9),
                investigation_body=" ",
                handover_number="",
            )
        assert set(caught.value.error_dict) == {"handed_over_at", "investigation_body", "handover_number"}


def test_each_step_is_recorded_once_bltths_art_146_3(tip, officer_a, head_a):
    """Two officers at once: the first receipt record and the first hand-over stand."""
    with time_machine.travel(at(2026, 11, 20, 10)):
        services.record_crime_receipt(officer_a, tip=tip, receipt_at=at(2026, 11, 20, 9))
        with pytest.raises(ValidationError, match="Đã lập"):
            services.record_crime_receipt(head_a, tip=tip, receipt_at=at(2026, 11, 20, 9))
        args = {"handed_over_at": at(2026, 11, 20, 10), "investigation_body": BODY, "handover_number": "1"}
        services.hand_over_crime_tip(officer_a, tip=tip, **args)
        with pytest.raises(ValidationError, match="đã được chuyển"):
            services.hand_over_crime_tip(head_a, tip=tip, **{**args, "handover_number": "2"})
    assert CrimeReport.objects.get().handover_number == "1"


def test_only_crime_tips_get_a_receipt_record_and_only_their_commune_handles_them(officer_a, officer_b):
    counselling = _tip(officer_a, category="counselling")
    with time_machine.travel(at(2026, 11, 20, 10)):
        with pytest.raises(ValidationError, match="tội phạm"):
            services.record_crime_receipt(officer_a, tip=counselling, receipt_at=at(2026, 11, 20, 9))
        with pytest.raises(PermissionDenied):
            services.record_crime_receipt(officer_b, tip=_tip(officer_a), receipt_at=at(2026, 11, 20, 9))


def test_the_inbox_holds_a_crime_tip_due_at_once_until_handed_over_bltths_art_146_3(tip, officer_a):
    """ "Chuyển ngay": due from the moment the tip was received, whether or not the tip is closed."""
    _tip(officer_a, category="counselling")  # not a crime tip: no hand-over item
    with time_machine.travel(at(2026, 11, 20, 9, 1)):
        (item,) = _handovers(officer_a.commune_id)
        assert (item.due_at, item.overdue, item.subject) == (tip.received_at, True, tip.reference)
        assert "Điều 146.3" in item.citation and "chuyển ngay" in item.citation
        assert item.link == reverse("hotline:detail", args=[tip.uuid]) + "#crime"
        services.close_tip(officer_a, tip=tip, outcome="Đã xác minh sơ bộ")
        assert len(_handovers(officer_a.commune_id)) == 1  # still owed
        services.record_crime_receipt(officer_a, tip=tip, receipt_at=at(2026, 11, 20, 9))
        assert len(_handovers(officer_a.commune_id)) == 1
        services.hand_over_crime_tip(
            officer_a,
            tip=tip,
            handed_over_at=at(2026, 11, 20, 9, 1),
            investigation_body=BODY,
            handover_number="5",
        )
        assert _handovers(officer_a.commune_id) == []


def test_the_hour_targets_are_labelled_internal_not_law(tip, login, officer_a):
    page = login(officer_a).get(reverse("hotline:detail", args=[tip.uuid])).content.decode()
    assert "chỉ tiêu nội bộ" in page
    (item,) = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "tip"]
    assert "Chỉ tiêu nội bộ" in item.citation and "không phải thời hạn do luật định" in item.citation
    assert "chỉ tiêu nội bộ" in login(officer_a).get(reverse("hotline:list")).content.decode()


def test_the_police_record_both_steps_on_the_tip_page_bltths_art_146_3(tip, login, officer_a, officer_b):
    client = login(officer_a)
    detail = reverse("hotline:detail", args=[tip.uuid])
    page = client.get(detail).content.decode()
    assert (
        "Chưa lập" in page
        and "Chưa chuyển" in page
        and "<strong>chuyển ngay</strong>" in page
        and "Điều 146.3" in page
    )
    assert 'name="crime-receipt_at"' in page and 'name="handover-investigation_body"' not in page
    with time_machine.travel(at(2026, 11, 20, 10)):
        bad = client.post(reverse("hotline:crime_receipt", args=[tip.uuid]), {"crime-receipt_at": "hôm qua"})
        assert bad.status_code == 400 and "ngày/tháng/năm" in bad.content.decode()
        ok = client.post(
            reverse("hotline:crime_receipt", args=[tip.uuid]),
            {"crime-receipt_at": "20/11/2026 09:30", "crime-receipt_number": "7/BB"},
        )
        assert ok.status_code == 302
        early = client.post(
            reverse("hotline:crime_handover", args=[tip.uuid]),
            {
                "handover-handed_over_at": "20/11/2026 09:00",
                "handover-investigation_body": BODY,
                "handover-handover_number": "8/CV",
            },
        )
        assert early.status_code == 400 and "từ lúc lập biên bản" in early.content.decode()
        done = client.post(
            reverse("hotline:crime_handover", args=[tip.uuid]),
            {
                "handover-handed_over_at": "20/11/2026 09:45",
                "handover-investigation_body": BODY,
                "handover-handover_number": "8/CV",
            },
        )
        assert done.status_code == 302
    page = client.get(detail).content.decode()
    assert BODY in page and "8/CV" in page and "7/BB" in page and 'name="handover-' not in page
    assert login(officer_b).post(reverse("hotline:crime_receipt", args=[tip.uuid])).status_code == 404


def test_a_reader_sees_the_steps_but_gets_no_form(tip, login, province_manager):
    client = login(province_manager)
    page = client.get(reverse("hotline:detail", args=[tip.uuid])).content.decode()
    assert "Chưa lập" in page and 'name="crime-receipt_at"' not in page
    assert client.post(reverse("hotline:crime_handover", args=[tip.uuid])).status_code == 403
