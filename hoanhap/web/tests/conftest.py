# The case fixtures: faults are injected into real cases.
from hoanhap.cases.tests.conftest import positive_test  # noqa: F401
