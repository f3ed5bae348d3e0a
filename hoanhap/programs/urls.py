from django.urls import path

from hoanhap.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.plans, name="list"),
    path("<uuid:plan_uuid>/", views.detail, name="detail"),
]
