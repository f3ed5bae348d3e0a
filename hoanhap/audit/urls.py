from django.urls import path

from hoanhap.audit import views

app_name = "audit"
urlpatterns = [path("", views.entry_list, name="list")]
