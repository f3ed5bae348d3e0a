import pytest
from django.core.management import CommandError, call_command

from hoanhap.accounts.models import User
from hoanhap.accounts.services import accept_enrolment_code


def test_the_first_administrator_is_created_with_the_password_rules(db, monkeypatch, capsys):
    monkeypatch.setenv("HOANHAP_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_admin", "--username", "quantri1")
    monkeypatch.setenv("HOANHAP_ADMIN_PASSWORD", "một-mật-khẩu-đủ-dài-2026")
    call_command("create_admin", "--username", "quantri1")
    admin = User.objects.get(username="quantri1")
    assert admin.role == "sysadmin" and admin.check_password("một-mật-khẩu-đủ-dài-2026")
    assert "quantri1" in capsys.readouterr().out


def test_the_first_administrator_gets_an_enrolment_code(db, monkeypatch, capsys):
    """Without one nobody could enrol the first second factor: every other account's code comes
    from an administrator."""
    monkeypatch.setenv("HOANHAP_ADMIN_PASSWORD", "một-mật-khẩu-đủ-dài-2026")
    call_command("create_admin", "--username", "quantri1")
    code = capsys.readouterr().out.split()[-1]
    assert accept_enrolment_code(User.objects.get(username="quantri1"), code=code)
