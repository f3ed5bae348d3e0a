from django.urls import path

from hoanhap.geo import views

app_name = "geo"
urlpatterns = [
    path("thon-to-dan-pho/", views.hamlet_list, name="hamlets"),
    path("thon-to-dan-pho/<uuid:hamlet_uuid>/", views.hamlet_edit, name="hamlet_edit"),
    path("thon-to-dan-pho/<uuid:hamlet_uuid>/giai-the/", views.hamlet_retire, name="hamlet_retire"),
]
