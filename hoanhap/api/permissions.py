from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from hoanhap.api.models import ApiToken


class TokenActions(permissions.BasePermission):
    """A token may do only the actions it was issued for: ``<resource>:read`` for safe methods,
    ``<resource>:write`` otherwise. A signed-in UI user is limited by the role alone."""

    message = _("Khóa truy cập không được cấp quyền này.")

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, ApiToken):
            return True
        if not hasattr(view, request.method.lower()) or request.method.lower() not in view.http_method_names:
            return True  # the view answers 405 itself
        kind = "read" if request.method in permissions.SAFE_METHODS else "write"
        return f"{view.resource}:{kind}" in request.auth.actions


class RoleMay(permissions.BasePermission):
    """The role must hold the view's ``required_cap`` to read and its ``write_cap`` to write: a role
    that may not see a resource is refused (403), not served an empty list, and a role that may not
    write is refused before its input is read."""

    message = _("Vai trò của bạn không được truy cập dữ liệu này.")

    def has_permission(self, request, view) -> bool:
        attribute = "required_cap" if request.method in permissions.SAFE_METHODS else "write_cap"
        required = getattr(view, attribute)  # every view that uses this permission names both
        return required is None or request.user.has_cap(required)


class DescriptionAccess(permissions.BasePermission):
    """The API's description (schema and interactive docs) is open where ``API_DOCS_PUBLIC`` says
    so (development); in production it is for signed-in users and tokens only: it maps every
    endpoint and field, which is an attacker's first step."""

    def has_permission(self, request, view) -> bool:
        return bool(settings.API_DOCS_PUBLIC or (request.user and request.user.is_authenticated))
