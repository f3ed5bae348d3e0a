from django.urls import path

from hoanhap.law import views

app_name = "law"
urlpatterns = [
    path("", views.rule_list, name="rules"),
    path("dieu-chinh/", views.rule_override, name="override"),
    path("lich-lam-viec/", views.calendar_days, name="calendar"),
]
