"""What can be issued for a person, and what has been."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hoanhap.documents.drafts import MANAGEMENT_ACTS, SIGNERS
from hoanhap.documents.models import Document, DocumentKind


@dataclass(frozen=True)
class Issuable:
    kind: str
    source: object  # the case row or event the document records
    label: str

    @property
    def needs_signer(self) -> bool:
        """Decisions on a case row carry their signer's name; events are signed when issued."""
        return self.kind not in (DocumentKind.MANAGEMENT_DECISION, DocumentKind.AFTERCARE_DECISION)


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
    for kind, event, label in _events(person):
        if event.uuid not in issued and event.signer_role in SIGNERS:
            items.append(Issuable(kind, event, label))
    return items


def _events(person):
    """Events that a commune document records, with a label for the list."""
    for m in person.user_managements.prefetch_related("events"):
        for e in m.events.all():
            if e.kind in MANAGEMENT_ACTS and e.kind != "resume":
                yield DocumentKind.MANAGEMENT_EVENT_DECISION, e, f"{e.get_kind_display()} · {e.on:%d/%m/%Y}"
    for episode in person.rehab_episodes.prefetch_related("events"):
        for e in episode.events.all():
            if e.kind == "complete":
                yield DocumentKind.REHAB_CERTIFICATE, e, _("Giấy chứng nhận hoàn thành cai nghiện")
    for aftercare in person.aftercares.prefetch_related("events"):
        for e in aftercare.events.all():
            if e.kind == "complete":
                yield (
                    DocumentKind.AFTERCARE_CERTIFICATE,
                    e,
                    _("Giấy chứng nhận chấp hành xong quản lý sau cai nghiện"),
                )
    for dossier in person.dossiers.prefetch_related("events"):
        for e in dossier.events.all():
            if e.kind == "notify":
                yield (
                    DocumentKind.DOSSIER_NOTICE,
                    e,
                    _("Thông báo về việc lập hồ sơ đề nghị cai nghiện bắt buộc"),
                )
            elif e.kind == "forward":
                yield (
                    DocumentKind.DOSSIER_FORWARDING,
                    e,
                    _("Quyết định chuyển hồ sơ số %(n)s") % {"n": e.document_number},
                )


def documents_of(person) -> list[Document]:
    return list(person.documents.defer("docx", "pdf").select_related("corrects"))
