"""What a positive drug test leads to: it depends on the case the person is in on the day of the test.

Luật 120/2025 (and Luật 73/2021 before it) names a different next step for each case:

- no open case: a user-management decision (Điều 24.4.a; Luật 73 Điều 23.4), except for someone
  without a stable residence, who is referred for an addiction determination first (Điều 31.1.đ,
  24.6; Luật 73 Điều 27.1.b);
- under user management: refer for an addiction determination (Điều 31.1.c; Luật 73 Điều 27.1.a);
- under post-rehab management, or rehab completed and its post-rehab term (which runs from completion,
  Điều 42.1–2) not yet over:
  refer for an addiction determination (Điều 31.1.d; Luật 73 Điều 27.1.d);
- in voluntary rehab: a ground for compulsory rehab (Điều 35.1.b, 36.1.b; Luật 73 Điều 32.2, 33.1.b);
- already found addicted (not yet in rehab, on substitution treatment, or while a compulsory-rehab
  dossier is prepared): no user management, which is for people not addicted (Điều 24.5.a; Luật 73
  Điều 23.5.a);
- in a public rehab facility or reform school (under Luật 73: in compulsory rehab): the result is not
  sent to the commune at all (Điều 23.2; Luật 73 Điều 22.2).

Each branch is a rule of the regime in ``law.rulebook`` with its citation; this module only tells which
case the person is in.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hoanhap.cases.rehab import COMPULSORY_FORMS, RehabForm
from hoanhap.cases.status import PersonStatus, Status, status_of
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.people.models import StableResidence


class Response(StrEnum):
    DECISION = "decision"  # a user-management decision falls due
    ASSESSMENT = "assessment"  # refer for an addiction determination
    GROUND = "ground"  # a ground for compulsory rehab
    NONE = "none"  # no step at the commune: the person is already addicted
    NOT_SENT = "not_sent"  # the result does not go to the commune


# The forms during which a positive result is not sent to the commune, by the rule's value.
_NOT_SENT_FORMS = {
    "compulsory": COMPULSORY_FORMS,
    "public_facility": COMPULSORY_FORMS | {RehabForm.VOLUNTARY_PUBLIC},
}
_ADDICTED = frozenset({Status.ADDICTED, Status.ON_SUBSTITUTION, Status.COMPULSORY_PENDING})
_MANAGED = frozenset({Status.USER_MANAGED, Status.USER_SUSPENDED})
# A situational rule's value says what follows (an administrator's override of it included).
_BY_VALUE = {
    "assessment": Response.ASSESSMENT,
    "used_in_voluntary": Response.GROUND,
    "none": Response.NONE,
}


def _within_aftercare_term(status: PersonStatus, tested_on: dt.date, regime: Regime) -> bool:
    """Rehab completed and no post-rehab decision yet: the post-rehab term runs from completion all
    the same (Luật 120/2025 Điều 42.1–2; Luật 73/2021 Điều 40.1–2), and ends with it."""
    code = (
        "aftercare_term_adult_compulsory" if status.form == RehabForm.COMPULSORY_ADULT else "aftercare_term"
    )
    term = law.rule(code, regime=regime)
    return status.since is not None and tested_on <= law.last_day(term, status.since)


@dataclass(frozen=True)
class Outcome:
    response: Response
    rule: law.AppliedRule


def outcome_of_positive(person, *, tested_on: dt.date, regime: Regime) -> Outcome:
    """The next step the law names for a positive result of ``person`` tested on ``tested_on``,
    under ``regime`` (the law in force when the result was received)."""
    status = status_of(person, tested_on)
    code = None
    if status.status is Status.IN_REHAB:
        not_sent = law.rule("positive_result_not_sent", regime=regime)
        if status.form in _NOT_SENT_FORMS[str(not_sent.value)]:
            return Outcome(Response.NOT_SENT, not_sent)
        code = "positive_in_voluntary_rehab"
    elif status.status in _ADDICTED:
        code = "positive_of_addicted"
    elif status.status is Status.AFTERCARE or (
        status.status is Status.REHAB_COMPLETED and _within_aftercare_term(status, tested_on, regime)
    ):
        code = "positive_in_aftercare"
    elif status.status in _MANAGED:
        code = "repeated_use_response"
    elif person.stable_residence == StableResidence.NONE:
        code = "positive_without_residence"
    if code is not None:
        applied = law.rule(code, regime=regime)
        response = _BY_VALUE.get(str(applied.value))
        if response is not None:
            return Outcome(response, applied)
    return Outcome(Response.DECISION, law.rule("user_management_decision", regime=regime))
