"""Keep personal identifiers out of logs: the last line of defence, not the first."""

import logging
import re

# 9- and 12-digit runs are identity-card and personal-ID numbers; phone numbers are 10 digits.
_NUMBERS = re.compile(r"(?<![0-9a-fA-F-])(\d{9,12})(?![0-9a-fA-F-])")  # not inside a UUID
_QUERY = re.compile(r"\?[^\s\"']*")


def scrub(text: str) -> str:
    return _NUMBERS.sub("[số đã ẩn]", _QUERY.sub("?[đã ẩn]", text))


class ScrubPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True
