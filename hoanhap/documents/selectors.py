"""What can be issued for a person, and what has been."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hoanhap.documents.models import Document, DocumentKind


@dataclass(frozen=True)
class Issuable:
    kind: str
    source: object  # the case row or event the document records
    label: str


def issuable_for(person) -> list[Issuable]:
    """Decisions recorded on this person that have no issued document yet."""
    issued = set(person.documents.values_list("source", flat=True))
    items = [
        Issuable(
            DocumentKind.MANAGEMENT_DECISION, m, _("Quyết định quản lý số %(n)s") % {"n": m.decision_number}
        )
        for m in person.user_managements.select_related("source_test", "commune__province")
        if m.uuid not in issued and m.source_test_id
    ]
    items += [
        Issuable(
            DocumentKind.AFTERCARE_DECISION,
            a,
            _("Quyết định quản lý sau cai nghiện số %(n)s") % {"n": a.decision_number},
        )
        for a in person.aftercares.select_related("commune__province")
        if a.uuid not in issued
    ]
    for dossier in person.dossiers.prefetch_related("events", "documents"):
        forward = next((e for e in dossier.events.all() if e.kind == "forward"), None)
        if forward is not None and forward.uuid not in issued:
            label = _("Quyết định chuyển hồ sơ số %(n)s") % {"n": forward.document_number}
            items.append(Issuable(DocumentKind.DOSSIER_FORWARDING, dossier, label))
    return items


def documents_of(person) -> list[Document]:
    return list(person.documents.defer("docx", "pdf").select_related("corrects"))
