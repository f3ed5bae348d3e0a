"""The OpenAPI schema documents every error an operation can answer with, in the one error shape."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from hoanhap.api.errors import ErrorSerializer

ERRORS = {
    "400": (
        "Dữ liệu hoặc tham số không hợp lệ; một tham số truy vấn không được khai báo, để trống "
        "hoặc gửi hai lần cũng bị từ chối (không bị bỏ qua), lỗi nêu tên tham số"
    ),
    "401": "Chưa xác thực, hoặc khóa truy cập không hợp lệ, hết hạn, đã thu hồi",
    "403": "Vai trò hoặc khóa truy cập không có quyền này",
    "404": "Không có, hoặc ngoài phạm vi đơn vị của người dùng",
    "406": "Không trả được định dạng yêu cầu (chỉ JSON)",
    "409": "Có thể trùng với hồ sơ đã có",
    "412": "Hồ sơ đã được sửa bởi người khác (If-Match không khớp)",
    "415": "Định dạng dữ liệu gửi lên không được hỗ trợ (chỉ JSON)",
    "428": "Thiếu tiêu đề If-Match",
    "429": "Quá nhiều yêu cầu",
}


class HoaNhapSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            # An empty value is refused (filters.check_query), so the schema says a value has a length.
            if parameter["in"] == "query" and parameter["schema"].get("type") == "string":
                parameter["schema"].setdefault("minLength", 1)
        return operation

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404", "406", "429"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["409", "415"]
        if self.method in ("PUT", "PATCH"):
            codes += ["412", "428"]
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code in self._error_codes():
                if code not in responses:
                    described = OpenApiResponse(response=ErrorSerializer, description=ERRORS[code])
                    responses[code] = self._get_response_for_code(described, code, direction=direction)
        return responses
