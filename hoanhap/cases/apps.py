from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hoanhap.cases"
    label = "cases"
    verbose_name = "Nghiệp vụ quản lý"

    def ready(self) -> None:
        from hoanhap.cases import criminal_due, due, models, monitoring_due
        from hoanhap.documents import sources
        from hoanhap.documents.models import DocumentKind as Kind
        from hoanhap.inbox import registry

        for source in (*due.sources(), monitoring_due.monitoring_items, criminal_due.criminal_items):
            registry.register(source)
        # The rows the documents app issues papers for, found through their person (documents
        # sits below cases and imports none of it).
        sources.register(Kind.MANAGEMENT_DECISION, models.UserManagement, "person")
        sources.register(Kind.AFTERCARE_DECISION, models.Aftercare, "person")
        sources.register(Kind.MANAGEMENT_EVENT_DECISION, models.ManagementEvent, "management__person")
        sources.register(Kind.REHAB_CERTIFICATE, models.RehabEventRecord, "episode__person")
        sources.register(Kind.AFTERCARE_CERTIFICATE, models.AftercareEventRecord, "aftercare__person")
        sources.register(Kind.DOSSIER_NOTICE, models.DossierEventRecord, "dossier__person")
        sources.register(Kind.DOSSIER_FORWARDING, models.DossierEventRecord, "dossier__person")
