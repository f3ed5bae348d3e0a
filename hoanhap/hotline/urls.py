from django.urls import path

from hoanhap.hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.tips, name="list"),
    path("tiep-nhan/", views.create, name="create"),
    path("<uuid:tip_uuid>/", views.detail, name="detail"),
    path("<uuid:tip_uuid>/nguoi-bao-tin/", views.reveal, name="reveal"),
    path("dia-diem/", views.hotspots, name="hotspots"),
    path("dia-diem/<uuid:hotspot_uuid>/", views.hotspot, name="hotspot"),
    path("phan-loai-dia-ban/", views.classification, name="classification"),
]
