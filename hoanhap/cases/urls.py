from django.urls import path

from hoanhap.cases import views

app_name = "cases"
urlpatterns = [
    path("danh-sach/", views.case_list, {"code": "users"}, name="lists"),
    path("danh-sach/<str:code>/", views.case_list, name="list"),
    path("ho-so/<uuid:person_uuid>/", views.person_panel, name="panel"),
    path("ho-so/<uuid:person_uuid>/xet-nghiem/", views.test_create, name="test_create"),
    path("ho-so/<uuid:person_uuid>/xac-dinh-nghien/", views.assessment_create, name="assessment_create"),
    path("ho-so/<uuid:person_uuid>/cai-nghien/", views.rehab_register, name="rehab_register"),
    path("ho-so/<uuid:person_uuid>/cai-nghien/<uuid:episode_uuid>/", views.rehab_event, name="rehab_event"),
    path(
        "ho-so/<uuid:person_uuid>/sau-cai/<uuid:episode_uuid>/",
        views.aftercare_create,
        name="aftercare_create",
    ),
    path(
        "ho-so/<uuid:person_uuid>/sau-cai/<uuid:aftercare_uuid>/su-kien/",
        views.aftercare_event,
        name="aftercare_event",
    ),
    path(
        "ho-so/<uuid:person_uuid>/xet-nghiem/<uuid:test_uuid>/chuyen-co-quan-dieu-tra/",
        views.criminal_handover,
        name="criminal_handover",
    ),
    path(
        "ho-so/<uuid:person_uuid>/xet-nghiem/<uuid:test_uuid>/tra-loi-co-quan-dieu-tra/",
        views.criminal_answer,
        name="criminal_answer",
    ),
    path(
        "ho-so/<uuid:person_uuid>/quan-ly/<uuid:test_uuid>/",
        views.management_create,
        name="management_create",
    ),
    path(
        "ho-so/<uuid:person_uuid>/quan-ly/<uuid:management_uuid>/hoat-dong/",
        views.management_activity,
        name="management_activity",
    ),
    path(
        "ho-so/<uuid:person_uuid>/quan-ly/<uuid:management_uuid>/su-kien/",
        views.management_event,
        name="management_event",
    ),
    path("ho-so/<uuid:person_uuid>/cai-nghien-bat-buoc/", views.dossier_create, name="dossier_create"),
    path(
        "ho-so/<uuid:person_uuid>/cai-nghien-bat-buoc/<uuid:dossier_uuid>/",
        views.dossier_detail,
        name="dossier",
    ),
    path(
        "ho-so/<uuid:person_uuid>/cai-nghien-bat-buoc/<uuid:dossier_uuid>/buoc/",
        views.dossier_event,
        name="dossier_event",
    ),
    path(
        "ho-so/<uuid:person_uuid>/cai-nghien-bat-buoc/<uuid:dossier_uuid>/tiep-nhan/",
        views.dossier_admit,
        name="dossier_admit",
    ),
    path("ho-so/<uuid:person_uuid>/thay-the/", views.substitution_create, name="substitution_create"),
    path(
        "ho-so/<uuid:person_uuid>/thay-the/<uuid:treatment_uuid>/",
        views.substitution_event,
        name="substitution_event",
    ),
    path(
        "ho-so/<uuid:person_uuid>/thay-the/<uuid:treatment_uuid>/sau-cai/",
        views.aftercare_from_treatment,
        name="aftercare_from_treatment",
    ),
    path("ho-so/<uuid:person_uuid>/giam-sat-dien-tu/", views.monitoring_create, name="monitoring_create"),
    path(
        "ho-so/<uuid:person_uuid>/giam-sat-dien-tu/<uuid:monitoring_uuid>/",
        views.monitoring_event,
        name="monitoring_event",
    ),
]
