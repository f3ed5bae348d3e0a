from django.urls import path

from hoanhap.documents import views

app_name = "documents"
urlpatterns = [
    path(
        "ho-so/<uuid:person_uuid>/van-ban/<str:kind>/<uuid:source_uuid>/phat-hanh/", views.issue, name="issue"
    ),
    path(
        "ho-so/<uuid:person_uuid>/van-ban/chuyen-ho-so/<uuid:dossier_uuid>/",
        views.issue_forwarding,
        name="issue_forwarding",
    ),
    path("ho-so/<uuid:person_uuid>/van-ban/<uuid:document_uuid>/dinh-chinh/", views.correct, name="correct"),
    path(
        "ho-so/<uuid:person_uuid>/van-ban/<uuid:document_uuid>.<str:fmt>",
        views.download,
        name="download",
    ),
]
