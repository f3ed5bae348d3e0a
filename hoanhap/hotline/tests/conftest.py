# The case fixtures: tips and hotspots are counted against real cases.
from hoanhap.cases.tests.conftest import decide, person_a, positive_test  # noqa: F401
