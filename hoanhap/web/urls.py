from django.urls import path

from hoanhap.web import observability, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/live/", views.live, name="live"),
    path("health/ready/", observability.ready, name="ready"),
    path("metrics", observability.metrics, name="metrics"),
]
