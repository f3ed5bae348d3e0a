from django.urls import path

from hoanhap.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("tao-moi/", views.create, name="create"),
    path("trung-lap/", views.duplicates, name="duplicates"),
    path("ra-soat/", views.review_list, name="reviews"),
    path("ra-soat/<uuid:review_uuid>/", views.review, name="review"),
    path("xuat-excel/", views.export, name="export"),
    path("hop-nhat/<uuid:survivor_uuid>/<uuid:absorbed_uuid>/", views.merge, name="merge"),
    path("nhat-ky-hop-nhat/<uuid:merge_uuid>/", views.merge_detail, name="merge_detail"),
    path("<uuid:person_uuid>/", views.detail, name="detail"),
    path("<uuid:person_uuid>/sua/", views.edit, name="edit"),
    path("<uuid:person_uuid>/lich-su/", views.history, name="history"),
    path("<uuid:person_uuid>/chuyen-di/", views.transfer, name="transfer"),
]
