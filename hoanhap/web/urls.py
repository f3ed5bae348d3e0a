from django.urls import path

from hoanhap.web import views

app_name = "web"
urlpatterns = [path("", views.home, name="home"), path("health/live/", views.live, name="live")]
