from django.urls import path

from hoanhap.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<uuid:batch_uuid>/", views.batch, name="batch"),
    path("<uuid:batch_uuid>/ghi/", views.commit, name="commit"),
    path("<uuid:batch_uuid>/loi.xlsx", views.error_report, name="errors"),
    path("ho-so/<uuid:person_uuid>/", views.panel, name="panel"),
]
