from django.urls import path

from hoanhap.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("dang-ky-cai-nghien/", views.register, name="register"),
    path("gui-tin-bao/", views.tip, name="tip"),
    path("tra-cuu/", views.status, name="status"),
    path("danh-ba/", views.directory, name="directory"),
    path("xu-ly-dang-ky/<uuid:registration_uuid>/", views.registration, name="registration"),
]
