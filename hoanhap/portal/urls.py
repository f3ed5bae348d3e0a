from django.urls import path

from hoanhap.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("dang-ky-cai-nghien/", views.register, name="register"),
    path("gui-tin-bao/", views.tip, name="tip"),
    path("tra-cuu/", views.status, name="status"),
    path("danh-ba/", views.directory, name="directory"),
    path("thong-tin/<slug:slug>/", views.page, name="page"),
    path("bien-tap/", views.edit_page, name="page_new"),
    path("bien-tap/<slug:slug>/", views.edit_page, name="page_edit"),
    path("xu-ly-dang-ky/<uuid:registration_uuid>/", views.registration, name="registration"),
]
