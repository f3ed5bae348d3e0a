"""The daily digest: routing to the responsible and preparing roles, escalation of overdue items to
the unit head, once a day, counts only (no names by e-mail or SMS)."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hoanhap.cases import digest
from hoanhap.cases.models import DigestRun
from hoanhap.cases.tasks import send_daily_digest
from hoanhap.cases.tests.conftest import at
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.lib.sms import MemorySmsGateway


def test_items_go_to_signers_and_preparers_and_overdue_ones_escalate(
    officer_a, head_a, chairman_a, make_person, positive_test
):
    person = make_person(officer_a, stable_residence="unknown")
    with time_machine.travel(at(2026, 3, 20)):
        # Under Luật 73: the decision (3 working days, the chairman) and the residence verification
        # (3 working days, Nghị định 105/2021 Điều 41, the police officer) both overdue.
        positive_test(person, at(2026, 3, 2, 10))
        digests = {
            d.user.username: d
            for d in digest.route(
                due_items_for_commune(officer_a.commune_id), [officer_a, head_a, chairman_a]
            )
        }
    assert [i.kind for i in digests["officer_a"].items] == ["verify_residence"]
    assert [i.kind for i in digests["chairman_a"].items] == ["decide_management"]
    assert digests["head_a"].items == []
    assert [i.kind for i in digests["head_a"].escalated] == ["verify_residence"]
    assert digests["head_a"].overdue == 1


def test_digest_is_sent_once_a_day_by_mail_and_sms_without_names(
    settings, officer_a, head_a, make_person, positive_test
):
    settings.SMS_GATEWAY = "hoanhap.lib.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    officer_a.email, officer_a.phone = "canbo@example.vn", ""
    officer_a.save()
    head_a.email, head_a.phone = "", "0912345678"
    head_a.save()
    person = make_person(officer_a, full_name="Hoàng Văn Tư")
    with time_machine.travel(at(2026, 9, 3, 7)):
        positive_test(person, at(2026, 9, 1, 10))
        assert digest.send_daily_digests() == 2
        assert digest.send_daily_digests() == 0  # the day is claimed
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]]
    message = mail.outbox[0]
    assert (
        message.subject == "HoaNhap 03/09/2026: 2 việc cần làm, 1 quá hạn"
    )  # decision late, verification not yet
    assert "Ra quyết định quản lý người sử dụng trái phép chất ma túy: 1 (1 quá hạn)" in message.body
    assert "/nghiep-vu/viec-can-lam/" in message.body
    assert [to for to, _text in MemorySmsGateway.outbox] == ["0912345678"]
    for text in (message.subject, message.body, MemorySmsGateway.outbox[0][1]):
        assert "Hoàng Văn Tư" not in text and str(person.uuid) not in text


def test_scheduler_enqueues_the_digest_after_its_hour_only(db, settings):
    settings.DIGEST_HOUR = 7
    with time_machine.travel(dt.datetime(2026, 9, 3, 6, 30, tzinfo=at(2026, 1, 1).tzinfo)):
        call_command("run_scheduler", "--once")
    assert DBTaskResult.objects.count() == 0
    with time_machine.travel(dt.datetime(2026, 9, 3, 7, 5, tzinfo=at(2026, 1, 1).tzinfo)):
        call_command("run_scheduler", "--once")
    paths = sorted(
        path.rsplit(".", 1)[1] for path in DBTaskResult.objects.values_list("task_path", flat=True)
    )
    assert paths == ["apply_retention", "send_daily_digest"]


def test_a_digest_run_that_dies_midway_resumes_without_sending_twice(
    settings, officer_a, head_a, make_person, positive_test, monkeypatch
):
    settings.SMS_GATEWAY = "hoanhap.lib.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    for user, email in ((officer_a, "canbo@example.vn"), (head_a, "truongca@example.vn")):
        user.email, user.phone = email, ""
        user.save()
    real = digest._deliver

    def dies_after_the_first(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt  # the worker is killed before its count is saved

    with time_machine.travel(at(2026, 9, 3, 7)):
        positive_test(make_person(officer_a), at(2026, 9, 1, 10))
        monkeypatch.setattr(digest, "_deliver", dies_after_the_first)
        with pytest.raises(KeyboardInterrupt):
            digest.send_daily_digests()
        assert len(mail.outbox) == 1
        monkeypatch.setattr(digest, "_deliver", real)
        assert digest.send_daily_digests() == 1  # the job re-queued: only the one not yet sent
        assert digest.send_daily_digests() == 0  # finished for the day
    assert sorted(m.to[0] for m in mail.outbox) == ["canbo@example.vn", "truongca@example.vn"]
    assert DigestRun.objects.get().finished_at is not None


def test_jobs_running_past_the_limit_are_queued_again(db, settings):
    settings.TASK_ABANDONED_MINUTES = 30
    stuck, busy = send_daily_digest.enqueue(), send_daily_digest.enqueue()
    started = timezone.now()
    for result, minutes in ((stuck, 31), (busy, 5)):
        # A worker that died mid-job leaves its row RUNNING; no service makes one, so it is written here.
        DBTaskResult.objects.filter(id=result.id).update(
            status="RUNNING", started_at=started - dt.timedelta(minutes=minutes), worker_ids=["dead"]
        )
    with time_machine.travel(started):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert DBTaskResult.objects.get(id=stuck.id).status == "READY"
    assert DBTaskResult.objects.get(id=busy.id).status == "RUNNING"
