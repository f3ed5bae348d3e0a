from django.test import Client, override_settings
from django.urls import path


def boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("boom/", boom)]


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_error_shows_the_vietnamese_500_page(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Hệ thống gặp sự cố" in page and "simulated failure" not in page
