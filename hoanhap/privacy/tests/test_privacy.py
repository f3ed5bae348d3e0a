"""The data-protection registers and the retention job: deadlines from the rulebook (kept with each
entry, so a changed rule leaves old entries alone), due items in the commune's inbox, scope by unit,
audit, and a retention job whose dry run changes nothing and whose run touches only what expired."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.hotline import services as hotline
from hoanhap.hotline.models import Tip
from hoanhap.imports import services as imports
from hoanhap.imports.models import ImportBatch
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law import services as law
from hoanhap.law.rulebook import PD_LAW_91
from hoanhap.people.models import Person
from hoanhap.portal.models import Registration
from hoanhap.portal.services import answer_registration, submit_registration
from hoanhap.privacy import retention, services
from hoanhap.privacy.models import DataRequest

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, h=10, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=VN)


def _request(officer, received_at, **extra):
    data = {
        "requester": "Trần Văn Hỏi",
        "contact": "0912000333",
        "kind": "access",
        "received_at": received_at,
    }
    return services.receive_request(officer, data={**data, **extra})


def _breach(user, detected_at, may_harm=True, **extra):
    data = {
        **extra,
        "detected_at": detected_at,
        "description": "Máy tính xách tay có danh sách bị mất",
        "data_affected": "Họ tên, ngày sinh, kết quả xét nghiệm",
        "people_affected": 40,
        "may_harm": may_harm,
    }
    return services.record_breach(user, data=data)


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_request_is_due_two_working_days_after_it_was_received(officer_a, officer_b, head_a):
    # Received on a Friday: the weekend does not count, nor Tuesday 24/11 (Vietnam Cultural Day, a
    # day off from 2026 in the `holidays` calendar): Monday is the first working day, Wednesday the second.
    request = _request(officer_a, at(2026, 11, 20))
    assert request.due_at == dt.datetime(2026, 11, 25, 23, 59, 59, tzinfo=VN)
    assert request.due_rule["citation"].startswith("Nghị định 356/2025")
    items = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "data_request"]
    assert [(i.due_at, i.link) for i in items] == [
        (request.due_at, f"/bao-ve-du-lieu/yeu-cau/{request.uuid}/")
    ]
    assert not [i for i in due_items_for_commune(officer_b.commune_id) if i.kind == "data_request"]
    with pytest.raises(ValidationError):  # a refusal says on what ground
        services.answer_request(head_a, request=request, outcome="refused", answer=" ")
    with pytest.raises(PermissionDenied):  # another commune's register
        services.answer_request(officer_b, request=request, outcome="done", answer="Đã cung cấp bản sao")
    with pytest.raises(ValidationError):  # a refusal names a ground the law gives (Luật 91 Điều 15.2.a)
        services.answer_request(head_a, request=request, outcome="refused", answer="Không cung cấp")
    services.answer_request(
        head_a,
        request=request,
        outcome="refused",
        answer="Cung cấp có thể ảnh hưởng đến an toàn của người báo tin",
        refusal_ground="provision_harm",
    )
    with pytest.raises(ValidationError):
        services.answer_request(officer_a, request=request, outcome="done", answer="Lần hai")
    assert not [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "data_request"]
    steps = AuditEntry.objects.filter(action=Action.DATA_REQUEST).values_list("extra__step", flat=True)
    assert sorted(steps) == ["answer:refused", "receive"]


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_changed_rule_applies_to_new_requests_only(officer_a, sysadmin):
    """NĐ 356/2025 Điều 5 sets no period for a request to be told about the processing: the rule that
    stands in for it is unverified, so an administrator may change it; requests already received keep
    the deadline they were given."""
    before = _request(officer_a, at(2026, 11, 20), kind="information")
    law.set_override(
        sysadmin, regime=PD_LAW_91, code="data_request_fulfil_information", value="5", note="Đối chiếu NĐ 356"
    )
    after = _request(officer_a, at(2026, 11, 20), kind="information")
    assert before.fulfil_due_at.date() == dt.date(2026, 11, 30) and after.fulfil_due_at.date() == dt.date(
        2026, 11, 25
    )
    before.refresh_from_db()
    assert before.fulfil_due_at.date() == dt.date(2026, 11, 30) and before.fulfil_rule["value"] == 10


def test_who_may_receive_requests(officer_a, province_manager, helper_a, health_a, make_person, officer_b):
    now = at(2026, 11, 20)
    for user in (province_manager, helper_a, health_a):
        with pytest.raises(PermissionDenied):
            _request(user, now)
    other = make_person(officer_b)
    with pytest.raises(PermissionDenied):  # a person of another commune
        services.receive_request(
            officer_a,
            person=other,
            data={"requester": "X", "contact": "Y", "kind": "access", "received_at": now},
        )
    with pytest.raises(ValidationError):
        _request(officer_a, dt.datetime(2099, 1, 1, tzinfo=VN))


@time_machine.travel(at(2026, 11, 23, 9), tick=False)
def test_a_breach_that_may_harm_must_be_notified_within_72_hours(head_a, auditor, officer_c, units):
    breach = _breach(head_a, at(2026, 11, 23, 8))
    assert breach.notify_by == at(2026, 11, 26, 8)
    items = [i for i in due_items_for_commune(head_a.commune_id) if i.kind == "breach_notice"]
    assert [(i.due_at, i.responsible_role) for i in items] == [(breach.notify_by, "commune_police_head")]
    assert services.breaches_for(auditor).filter(pk=breach.pk).exists()  # the province's auditor
    with pytest.raises(ValidationError):  # not closed before the agency is told
        services.close_breach(head_a, breach=breach, measures="Đổi mật khẩu")
    with pytest.raises(ValidationError):
        services.note_notice(
            head_a, breach=breach, notified_at=at(2026, 11, 22), reference="01/TB-CAX", channel="agency"
        )
    services.note_notice(
        head_a, breach=breach, notified_at=at(2026, 11, 23, 8, 30), reference="01/TB-CAX", channel="portal"
    )
    assert not [i for i in due_items_for_commune(head_a.commune_id) if i.kind == "breach_notice"]
    with pytest.raises(ValidationError):  # the "biên bản xác nhận" first (Luật 91/2025 Điều 23.2)
        services.close_breach(head_a, breach=breach, measures="Thu hồi máy")
    services.note_record(head_a, breach=breach, reference="01/BB", made_on=dt.date(2026, 11, 23))
    services.close_breach(head_a, breach=breach, measures="Thu hồi máy, đổi mật khẩu, tập huấn lại")
    harmless = _breach(head_a, at(2026, 11, 23, 8), may_harm=False)
    assert harmless.notify_by is None and not harmless.awaiting_notice


def _expired_world(officer, head, make_person, old, recent):
    """One record of each kind past its period (made at ``old``) and one still within it."""
    for moment in (old, recent):
        with time_machine.travel(moment, tick=False):
            imports.upload(officer, file_name="ds.csv", content="Họ tên,Năm sinh\nLê Văn Cũ,1990\n".encode())
            registration = submit_registration(
                commune=officer.commune,
                data={
                    "full_name": "Nguyễn Văn Đăng",
                    "birth_date": dt.date(1990, 6, 7),
                    "phone": "0905",
                    "address": "Xóm 1",
                },
            )
            answer_registration(
                officer, registration=registration, status="refused", answer="Không đủ điều kiện"
            )
            tip = hotline.receive_tip(
                head,
                channel="phone",
                category="hotspot",
                summary="Tụ tập",
                location="",
                commune=head.commune,
                received_at=moment,
                reporter={"name": "Người Báo", "phone": "0977000111", "address": ""},
            )
            hotline.close_tip(head, tip=tip, outcome="Đã kiểm tra")
    make_person(officer)


def test_the_retention_job_dry_run_changes_nothing_and_the_run_touches_only_what_expired(
    officer_a, head_a, make_person
):
    today = at(2032, 6, 1)
    _expired_world(officer_a, head_a, make_person, old=at(2026, 11, 1), recent=today - dt.timedelta(days=10))
    with time_machine.travel(today, tick=False):
        dry = {line.rule.code: line.count for line in retention.run(dry_run=True)}
        assert dry == {"import_files": 1, "refused_registrations": 1, "tip_reporters": 1, "registry": 1}
        assert ImportBatch.objects.exclude(content="").count() == 2
        assert not AuditEntry.objects.filter(action=Action.RETENTION).exists()
        done = {line.rule.code: line.count for line in retention.run(dry_run=False)}
        assert done == dry
        again = {line.rule.code: line.count for line in retention.run(dry_run=False)}
    assert again == {"import_files": 0, "refused_registrations": 0, "tip_reporters": 0, "registry": 1}
    assert ImportBatch.objects.filter(content="", sample="").count() == 1  # the preview rows too
    old, recent = Registration.objects.order_by("received_at")
    assert (old.full_name, old.phone, old.birth_date) == (retention.ANONYMISED, "", dt.date(1990, 1, 1))
    assert recent.full_name == "Nguyễn Văn Đăng"
    old_tip, recent_tip = Tip.objects.order_by("received_at")
    assert (old_tip.reporter_sealed, bool(recent_tip.reporter_sealed)) == ("", True)
    assert Person.objects.count() == 1
    rules = sorted(AuditEntry.objects.filter(action=Action.RETENTION).values_list("extra__rule", flat=True))
    assert rules == ["import_files", "refused_registrations", "tip_reporters"]


def test_the_retention_command_and_page(sysadmin, officer_a, login, capsys):
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "import_files: would touch 0" in out and "registry: would touch 0 (kept by law)" in out
    page = login(sysadmin).get(reverse("privacy:retention"))
    assert page.status_code == 200 and "NĐ 105/2021 Điều 49" in page.content.decode()
    assert login(officer_a).get(reverse("privacy:retention")).status_code == 403


def test_the_pages_walk_a_request_and_a_breach(login, officer_a, head_a, officer_b, make_person):
    person = make_person(officer_a)
    client = login(officer_a)
    form = client.get(reverse("privacy:requests"), {"ho_so": person.uuid})
    assert form.status_code == 200 and person.full_name in form.content.decode()
    bad = client.post(reverse("privacy:requests"), {"kind": "access", "received_at": "31/02/2026 10:00"})
    assert bad.status_code == 400 and not DataRequest.objects.exists()
    # A value that is no record's code is a form error (it reached a query and gave a 500); another
    # commune's record is not found.
    garbage = client.get(reverse("privacy:requests"), {"ho_so": "not-a-uuid"})
    assert garbage.status_code == 400 and "Mã hồ sơ không hợp lệ" in garbage.content.decode()
    posted = {"kind": "access", "received_at": "20/11/2026 10:00", "requester": "A", "person": "x' OR 1=1"}
    assert client.post(reverse("privacy:requests"), posted).status_code == 400
    other = make_person(officer_b)
    assert client.get(reverse("privacy:requests"), {"ho_so": other.uuid}).status_code == 404
    made = client.post(
        reverse("privacy:requests"),
        {
            "received_at": "20/11/2026 10:00",
            "kind": "correction",
            "requester": "Trần Văn Hỏi",
            "contact": "0912000333",
            "person": str(person.uuid),
        },
    )
    request = DataRequest.objects.get()
    assert made.status_code == 302 and request.person == person
    assert login(officer_b).get(reverse("privacy:request", args=[request.uuid])).status_code == 404
    answered = client.post(
        reverse("privacy:request", args=[request.uuid]), {"outcome": "done", "answer": "Đã sửa ngày sinh"}
    )
    assert answered.status_code == 302
    head = login(head_a)
    recorded = head.post(
        reverse("privacy:breaches"),
        {
            "detected_at": "23/11/2026 08:00",
            "place": "Trụ sở Công an xã",
            "description": "Gửi nhầm thư điện tử",
            "consequences": "Lộ họ tên người được quản lý",
            "data_affected": "Họ tên",
            "people_affected": "3",
            "may_harm": "on",
        },
    )
    assert recorded.status_code == 302
    page = head.get(recorded["Location"])
    assert "Ghi nhận việc thông báo" in page.content.decode()
    assert client.get(reverse("privacy:breaches")).status_code == 403  # an officer does not keep it
