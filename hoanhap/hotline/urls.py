from django.urls import path

from hoanhap.hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.tips, name="list"),
    path("tiep-nhan/", views.create, name="create"),
    path("<uuid:tip_uuid>/", views.detail, name="detail"),
    path("<uuid:tip_uuid>/nguoi-bao-tin/", views.reveal, name="reveal"),
]
