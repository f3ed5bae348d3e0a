import io

import pytest
from django.core.management import CommandError, call_command

from hoanhap.accounts.models import User


def test_demo_data_is_never_seeded_in_production_even_with_demo_mode_forced_on(db, settings):
    """settings.py refuses demo mode in production; the command refuses too, whatever the settings."""
    settings.PRODUCTION, settings.DEMO_MODE = True, True
    with pytest.raises(CommandError, match="never in production"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.filter(is_demo=True).exists()
