"""A populated commune and a cast of viewers around it, for the authorization matrix.

Everything lives in one commune (Diễn Châu, province 40): the demo data, recorded through the real
services, plus one of each object the demo leaves out (a tip and its request, a hotspot, an online
registration, a report, a plan, a merge, an import batch). The viewers are every role placed in
scope of that commune and, for the roles bound to a unit or a relationship, placed outside it: the
neighbouring commune of the same province, another province, a helper with no assignment there, a
facility with no referral. Seen from outside, the commune's objects are exactly "another unit's".
"""

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.timezone import now

from conftest import COMMUNE_B, PASSWORD
from hoanhap.accounts.demo import DIEN_CHAU
from hoanhap.accounts.models import User
from hoanhap.accounts.services import create_user
from hoanhap.cases import models as cases
from hoanhap.cases.services.assessment import record_assessment
from hoanhap.cases.services.dossier import open_dossier
from hoanhap.cases.services.monitoring import apply_monitoring
from hoanhap.cases.tests.test_dossier import to_order
from hoanhap.documents.models import Document
from hoanhap.geo.models import Commune, CommuneKind, Hamlet, Province
from hoanhap.hotline import services as hotline
from hoanhap.imports import services as imports
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Cap, Role
from hoanhap.lib.vntext import search_key
from hoanhap.people.models import Person, PersonMerge
from hoanhap.people.reviews import SentForReviewError
from hoanhap.people.services import create_person, merge_people
from hoanhap.portal.models import InfoPage, Registration
from hoanhap.portal.services import submit_registration
from hoanhap.prevention.models import Screening
from hoanhap.privacy import services as privacy
from hoanhap.programs import services as programs
from hoanhap.reports import services as reports
from hoanhap.support import models as support

PLAN = Path(__file__).resolve().parents[2] / "programs" / "examples" / "dien-chau-2026-du-an-5.json"
MATCHED = {"full_name": "Đinh Công Ở Xã Bên", "birth_date": dt.date(1987, 5, 6), "sex": "male"}
MATCHED_ID = "040087000321"
IMPORT_CSV = "Họ và tên,Ngày sinh,Giới tính\nPhạm Văn Nhập,01/02/1991,Nam\n".encode()


@dataclass(frozen=True)
class Viewer:
    """Someone looking at the commune's objects: ``inside`` when the commune is in the user's scope."""

    key: str
    user: User | None
    inside: bool

    @property
    def role(self) -> Role | None:
        return Role(self.user.role) if self.user else None


@dataclass
class World:
    commune: Commune
    objects: dict[str, object] = field(default_factory=dict)
    viewers: list[Viewer] = field(default_factory=list)

    def __getitem__(self, name: str):
        return self.objects[name]


