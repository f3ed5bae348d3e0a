from django.urls import path

from hoanhap.hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.tips, name="list"),
    path("tiep-nhan/", views.create, name="create"),
    path("xuat-excel/", views.export, name="export"),
    path("<uuid:tip_uuid>/", views.detail, name="detail"),
    path("<uuid:tip_uuid>/nguoi-bao-tin/", views.reveal, name="reveal"),
    path("<uuid:tip_uuid>/tim-nguoi/", views.find_person, name="find_person"),
    path("<uuid:tip_uuid>/lien-ket/", views.link, name="link"),
    path("<uuid:tip_uuid>/de-nghi/", views.make_request, name="request"),
    path("<uuid:tip_uuid>/de-nghi/<uuid:request_uuid>/rut/", views.withdraw, name="withdraw"),
    path("<uuid:tip_uuid>/bien-ban-tiep-nhan/", views.crime_receipt, name="crime_receipt"),
    path("<uuid:tip_uuid>/chuyen-co-quan-dieu-tra/", views.crime_handover, name="crime_handover"),
    path("dia-diem/", views.hotspots, name="hotspots"),
    path("dia-diem/<uuid:hotspot_uuid>/", views.hotspot, name="hotspot"),
    path("phan-loai-dia-ban/", views.classification, name="classification"),
]
