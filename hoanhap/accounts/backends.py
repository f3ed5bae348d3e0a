from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    """Django's user name and password check, for accounts that may sign in (User.can_sign_in).
    Django asks the same question of every request's session, so a demo account's session ends
    too once demo mode is off."""

    def user_can_authenticate(self, user) -> bool:
        return bool(user.can_sign_in())
