"""Checkpoints written to the log and to a file only its owner reads, and read back."""

from hoanhap.audit import checkpoints
from hoanhap.audit.models import Action, ChainHead, Purpose
from hoanhap.audit.services import record


def _entry():
    return record(None, Action.LOGIN_FAILED, purpose=Purpose.SECURITY, username="someone")


def test_checkpoints_go_to_the_log_and_to_a_file_only_its_owner_reads(db, tmp_path, caplog):
    _entry()
    file = tmp_path / "var" / "audit" / "checkpoints.jsonl"  # directories made as needed
    with caplog.at_level("INFO", logger="hoanhap.audit.checkpoint"):
        checkpoints.publish(file)
        checkpoints.publish(file)
    assert file.stat().st_mode & 0o777 == 0o600
    assert len(checkpoints.read(file)) == 2
    head = ChainHead.objects.get(pk=1)
    assert sum(head.hash in message for message in caplog.messages) == 2


def test_a_checkpoint_file_not_written_yet_holds_no_checkpoints(tmp_path):
    assert checkpoints.read(tmp_path / "checkpoints.jsonl") == []


def test_blank_lines_of_a_checkpoint_file_are_not_checkpoints(db, tmp_path):
    _entry()
    file = tmp_path / "checkpoints.jsonl"
    (point,) = checkpoints.publish(file)
    file.write_text("\n" + file.read_text(encoding="utf-8") + "  \n", encoding="utf-8")
    assert checkpoints.read(file) == [point]


def test_a_line_of_the_checkpoint_file_that_is_not_text_is_read_as_an_unsigned_checkpoint(db, tmp_path):
    """A damaged file is reported as a checkpoint that is not signed, not as a crash of the check."""
    _entry()
    file = tmp_path / "checkpoints.jsonl"
    (point,) = checkpoints.publish(file)
    with file.open("ab") as out:
        out.write(b"\xff\xfe\x00garbage\n")
    assert checkpoints.read(file) == [point, {}]
