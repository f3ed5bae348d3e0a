from django.urls import path

from hoanhap.privacy import views

app_name = "privacy"
urlpatterns = [
    path("yeu-cau/", views.requests, name="requests"),
    path("yeu-cau/<uuid:request_uuid>/", views.request_detail, name="request"),
    path("su-co/", views.breaches, name="breaches"),
    path("su-co/<uuid:breach_uuid>/", views.breach_detail, name="breach"),
    path("luu-giu/", views.retention, name="retention"),
]