def build() -> World:
    """Needs the conftest ``units`` (provinces 40 and 66, communes A=Diễn Châu, B, C=Buôn Ma Thuột)."""
    Commune.objects.get_or_create(
        code="24163",
        defaults={
            "name": "Phường Tân An",
            "province": Province.objects.get(code="66"),
            "kind": CommuneKind.WARD,
            "search_name": search_key("Phường Tân An"),
        },
    )
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
    commune = Commune.objects.get(pk=DIEN_CHAU)
    users = {u.username: u for u in User.objects.all()}
    head, officer = users["truongcax"], users["canbocax"]
    world = World(commune=commune)
    o = world.objects

    here = Person.objects.filter(commune=commune).current()
    o["person"] = here.filter(drug_tests__isnull=False).order_by("pk").first()
    o["user"] = officer
    o["hamlet"] = Hamlet.objects.filter(commune=commune).first()

    # Cases and their parts, each reached through its own person.
    o["test"] = cases.DrugTest.objects.filter(
        commune=commune, management__isnull=True, result="positive"
    ).first()
    o["management"] = cases.UserManagement.objects.filter(commune=commune).first()
    o["episode"] = cases.RehabEpisode.objects.filter(commune=commune).first()
    o["completed_episode"] = (
        cases.RehabEpisode.objects.filter(
            commune=commune, events__kind="complete", aftercare__isnull=True
        ).first()
        or cases.RehabEpisode.objects.filter(commune=commune, events__kind="complete").first()
    )
    o["aftercare"] = cases.Aftercare.objects.filter(commune=commune).first()
    numbered = cases.CompulsoryDossier.objects.filter(commune=commune, events__document_number__gt="")
    o["dossier"] = numbered.distinct().first()
    o["treatment"] = cases.SubstitutionTreatment.objects.filter(commune=commune).first()
    o["rehab_event"] = cases.RehabEventRecord.objects.filter(episode__commune=commune).first()
    # Electronic monitoring (Luật 120/2025 Điều 12) of someone on substitution treatment today.
    on_treatment = next(
        t for t in cases.SubstitutionTreatment.objects.filter(commune=commune) if t.state == "on_treatment"
    )
    o["monitoring"] = apply_monitoring(
        head,
        person=on_treatment.person,
        decided_on=today(),
        decision_number="",
        device_id="GSĐT-0001",
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=180),
    )
    o["document"] = Document.objects.filter(person__commune=commune).first()

    # Support: the demo's helper has assignments; a provider of the province receives referrals.
    o["assignment"] = support.Assignment.objects.filter(person__commune=commune).first()
    o["prevention_plan"] = support.PreventionPlan.objects.filter(aftercare__commune=commune).first()
    o["referral"] = support.Referral.objects.filter(person__commune=commune).first()

    # The helper's own person gets a health record, so that the helper's pages could show one.
    record_assessment(
        head,
        person=o["assignment"].person,
        data={
            "trigger": "repeated_use",
            "requesting_unit": "Công an xã Diễn Châu",
            "health_facility": "Bệnh viện Tâm thần tỉnh Nghệ An",
            "started_on": today() - dt.timedelta(days=3),
            "result_on": today() - dt.timedelta(days=1),
            "substance_class": "stimulants",
            "criteria": ["craving", "tolerance"],
            "result_number": "913/PKQ-TTYT",
        },
    )

    # And a court order, so that the helper's pages could show one: the court check of the matrix
    # then covers the very person the helper may see, not only the commune's others.
    o["helper_court"] = _court_order(
        head, o["assignment"].person, court="Tòa án nhân dân khu vực 9 – Nghệ An", number="88/QĐ-TA"
    )

    # The person of the person-level routes: the helper's, with a health record, a court order,
    # aftercare and support.
    o["person"] = o["assignment"].person

    # What the demo leaves out.
    tip = hotline.receive_tip(
        head,
        channel="phone",
        category="hotspot",
        summary="Tụ tập cuối xóm",
        location="Xóm 4",
        commune=commune,
    )
    o["tip"] = tip
    o["tip_request"] = hotline.request_follow_up(
        head, tip=tip, person=o["person"], kind="screening", due_on=today() + dt.timedelta(days=7)
    )
    o["hotspot"] = hotline.add_hotspot(head, name="Bãi đất trống cuối xóm", kind="gathering", address="Xóm 4")
    o["registration"] = submit_registration(
        commune=commune,
        data={
            "full_name": "Nguyễn Hữu Đăng Ký",
            "birth_date": dt.date(1995, 3, 2),
            "phone": "0905123456",
            "address": "Xóm 2",
        },
    )
    o["report"] = reports.open_report(head, kind="quarterly", year=2026, number=3)
    o["data_request"] = privacy.receive_request(
        officer,
        person=o["person"],
        data={"requester": "Người Yêu Cầu", "contact": "0905000111", "kind": "access", "received_at": now()},
    )
    o["breach"] = privacy.record_breach(
        head,
        data={
            "detected_at": now(),
            "description": "Danh sách in bị bỏ quên tại hội trường",
            "data_affected": "Họ tên, năm sinh",
            "people_affected": 12,
            "may_harm": True,
        },
    )
    o["plan"] = programs.import_plan(officer, json.loads(PLAN.read_text(encoding="utf-8")))
    o["batch"] = imports.upload(officer, file_name="danh-sach.csv", content=IMPORT_CSV)
    # Two pairs of fresh records: one merged already, one for the merge screen.
    fresh = [
        create_person(
            head,
            commune=commune,
            data={"full_name": f"Hồ Sơ Trùng {n}", "birth_date": dt.date(1990, 1, n), "sex": "male"},
            confirm_not_duplicate=True,
        )
        for n in range(1, 5)
    ]
    o["merge"] = merge_people(
        head, survivor=fresh[0], absorbed=fresh[1], take_from_absorbed=set(), reason="Trùng hồ sơ (kiểm thử)"
    )
    o["survivor"], o["absorbed"] = fresh[2], fresh[3]
    # A record of the neighbouring commune whose ID the commune's officer then enters: a review for
    # the province. The commune must never see that record; PC04 and C04 compare both.
    o["matched"] = create_person(
        _user("review_source", Role.COMMUNE_POLICE, commune_id=COMMUNE_B),
        commune=Commune.objects.get(pk=COMMUNE_B),
        data={**MATCHED, "national_id": MATCHED_ID},
    )
    try:
        create_person(officer, commune=commune, data={**MATCHED, "national_id": MATCHED_ID})
    except SentForReviewError as sent:
        o["review"] = sent.review
    o["today"] = today().strftime("%d/%m/%Y")
    o["page"] = InfoPage.objects.first()
    o["screening"] = Screening.objects.filter(commune=commune).first()
    missing = [name for name, value in o.items() if value is None]
    if missing:
        raise RuntimeError(f"The world lacks {missing}: the demo data changed")
    assert Registration.objects.filter(pk=o["registration"].pk).exists()
    assert PersonMerge.objects.filter(pk=o["merge"].pk).exists()
    world.viewers = _viewers(users)
    return world


