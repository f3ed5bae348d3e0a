import csv

import pytest
from openpyxl.worksheet._reader import WorkSheetParser

from hoanhap.geo import services as geo


@pytest.fixture
def hamlet(officer_a):
    """A hamlet of commune A, "Xóm Đông"."""
    return geo.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="Xóm Đông")


@pytest.fixture
def parsed_rows(monkeypatch):
    """How many rows openpyxl has parsed out of a sheet's XML (a one-item list, read at the end)."""
    count = [0]
    parse = WorkSheetParser.parse

    def counting(self):
        for row in parse(self):
            count[0] += 1
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", counting)
    return count


@pytest.fixture
def csv_rows(monkeypatch):
    """How many rows csv has split out of a CSV file."""
    count = [0]
    reader = csv.reader

    def counting(*args, **kwargs):
        for row in reader(*args, **kwargs):
            count[0] += 1
            yield row

    monkeypatch.setattr(csv, "reader", counting)
    return count
