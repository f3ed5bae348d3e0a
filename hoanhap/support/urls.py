from django.urls import path

from hoanhap.support import views

app_name = "support"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("nguoi-duoc-giup/<uuid:assignment_uuid>/", views.visit, name="visit"),
    path("ho-so/<uuid:person_uuid>/", views.panel, name="panel"),
    path("ho-so/<uuid:person_uuid>/phan-cong/", views.assign, name="assign"),
    path("ho-so/<uuid:person_uuid>/phan-cong/<uuid:assignment_uuid>/ket-thuc/", views.end, name="end"),
    path("ho-so/<uuid:person_uuid>/ho-tro/", views.service, name="service"),
    path("ho-so/<uuid:person_uuid>/gioi-thieu/", views.referral_create, name="referral_create"),
    path("ho-so/<uuid:person_uuid>/ke-hoach/<uuid:aftercare_uuid>/", views.plan_create, name="plan_create"),
    path("ho-so/<uuid:person_uuid>/ke-hoach/<uuid:plan_uuid>/thuc-hien/", views.checkin, name="checkin"),
    path("danh-ba/", views.directory, name="directory"),
    path("gioi-thieu/", views.referrals, name="referrals"),
    path("gioi-thieu/<uuid:referral_uuid>/", views.referral_answer, name="referral"),
]
