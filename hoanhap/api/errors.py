"""Every API error has one JSON shape, in Vietnamese:
``{"error": {"code": "...", "message": "...", "fields": {"field": ["..."]}}}``."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from hoanhap.people.reviews import SentForReviewError
from hoanhap.people.services import PossibleDuplicateError, StaleEditError


class ApiError(exceptions.APIException):
    """An error with its own status and code, raised by the API's views."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message, code)
        self.status_code = status_code


class ErrorBodySerializer(serializers.Serializer):
    # Built in get_fields: a declared attribute named "fields" would shadow Serializer.fields.
    def get_fields(self):
        return {
            "code": serializers.CharField(),
            "message": serializers.CharField(),
            "fields": serializers.DictField(
                child=serializers.ListField(child=serializers.CharField()), required=False
            ),
        }


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def _standard_messages() -> dict[str, str]:
    """Vietnamese for DRF's own errors (its English defaults, or its parser's and paginator's texts)."""
    return {
        "not_authenticated": _(
            "Chưa xác thực: hãy gửi khóa truy cập (Authorization: Bearer …) hoặc đăng nhập."
        ),
        "not_found": _("Không tìm thấy, hoặc không thuộc phạm vi đơn vị của bạn."),
        "method_not_allowed": _("Phương thức này không được hỗ trợ ở đây."),
        "not_acceptable": _("Chỉ trả dữ liệu dạng JSON (Accept: application/json)."),
        "unsupported_media_type": _("Chỉ nhận dữ liệu dạng JSON (Content-Type: application/json)."),
        "throttled": _("Quá nhiều yêu cầu. Hãy thử lại sau."),
        "parse_error": _("Dữ liệu gửi lên không phải JSON hợp lệ."),
    }


def _body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _untranslated() -> dict[str, str]:
    """Messages DRF writes without gettext, in English whatever the language."""
    return {"No data provided": _("Không có dữ liệu: cần một đối tượng JSON.")}


def _flatten(detail: Any) -> dict[str, list[str]]:
    """DRF's nested error detail as field → messages; nested paths joined with dots."""
    out: dict[str, list[str]] = {}
    untranslated = _untranslated()

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
            for index, inner in enumerate(value):
                walk(f"{prefix}.{index}" if prefix else str(index), inner)
        else:
            messages = value if isinstance(value, list) else [value]
            texts = (untranslated.get(str(m), str(m)) for m in messages)
            out.setdefault(prefix or "non_field_errors", []).extend(texts)

    walk("", detail)
    return out


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleEditError):
        message = _("Hồ sơ đã được người khác sửa (phiên bản hiện tại: %(v)s). Hãy tải lại rồi sửa.") % {
            "v": exc.current.version
        }
        return Response(_body("stale", message), status=status.HTTP_412_PRECONDITION_FAILED)
    if isinstance(exc, PossibleDuplicateError):
        message = _(
            "Có thể đã có hồ sơ của người này (%(n)s hồ sơ tương tự). Gửi lại với "
            "confirm_not_duplicate=true nếu chắc chắn là người khác."
        ) % {"n": len(exc.candidates.similar)}
        return Response(_body("possible_duplicate", message), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, SentForReviewError):
        # The same words as the page: nothing of where, or whether, the person is elsewhere.
        return Response(_body("needs_review", exc.messages[0]), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ValidationError):
        fields = (
            {k: [str(m) for m in ValidationError(v).messages] for k, v in exc.error_dict.items()}
            if hasattr(exc, "error_dict")
            else {}
        )
        message = " ".join(exc.messages) if not fields else _("Dữ liệu không hợp lệ.")
        return Response(_body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django's handler logs it (without the request body)
    if isinstance(exc, exceptions.ValidationError):
        response.data = _body("invalid", _("Dữ liệu không hợp lệ."), _flatten(exc.detail))
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        detail = str(exc.detail) if isinstance(exc.detail, str) else ""
        if code in _standard_messages():
            message = _standard_messages()[code]
        elif not detail or detail == str(exc.default_detail):
            message = _("Không có quyền thực hiện thao tác này.") if code == "permission_denied" else detail
        else:
            message = detail
        response.data = _body(code, message or code)
    return response
