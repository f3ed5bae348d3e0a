from django.urls import path

from hoanhap.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
]
