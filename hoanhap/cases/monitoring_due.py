"""Due items of electronic monitoring (Luật 120/2025 Điều 12), registered in the commune's inbox
(``CasesConfig.ready``): a device reported faulty or found tampered with and not yet
seen to, a monitoring reaching the end of the term its decision set, and a monitoring still running
when the person is no longer in any situation of Điều 12.1."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from hoanhap.cases.machine import events_by_case, still_open
from hoanhap.cases.models import ElectronicMonitoring
from hoanhap.cases.monitoring import MONITORING, OPEN_MONITORING_STATES, MonitoringEvent, MonitoringState
from hoanhap.cases.services.monitoring import situations_of
from hoanhap.inbox.items import TERM_END_NOTICE, DueItem, person_item
from hoanhap.law import services as law
from hoanhap.law.services import end_of_day
from hoanhap.lib.dates import today
from hoanhap.people.models import Person


def monitoring_items(commune_id: str) -> list[DueItem]:
    """The items of the commune's open monitorings (a few queries, however many there are)."""
    rows = list(
        still_open(
            ElectronicMonitoring.objects.filter(commune_id=commune_id), MONITORING, OPEN_MONITORING_STATES
        )
        .order_by()
        .values_list("pk", "person_id", "regime", "ends_on", "signer_role", "term_rule", named=True)
    )
    if not rows:
        return []
    events = events_by_case(ElectronicMonitoring, (row.pk for row in rows), "on")
    on = today()
    people = Person.objects.filter(pk__in={row.person_id for row in rows}).only("pk")
    situations = situations_of(people, on)
    items = []
    for row in rows:
        issue = _device_issue(row, events[row.pk])
        if issue is not None:
            items.append(issue)
        if row.ends_on <= on + TERM_END_NOTICE:
            items.append(_term_end(row))
        if situations.get(row.person_id) is None:
            items.append(_not_eligible(row, on))
    return items


def _device_issue(row: Any, events: list[Any]) -> DueItem | None:
    """A fault reported (Điều 12.3.c) or tampering found (Điều 12.3.b) with no repair since. The law
    sets no time for the commune to see to it (the Government is to detail the procedure, Điều 12.4),
    so the item has no deadline; it is dated from the first report of the issue."""
    if MONITORING.fold(e.kind for e in events) is not MonitoringState.DEVICE_ISSUE:
        return None
    repaired = [i for i, e in enumerate(events) if e.kind == MonitoringEvent.REPAIR]
    issue = events[repaired[-1] + 1 if repaired else 0 :]
    regime = law.regime_by_code(row.regime)
    if any(e.kind == MonitoringEvent.TAMPER for e in issue):
        rule = law.rule("monitoring_tampering", regime=regime)
        title = _("Thiết bị giám sát điện tử bị tháo gỡ, tác động: lập biên bản, khắc phục")
    else:
        rule = law.rule("monitoring_fault_report", regime=regime)
        title = _("Thiết bị giám sát điện tử bị hỏng: kiểm tra, khắc phục")
    return person_item(
        "monitoring_device",
        str(title),
        row.person_id,
        end_of_day(issue[0].on),
        "commune_police",
        rule.citation,
        has_deadline=False,
    )


def _term_end(row: Any) -> DueItem:
    """The monitoring ends with the last day of the term its decision set (Bộ luật Dân sự 2015 Điều
    148): it is to be ended, the device taken back, from the day after."""
    return person_item(
        "monitoring_term_end",
        str(_("Kết thúc giám sát điện tử khi hết thời hạn theo quyết định")),
        row.person_id,
        end_of_day(law.first_day_after(row.ends_on)),
        row.signer_role,
        row.term_rule["citation"],
    )


def _not_eligible(row: Any, on: dt.date) -> DueItem:
    """Monitoring rests on the person being in a situation of Điều 12.1; once the person is in none
    (rehab or treatment completed or ended, post-rehab management over), it is to end. The law sets no
    deadline for it, so the item has none."""
    subjects = law.rule("monitoring_subjects", regime=law.regime_by_code(row.regime))
    return person_item(
        "monitoring_not_eligible",
        str(_("Chấm dứt giám sát điện tử: người này không còn thuộc diện áp dụng")),
        row.person_id,
        end_of_day(on),
        row.signer_role,
        subjects.citation,
        has_deadline=False,
    )
