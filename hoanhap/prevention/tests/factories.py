"""Screenings and interventions made through the services that record them (``prevention.services``)."""

import datetime as dt

from hoanhap.accounts.models import User
from hoanhap.people.models import Person
from hoanhap.prevention import assist, services
from hoanhap.prevention.models import Intervention, Screening


def screening(actor: User, person: Person, screened_on: dt.date) -> Screening:
    """An ASSIST screening of someone who never used any substance (every later question skipped)."""
    answers = {"q1": dict.fromkeys(assist.CODES, False)}
    return services.record_screening(
        actor, person=person, screened_on=screened_on, screened_by="Trạm Y tế xã", answers=answers
    )


def intervention(actor: User, person: Person, kind: str, given_on: dt.date) -> Intervention:
    return services.record_intervention(
        actor, person=person, kind=kind, given_on=given_on, given_by="Trạm Y tế xã"
    )
