# A backup is tested with real cases and documents in it.
from hoanhap.cases.tests.conftest import decide, person_a, positive_test  # noqa: F401
