from django.urls import path

from hoanhap.web import dashboard, observability, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("bao-cao/tong-quan/", dashboard.dashboard, name="dashboard"),
    path("health/live/", views.live, name="live"),
    path("health/ready/", observability.ready, name="ready"),
    path("metrics", observability.metrics, name="metrics"),
]
