from django.urls import path

from hoanhap.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mo/", views.open_report, name="open"),
    path("vao-dieu-tri/", views.entrants, name="entrants"),
    path("chi-so/<slug:code>/<str:part>/", views.behind, name="behind"),
    path("<uuid:report_uuid>/", views.detail, name="detail"),
    path("<uuid:report_uuid>/xuat/", views.export, name="export"),
]
