"""Who may do what, URL by URL: the authorization policy the matrix checks against.

Each route names the objects it is requested with (all of the commune of ``world``) and, for each
method it offers, who may use it. ``scoped`` routes address one of the commune's objects: a viewer
outside the commune is denied whatever the role. Unit routes (lists, forms, reports) answer every
permitted role with its own unit's content; the matrix then checks that nothing of the commune leaks.
The rules restate ``hoanhap.lib.roles`` (the capabilities) and the views' own documented limits.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from hoanhap.lib.roles import Cap, Level, Role
from hoanhap.lib.vntext import search_key
from hoanhap.support.models import ReferralStatus
from hoanhap.support.services import REFERRAL_MOVES

Rule = Callable[[Any, Any], bool]  # (viewer, world) -> allowed
JSON_BODY: dict[str, Any] = {"json": True}


class Outcome(Enum):
    ALLOWED = "allowed"
    DENIED = "denied"  # sent to log in (a page) or 401 (the API)
    FORBIDDEN = "403"  # in scope, not allowed: the role may not do this
    NOT_FOUND = "404"  # out of scope: as if the object did not exist
    NOT_OFFERED = "405"
    ERROR = "error"


REFUSED = frozenset({Outcome.FORBIDDEN, Outcome.NOT_FOUND})


def anyone(viewer, world) -> bool:
    return True


def signed_in(viewer, world) -> bool:
    return viewer.user is not None


def nobody(viewer, world) -> bool:
    return False


def cap(*caps: Cap, level: Level | None = None, roles: tuple[Role, ...] = ()) -> Rule:
    """Signed in with any of ``caps`` (or one of ``roles``), at ``level`` if given."""

    def rule(viewer, world) -> bool:
        user = viewer.user
        if user is None or not user.is_active:
            return False
        if level is not None and user.level is not level:
            return False
        return any(user.has_cap(c) for c in caps) or Role(user.role) in roles

    return rule


def either(*rules: Rule) -> Rule:
    return lambda viewer, world: any(r(viewer, world) for r in rules)


def assigned_helper(viewer, world) -> bool:
    return viewer.user is not None and viewer.user.pk == world["assignment"].helper_id


def provider_member(viewer, world) -> bool:
    return viewer.user is not None and viewer.user.providers.exists()


def _next_referral_status(world) -> str:
    return REFERRAL_MOVES[ReferralStatus(world["referral"].status)][0].value


def referral_provider_staff(viewer, world) -> bool:
    provider = world["referral"].provider
    return viewer.user is not None and provider.members.filter(pk=viewer.user.pk).exists()


COMMUNE_VIEW = cap(Cap.VIEW_PEOPLE, level=Level.COMMUNE)
VIEW = cap(Cap.VIEW_PEOPLE)
EDIT = cap(Cap.EDIT_PEOPLE)
REPORTS = cap(Cap.VIEW_REPORTS)
DATA_REQUESTS = cap(Cap.HANDLE_DATA_REQUESTS, level=Level.COMMUNE)
BREACHES = cap(Cap.RECORD_BREACHES)
# Electronic monitoring is applied and ended by the head of commune police (Luật 120/2025 Điều 12.2).
MONITORING_HEAD = cap(roles=(Role.COMMUNE_POLICE_HEAD,))


@dataclass(frozen=True)
class Entry:
    kwargs: Callable[[Any], dict[str, Any]] = lambda w: {}
    get: Rule | None = None  # None: the route does not answer GET
    post: Rule | None = None
    scoped: bool = True  # the URL names an object of the commune
    data: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    flow: bool = False  # a step of the log-in flow: any answer but an error

    def options(self, method: str, world) -> dict[str, Any]:
        data = self.data(world) if callable(self.data) else self.data
        if method != "post" or not data:
            return {}
        if data is JSON_BODY:  # the API reads JSON only: an empty object reaches its checks
            return {"data": "{}", "content_type": "application/json"}
        return {"data": data}


def expected(entry: Entry, method: str, viewer, world) -> frozenset[Outcome]:
    """What the viewer must get. Anonymous: sent to log in. Outside the commune, an object of the
    commune is out of scope: 404, or 403 where the role may not use the route at all (the matrix also
    checks that the answer is the same as for an object that does not exist). Inside: 403 where the
    viewer may read the object (the route's GET, or the person's page) but not do this."""
    rule = entry.get if method == "get" else entry.post
    if entry.flow:
        return frozenset({Outcome.ALLOWED, Outcome.DENIED, Outcome.NOT_OFFERED})
    if rule is None:
        return frozenset({Outcome.NOT_OFFERED, Outcome.DENIED, *REFUSED})
    allowed = rule(viewer, world)
    if viewer.user is None:
        return frozenset({Outcome.ALLOWED if allowed else Outcome.DENIED})
    if entry.scoped and not viewer.inside:
        return frozenset({Outcome.NOT_FOUND}) if allowed else REFUSED
    if allowed:
        return frozenset({Outcome.ALLOWED})
    # Who reads the commune's people knows its objects exist: a refusal is a 403 for them.
    reads = (entry.get is not None and entry.get(viewer, world)) or VIEW(viewer, world)
    return frozenset({Outcome.FORBIDDEN}) if reads or not entry.scoped else REFUSED


def through_person(kwarg: str, name: str) -> Callable[[Any], dict[str, Any]]:
    return lambda w: {"person_uuid": w[name].person.uuid, kwarg: w[name].uuid}


def unit(get: Rule | None = None, post: Rule | None = None, **extra) -> Entry:
    return Entry(get=get, post=post, scoped=False, **extra)


def P(w) -> dict[str, Any]:  # noqa: N802 - the person's own routes
    return {"person_uuid": w["person"].uuid}


POLICY: dict[str, Entry] = {
    # Public pages and the log-in flow.
    "web:home": unit(signed_in),  # anonymous: to the log-in page
    "web:live": unit(anyone),
    "web:ready": unit(anyone),  # for the load balancer: no personal data, a status and counts
    "web:metrics": unit(anyone),  # open in development; a bearer token (or nothing) in production
    "set_language": unit(anyone, anyone),
    "accounts:login": unit(anyone, anyone),
    # The log-in flow redirects to the log-in page by design: any answer but an error will do.
    "accounts:otp_verify": unit(signed_in, signed_in, flow=True),
    "accounts:otp_enroll": unit(signed_in, signed_in, flow=True),
    "accounts:logout": unit(None, signed_in, flow=True),
    "accounts:security": unit(signed_in, signed_in),  # one's own second factor and recovery codes
    "portal:home": unit(anyone),
    "portal:register": unit(anyone, anyone),
    "portal:tip": unit(anyone, anyone),
    "portal:status": unit(anyone, anyone),
    "portal:directory": unit(anyone),
    "portal:page": Entry(lambda w: {"slug": w["page"].slug}, get=anyone, scoped=False),
    "portal:page_new": unit(cap(Cap.MANAGE_USERS), cap(Cap.MANAGE_USERS)),
    "portal:page_edit": Entry(
        lambda w: {"slug": w["page"].slug},
        get=cap(Cap.MANAGE_USERS),
        post=cap(Cap.MANAGE_USERS),
        scoped=False,
    ),
    "portal:registration": Entry(
        lambda w: {"registration_uuid": w["registration"].uuid},
        get=cap(Cap.EDIT_PEOPLE, level=Level.COMMUNE),
        post=cap(Cap.EDIT_PEOPLE, level=Level.COMMUNE),
    ),
    # Accounts: the system administrator only.
    "accounts:user_list": unit(cap(Cap.MANAGE_USERS)),
    "accounts:user_create": unit(cap(Cap.MANAGE_USERS), cap(Cap.MANAGE_USERS)),
    "accounts:user_disable": Entry(lambda w: {"user_uuid": w["user"].uuid}, post=cap(Cap.MANAGE_USERS)),
    "accounts:user_enable": Entry(lambda w: {"user_uuid": w["user"].uuid}, post=cap(Cap.MANAGE_USERS)),
    "accounts:user_reset_two_factor": Entry(
        lambda w: {"user_uuid": w["user"].uuid}, post=cap(Cap.MANAGE_USERS)
    ),
    # The registry.
    # POST: a name searched for stays out of the URL. The search is for a person of the commune,
    # typed without accents so that the form's echo of the query is not taken for a result.
    "people:search": unit(VIEW, VIEW, data=lambda w: {"q": search_key(w["person"].full_name)}),
    "people:create": unit(
        cap(Cap.EDIT_PEOPLE, level=Level.COMMUNE), cap(Cap.EDIT_PEOPLE, level=Level.COMMUNE)
    ),
    "people:duplicates": unit(cap(Cap.MERGE_PEOPLE)),
    # Records that matched across units: the reviewers decide; the commune reads its own requests.
    "people:reviews": unit(either(cap(Cap.REVIEW_DUPLICATES), cap(Cap.EDIT_PEOPLE, level=Level.COMMUNE))),
    "people:review": Entry(
        lambda w: {"review_uuid": w["review"].uuid},
        get=either(cap(Cap.REVIEW_DUPLICATES), EDIT),
        post=cap(Cap.REVIEW_DUPLICATES),
        data={"outcome": "refuse", "note": "Kiểm tra lại số định danh"},
    ),
    "people:export": unit(cap(Cap.EXPORT_PEOPLE)),
    "people:merge": Entry(
        lambda w: {"survivor_uuid": w["survivor"].uuid, "absorbed_uuid": w["absorbed"].uuid},
        get=cap(Cap.MERGE_PEOPLE),
        post=cap(Cap.MERGE_PEOPLE),
    ),
    "people:merge_detail": Entry(lambda w: {"merge_uuid": w["merge"].uuid}, get=VIEW),
    "people:detail": Entry(P, get=VIEW),
    "people:edit": Entry(P, get=EDIT, post=EDIT),
    "people:history": Entry(P, get=VIEW),
    "people:transfer": Entry(P, get=cap(Cap.TRANSFER_PEOPLE), post=cap(Cap.TRANSFER_PEOPLE)),
    "imports:upload": unit(EDIT, EDIT),
    "imports:batch": Entry(lambda w: {"batch_uuid": w["batch"].uuid}, get=EDIT, post=EDIT),
    "imports:commit": Entry(lambda w: {"batch_uuid": w["batch"].uuid}, post=EDIT),
    "imports:errors": Entry(lambda w: {"batch_uuid": w["batch"].uuid}, get=EDIT),
    "imports:panel": Entry(P, get=VIEW),
    "geo:hamlets": unit(cap(Cap.MANAGE_HAMLETS), cap(Cap.MANAGE_HAMLETS)),
    "geo:hamlet_edit": Entry(
        lambda w: {"hamlet_uuid": w["hamlet"].uuid}, get=cap(Cap.MANAGE_HAMLETS), post=cap(Cap.MANAGE_HAMLETS)
    ),
    "geo:hamlet_retire": Entry(lambda w: {"hamlet_uuid": w["hamlet"].uuid}, post=cap(Cap.MANAGE_HAMLETS)),
    "audit:list": unit(cap(Cap.VIEW_AUDIT)),
    # Data protection: the commune's requests register; the unit's breach register; the national
    # retention report.
    "privacy:requests": unit(DATA_REQUESTS, DATA_REQUESTS),
    "privacy:request": Entry(
        lambda w: {"request_uuid": w["data_request"].uuid}, get=DATA_REQUESTS, post=DATA_REQUESTS
    ),
    "privacy:breaches": unit(BREACHES, BREACHES),
    "privacy:breach": Entry(lambda w: {"breach_uuid": w["breach"].uuid}, get=BREACHES, post=BREACHES),
    "privacy:breach_notice": Entry(lambda w: {"breach_uuid": w["breach"].uuid}, get=BREACHES),
    "privacy:retention": unit(cap(Cap.MANAGE_USERS)),
    # Each province's data-protection officer: the system's administrators record it.
    "privacy:officers": unit(cap(Cap.MANAGE_USERS), cap(Cap.MANAGE_USERS)),
    "privacy:officer": unit(
        cap(Cap.MANAGE_USERS),
        cap(Cap.MANAGE_USERS),
        kwargs=lambda w: {"province_code": w["person"].province_id},
    ),
    "law:rules": unit(signed_in),
    "law:override": unit(None, cap(Cap.MANAGE_USERS)),
    "law:calendar": unit(cap(Cap.MANAGE_USERS), cap(Cap.MANAGE_USERS)),
    # The commune's due items.
    "inbox:list": unit(COMMUNE_VIEW),
    # Case work.
    "cases:lists": unit(VIEW),
    "cases:list": Entry(lambda w: {"code": "users"}, get=VIEW, scoped=False),
    "cases:panel": Entry(P, get=VIEW),
    "cases:test_create": Entry(P, get=EDIT, post=EDIT),
    "cases:assessment_create": Entry(P, get=EDIT, post=EDIT),
    "cases:rehab_register": Entry(P, get=EDIT, post=EDIT),
    "cases:rehab_event": Entry(through_person("episode_uuid", "episode"), get=EDIT, post=EDIT),
    "cases:aftercare_create": Entry(through_person("episode_uuid", "completed_episode"), get=EDIT, post=EDIT),
    "cases:aftercare_event": Entry(through_person("aftercare_uuid", "aftercare"), get=EDIT, post=EDIT),
    "cases:management_create": Entry(through_person("test_uuid", "test"), get=EDIT, post=EDIT),
    "cases:criminal_handover": Entry(through_person("test_uuid", "test"), get=EDIT, post=EDIT),
    "cases:criminal_answer": Entry(through_person("test_uuid", "test"), get=EDIT, post=EDIT),
    "cases:management_activity": Entry(through_person("management_uuid", "management"), get=EDIT, post=EDIT),
    "cases:management_event": Entry(through_person("management_uuid", "management"), get=EDIT, post=EDIT),
    "cases:dossier_create": Entry(P, get=EDIT, post=EDIT),
    "cases:dossier": Entry(through_person("dossier_uuid", "dossier"), get=VIEW, post=EDIT),
    "cases:dossier_event": Entry(through_person("dossier_uuid", "dossier"), get=EDIT, post=EDIT),
    "cases:dossier_admit": Entry(through_person("dossier_uuid", "dossier"), get=EDIT, post=EDIT),
    "cases:substitution_create": Entry(P, get=EDIT, post=EDIT),
    "cases:monitoring_create": Entry(P, get=MONITORING_HEAD, post=MONITORING_HEAD),
    "cases:monitoring_event": Entry(through_person("monitoring_uuid", "monitoring"), get=EDIT, post=EDIT),
    "cases:substitution_event": Entry(through_person("treatment_uuid", "treatment"), get=EDIT, post=EDIT),
    "cases:aftercare_from_treatment": Entry(
        through_person("treatment_uuid", "treatment"), get=EDIT, post=EDIT
    ),
    # Documents.
    "documents:issue": Entry(
        lambda w: {
            "person_uuid": w["management"].person.uuid,
            "kind": "management_decision",
            "source_uuid": w["management"].uuid,
        },
        post=EDIT,
    ),
    "documents:issue_for_event": Entry(
        lambda w: {
            "person_uuid": w["rehab_event"].episode.person.uuid,
            "kind": "rehab_certificate",
            "source_uuid": w["rehab_event"].uuid,
        },
        get=EDIT,
        post=EDIT,
    ),
    "documents:correct": Entry(through_person("document_uuid", "document"), get=EDIT, post=EDIT),
    "documents:download": Entry(
        lambda w: {
            "person_uuid": w["document"].person.uuid,
            "document_uuid": w["document"].uuid,
            "fmt": "pdf",
        },
        get=VIEW,
    ),
    # Prevention.
    "prevention:panel": Entry(P, get=VIEW),
    "prevention:screening_create": Entry(P, get=EDIT, post=EDIT),
    "prevention:intervention_create": Entry(P, get=EDIT, post=EDIT),
    "prevention:tag": Entry(P, get=EDIT, post=EDIT),
    "prevention:sessions": unit(VIEW, EDIT),
    "prevention:groups": unit(cap(Cap.MANAGE_USERS), cap(Cap.MANAGE_USERS)),
    # Support after rehab: helpers see their own assignments only.
    "support:mine": unit(cap(Cap.SUPPORT_ASSIGNED)),
    "support:visit": Entry(
        lambda w: {"assignment_uuid": w["assignment"].uuid}, get=assigned_helper, post=assigned_helper
    ),
    "support:panel": Entry(P, get=VIEW),
    "support:assign": Entry(P, get=EDIT, post=EDIT),
    "support:end": Entry(through_person("assignment_uuid", "assignment"), get=EDIT, post=EDIT),
    "support:service": Entry(P, get=EDIT, post=EDIT),
    "support:referral_create": Entry(P, get=EDIT, post=EDIT),
    "support:plan_create": Entry(through_person("aftercare_uuid", "aftercare"), get=EDIT, post=EDIT),
    "support:checkin": Entry(
        lambda w: {
            "person_uuid": w["prevention_plan"].aftercare.person.uuid,
            "plan_uuid": w["prevention_plan"].uuid,
        },
        get=EDIT,  # the helper records through the visit page
        post=EDIT,
    ),
    "support:directory": unit(signed_in, EDIT),
    "support:referrals": unit(either(VIEW, provider_member)),
    "support:referral": Entry(
        lambda w: {"referral_uuid": w["referral"].uuid},
        get=either(VIEW, referral_provider_staff),
        post=either(EDIT, referral_provider_staff),  # the commune may write down a paper answer
        data=lambda w: {"status": _next_referral_status(w), "on": w["today"]},
    ),
    # Hotline tips.
    "hotline:list": unit(VIEW),
    "hotline:create": unit(EDIT, EDIT),
    "hotline:export": unit(cap(Cap.EXPORT_PEOPLE)),
    "hotline:detail": Entry(
        lambda w: {"tip_uuid": w["tip"].uuid}, get=VIEW, post=EDIT, data={"step-action": "Gọi lại người báo"}
    ),
    "hotline:reveal": Entry(lambda w: {"tip_uuid": w["tip"].uuid}, post=cap(Cap.VIEW_REPORTER)),
    "hotline:find_person": Entry(lambda w: {"tip_uuid": w["tip"].uuid}, post=EDIT),
    "hotline:link": Entry(
        lambda w: {"tip_uuid": w["tip"].uuid}, post=EDIT, data=lambda w: {"person": w["person"].uuid}
    ),
    "hotline:request": Entry(lambda w: {"tip_uuid": w["tip"].uuid}, post=EDIT),
    "hotline:withdraw": Entry(
        lambda w: {"tip_uuid": w["tip"].uuid, "request_uuid": w["tip_request"].uuid}, post=EDIT
    ),
    # The world's tip is about a place of use: a crime tip (Bộ luật Tố tụng hình sự 2015 Điều 146.3).
    "hotline:crime_receipt": Entry(lambda w: {"tip_uuid": w["tip"].uuid}, post=EDIT),
    "hotline:crime_handover": Entry(lambda w: {"tip_uuid": w["tip"].uuid}, post=EDIT),
    "hotline:hotspots": unit(VIEW, EDIT),
    "hotline:hotspot": Entry(lambda w: {"hotspot_uuid": w["hotspot"].uuid}, get=VIEW, post=EDIT),
    "hotline:classification": unit(COMMUNE_VIEW),
    # Reports and plans.
    "reports:index": unit(REPORTS),
    "reports:open": unit(
        None,
        cap(Cap.PREPARE_REPORTS, Cap.REVIEW_REPORTS),
        data={"kind": "quarterly", "year": 2026, "number": 3},
    ),
    "reports:entrants": unit(REPORTS),
    "web:dashboard": unit(REPORTS),
    "reports:behind": Entry(lambda w: {"code": "treated", "part": "numerator"}, get=VIEW, scoped=False),
    "reports:detail": Entry(
        lambda w: {"report_uuid": w["report"].uuid},
        get=REPORTS,
        post=cap(Cap.PREPARE_REPORTS, Cap.REVIEW_REPORTS),
    ),
    "reports:export": Entry(lambda w: {"report_uuid": w["report"].uuid}, get=REPORTS),
    "programs:list": unit(REPORTS, cap(Cap.PREPARE_REPORTS, Cap.REVIEW_REPORTS)),
    "programs:detail": Entry(
        lambda w: {"plan_uuid": w["plan"].uuid},
        get=REPORTS,
        post=cap(Cap.PREPARE_REPORTS, Cap.REVIEW_REPORTS),
        data=lambda w: {
            "task": w["plan"].tasks.first().uuid,
            "text": "Đã làm",
            "progress": "50",
            "status": "doing",
        },
    ),
    # The API: the UI's session works as a token would, limited by the role.
    "api:schema": unit(anyone),  # the API's description, no data: public like any API reference
    "api:docs": unit(anyone),
}

_API = {
    "person": ("people", "person", VIEW),
    "drug-test": ("drug-tests", "test", VIEW),
    "management": ("managements", "management", VIEW),
    "rehab-episode": ("rehab-episodes", "episode", VIEW),
    "aftercare": ("aftercares", "aftercare", VIEW),
    "screening": ("screenings", "screening", VIEW),
    "support-assignment": ("support-assignments", "assignment", VIEW),
    "tip": ("tips", "tip", VIEW),
    "report": ("reports", "report", REPORTS),
    "plan": ("plans", "plan", REPORTS),
}
for _name, (_path, _object, _rule) in _API.items():
    writes = _name in ("person", "drug-test")
    POLICY[f"api:{_name}-list"] = unit(_rule, EDIT if writes else None, data={} if not writes else JSON_BODY)
    if _object:
        POLICY[f"api:{_name}-detail"] = Entry(lambda w, o=_object: {"uuid": w[o].uuid}, get=_rule)
POLICY["api:indicator-list"] = unit(REPORTS)
