import io

from cryptography.fernet import Fernet
from django.core.management import call_command

from hoanhap.lib import crypto
from hoanhap.people.models import Person


def test_rotation_lets_the_old_key_be_retired(officer_a, make_person, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    person = make_person(officer_a, national_id="040090012345", father_id="040060000001")
    new_key = Fernet.generate_key().decode()
    try:
        settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
        crypto.reset_caches()
        call_command("rotate_field_keys", stdout=io.StringIO())
        settings.FIELD_ENCRYPTION_KEYS = [new_key]
        crypto.reset_caches()
        stored = Person.objects.get(pk=person.pk)
        assert (stored.national_id, stored.father_id) == ("040090012345", "040060000001")
        assert stored.history.first().national_id_encrypted != ""
        assert crypto.decrypt(stored.history.first().national_id_encrypted) == "040090012345"
    finally:
        settings.FIELD_ENCRYPTION_KEYS = [old_key]
        crypto.reset_caches()
