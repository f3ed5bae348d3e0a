from django.urls import path

from hoanhap.documents import views

app_name = "documents"
urlpatterns = [
    path(
        "ho-so/<uuid:person_uuid>/van-ban/<str:kind>/<uuid:source_uuid>/phat-hanh/", views.issue, name="issue"
    ),
    path(
        "ho-so/<uuid:person_uuid>/van-ban/<str:kind>/<uuid:source_uuid>/ky/",
        views.issue_for_event,
        name="issue_for_event",
    ),
    path("ho-so/<uuid:person_uuid>/van-ban/<uuid:document_uuid>/dinh-chinh/", views.correct, name="correct"),
    path(
        "ho-so/<uuid:person_uuid>/van-ban/<uuid:document_uuid>.<str:fmt>",
        views.download,
        name="download",
    ),
]
