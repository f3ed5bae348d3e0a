"""The OpenAPI schema documents every error an operation can answer with, in the one error shape,
and where a response leads (OpenAPI links): from a person to reading, editing and testing them,
from a list to its rows, from a fact to its person. Clients can follow the links, and the contract
test's stateful phase does (api/tests/test_contract.py)."""

from typing import Any

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


# Resources read one at a time by uuid after being listed, and those among them filed for a person.
LISTED = ["people", "drug_tests", "managements", "rehab_episodes", "aftercares", "screenings"]
LISTED += ["support_assignments", "tips", "reports", "plans"]
FACTS = ["drug_tests", "managements", "rehab_episodes", "aftercares", "screenings", "support_assignments"]
FACTS += ["tips"]
OWN = {"uuid": "$response.body#/uuid"}  # the row the response is
FIRST = {"uuid": "$response.body#/results/0/uuid"}  # the first row of a page
ITS_PERSON = {"uuid": "$response.body#/person"}  # the person a fact is filed for


def _link(operation_id: str, description: str, **fields: Any) -> dict[str, Any]:
    return {"operationId": operation_id, "description": description, **fields}


def _from_person() -> dict[str, Any]:
    """Where a person's record leads: reading and editing it (with its version), its facts, a test."""
    links = {
        "GetPerson": _link("people_retrieve", "Đọc hồ sơ này", parameters=OWN),
        "EditPerson": _link(
            "people_partial_update",
            "Sửa hồ sơ này, với phiên bản vừa đọc",
            parameters={**OWN, "header.If-Match": "$response.header.ETag"},
        ),
        "RecordDrugTest": _link(
            "drug_tests_create", "Ghi kết quả xét nghiệm của người này", requestBody={"person": OWN["uuid"]}
        ),
    }
    for resource in FACTS:
        name = "List" + resource.title().replace("_", "") + "OfPerson"
        links[name] = _link(f"{resource}_list", "Lọc theo người này", parameters={"person": OWN["uuid"]})
    return links


def links() -> dict[tuple[str, str], dict[str, Any]]:
    """The links of each response, by operation id and status."""
    table: dict[tuple[str, str], dict[str, Any]] = {
        ("people_create", "201"): _from_person(),
        ("people_retrieve", "200"): _from_person(),
        ("people_partial_update", "200"): _from_person(),
        ("drug_tests_create", "201"): {"GetDrugTest": _link("drug_tests_retrieve", "Đọc", parameters=OWN)},
    }
    for resource in LISTED:
        get = _link(f"{resource}_retrieve", "Đọc dòng đầu của trang", parameters=FIRST)
        table.setdefault((f"{resource}_list", "200"), {})["GetFirst"] = get
    for resource in FACTS:
        person = _link("people_retrieve", "Đọc hồ sơ của người", parameters=ITS_PERSON)
        table.setdefault((f"{resource}_retrieve", "200"), {})["GetPerson"] = person
    return table


def add_links(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: attach ``links()`` to their responses. An operation or
    a status that is not in the schema fails here, not in a client."""
    operations = {op["operationId"]: op for path in result["paths"].values() for op in path.values()}
    for (operation_id, status), declared in links().items():
        operations[operation_id]["responses"][status]["links"] = declared
    return result
