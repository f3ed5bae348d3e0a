import pytest
from rest_framework.test import APIClient

from hoanhap.api.models import ApiAction
from hoanhap.api.services import issue_token


@pytest.fixture
def api(sysadmin):
    """A client for ``user`` holding a fresh token with ``actions`` (all by default)."""

    def make(user, actions=None, days=30):
        _token, secret = issue_token(
            sysadmin, user=user, name="Hệ thống thử", actions=actions or list(ApiAction.values), days=days
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return make
