from django.urls import path

from hoanhap.cases import views

app_name = "cases"
urlpatterns = [
    path("viec-can-lam/", views.inbox, name="inbox"),
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
        "ho-so/<uuid:person_uuid>/quan-ly/<uuid:test_uuid>/",
        views.management_create,
        name="management_create",
    ),
    path(
        "ho-so/<uuid:person_uuid>/quan-ly/<uuid:management_uuid>/su-kien/",
        views.management_event,
        name="management_event",
    ),
]