def _court_order(actor: User, person: Person, *, court: str, number: str) -> str:
    """A compulsory dossier for ``person`` forwarded to ``court``, through to its order ``number``."""
    opened = today() - dt.timedelta(days=60)
    dossier = open_dossier(
        actor, person=person, ground="voluntary_not_done", last_violation_on=opened, opened_on=opened
    )
    to_order(actor, dossier, opened, court=court, document_number=number)
    return court


def _user(username: str, role: Role, **unit) -> User:
    return create_user(None, password=PASSWORD, username=username, role=role, **unit)


def _viewers(demo: dict[str, User]) -> list[Viewer]:
    """The demo's cast (inside), and outsiders for every role bound to a unit or relationship."""
    inside = [
        Viewer(username, user, True)
        for username, user in demo.items()
        if user.commune_id in (None, DIEN_CHAU) and user.province_id in (None, "40")
    ]
    outside = [
        Viewer("neighbour_" + role.value, _user("nb_" + role.value, role, commune_id=COMMUNE_B), False)
        for role in (
            Role.COMMUNE_POLICE_HEAD,
            Role.COMMUNE_POLICE,
            Role.COMMUNE_CHAIRMAN,
            Role.COMMUNE_SOCIAL,
            Role.COMMUNE_HEALTH,
            Role.HELPER,
        )
    ]
    outside += [
        Viewer("far_" + role.value, _user("far_" + role.value, role, province_id="66"), False)
        for role in (Role.FACILITY_STAFF, Role.PROVINCIAL_POLICE, Role.PROVINCIAL_MANAGER, Role.AUDITOR)
    ]
    outside.append(Viewer("idle_helper", _user("idle_helper", Role.HELPER, commune_id=DIEN_CHAU), False))
    outside.append(
        Viewer("idle_facility", _user("idle_facility", Role.FACILITY_STAFF, province_id="40"), False)
    )
    return [Viewer("anonymous", None, False), *inside, *outside]


