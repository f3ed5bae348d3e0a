from django.urls import path

from hoanhap.privacy import views

app_name = "privacy"
urlpatterns = [
    path("yeu-cau/", views.requests, name="requests"),
    path("yeu-cau/<uuid:request_uuid>/", views.request_detail, name="request"),
    path("su-co/", views.breaches, name="breaches"),
    path("su-co/<uuid:breach_uuid>/", views.breach_detail, name="breach"),
    path("su-co/<uuid:breach_uuid>/thong-bao.docx", views.breach_notice, name="breach_notice"),
    path("bo-phan-bao-ve/", views.officers, name="officers"),
    path("bo-phan-bao-ve/<str:province_code>/", views.officers, name="officer"),
    path("luu-giu/", views.retention, name="retention"),
]
