from django.urls import path

from hoanhap.prevention import views

app_name = "prevention"
urlpatterns = [
    path("ho-so/<uuid:person_uuid>/", views.panel, name="panel"),
    path("ho-so/<uuid:person_uuid>/sang-loc/", views.screening_create, name="screening_create"),
    path("ho-so/<uuid:person_uuid>/can-thiep/", views.intervention_create, name="intervention_create"),
    path("ho-so/<uuid:person_uuid>/nhom-nguy-co/", views.tag, name="tag"),
    path("tuyen-truyen/", views.sessions, name="sessions"),
    path("nhom-nguy-co/", views.groups, name="groups"),
]