@dataclass
class Secrets:
    """What of the commune must not appear in an answer, by who is looking."""

    names: dict[int, str]  # person pk -> a name no person outside the commune bears
    national_ids: list[str]
    court: list[str]  # the numbers of court and dossier decisions, the courts dossiers went to
    health: list[str]  # the facilities that determined someone's addiction
    helper_people: set[int]
    provider_people: set[int]
    provider_staff: set[int]
    matched: list[str]  # the neighbouring commune's record a review names: its name and ID
    matched_viewers: set[int]  # users whose scope holds that record (and its reviewers)

    def by_kind(self) -> dict[str, list[str]]:
        return {
            "names": list(self.names.values()),
            "national_ids": self.national_ids,
            "court": self.court,
            "health": self.health,
            "matched": self.matched,
        }

    def forbidden_for(self, viewer: Viewer) -> list[tuple[str, str]]:
        user = viewer.user
        may_see_people = user is not None and user.has_cap(Cap.VIEW_PEOPLE) and viewer.inside
        allowed: set[int] = set()
        if user is not None and user.role == Role.HELPER and viewer.inside:
            allowed = self.helper_people
        if user is not None and user.pk in self.provider_staff:
            allowed = self.provider_people
        out: list[tuple[str, str]] = []
        if not may_see_people:
            out += [
                (f"the name of person {pk}", name) for pk, name in self.names.items() if pk not in allowed
            ]
            out += [("a court or dossier decision (its number or court)", n) for n in self.court]
            out += [("where an addiction was determined", n) for n in self.health]
        if not (user is not None and user.has_cap(Cap.VIEW_NATIONAL_ID) and viewer.inside):
            out += [("a national ID number", n) for n in self.national_ids]
        if user is None or user.pk not in self.matched_viewers:
            out += [("the record another commune holds, named by a review", n) for n in self.matched]
        return out


def secrets(world: World) -> Secrets:
    people = Person.objects.filter(commune=world.commune)
    elsewhere = set(Person.objects.exclude(commune=world.commune).values_list("full_name", flat=True))
    staff_users = User.objects.filter(username__in=[v.user.username for v in world.viewers if v.user])
    names = {p.pk: p.full_name for p in people if p.full_name not in elsewhere and len(p.full_name) > 8}
    # A name that is also a user's (the demo's officers sign decisions) is not a person's secret.
    signers = {f"{u.last_name} {u.first_name}".strip() for u in staff_users}
    # Nor one the interface itself uses as an example ("nguyen van an" finds "Nguyễn Văn An").
    shipped = " ".join(
        path.read_text(encoding="utf-8", errors="ignore")
        for path in Path(settings.BASE_DIR, "hoanhap").rglob("*")
        if path.suffix in (".html", ".po", ".py") and "tests" not in path.parts
    )
    names = {pk: name for pk, name in names.items() if name not in signers and name not in shipped}
    referral = world["referral"]
    events = cases.DossierEventRecord.objects.filter(dossier__commune=world.commune)
    return Secrets(
        names=names,
        national_ids=[p.national_id for p in people if p.national_id],
        court=sorted(
            {n for n in events.values_list("document_number", flat=True) if n}
            | {n for n in events.filter(kind="forward").values_list("note", flat=True) if n not in shipped}
        ),
        # Where a person's addiction was determined, as the timeline shows it (a facility that is
        # also in the service directory is public).
        health=sorted(
            {
                facility
                for facility in cases.AddictionAssessment.objects.filter(commune=world.commune).values_list(
                    "health_facility", flat=True
                )
                if facility not in shipped and not support.Provider.objects.filter(name=facility).exists()
            }
        ),
        helper_people=set(
            support.Assignment.objects.filter(helper=world["assignment"].helper).values_list(
                "person_id", flat=True
            )
        ),
        provider_people=set(
            support.Referral.objects.filter(provider=referral.provider).values_list("person_id", flat=True)
        ),
        provider_staff=set(referral.provider.members.values_list("pk", flat=True)),
        matched=[world["matched"].full_name, MATCHED_ID],
        matched_viewers={
            v.user.pk
            for v in world.viewers
            if v.user is not None
            and Person.objects.visible_to(v.user).filter(pk=world["matched"].pk).exists()
        },
    )
