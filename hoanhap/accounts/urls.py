from django.urls import path

from hoanhap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc/kich-hoat/", views.otp_enroll, name="otp_enroll"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("bao-mat/", views.security, name="security"),
    path("tai-khoan/", views.user_list, name="user_list"),
    path("tai-khoan/tao/", views.user_create, name="user_create"),
    path(
        "tai-khoan/<uuid:user_uuid>/vo-hieu-hoa/",
        views.user_set_active,
        {"active": False},
        name="user_disable",
    ),
    path(
        "tai-khoan/<uuid:user_uuid>/kich-hoat/", views.user_set_active, {"active": True}, name="user_enable"
    ),
    path(
        "tai-khoan/<uuid:user_uuid>/dat-lai-xac-thuc/",
        views.user_reset_two_factor,
        name="user_reset_two_factor",
    ),
]
