# The case fixtures: documents are issued for real cases.
from hoanhap.cases.tests.conftest import decide, person_a, positive_test  # noqa: F401
