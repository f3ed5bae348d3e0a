"""How an audit entry's ``extra`` reads in the Vietnamese log: each key under a Vietnamese label,
booleans as "có"/"không", the steps of a workflow in words (issue 26, item 5). The stored entry is
unchanged (it is hash-chained); only its rendering is translated."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LABELS = {
    "api": gettext_lazy("giao diện lập trình"),
    "assignments": gettext_lazy("số phân công"),
    "awareness": gettext_lazy("hoạt động tuyên truyền"),
    "batch": gettext_lazy("lô nhập"),
    "calendar_day": gettext_lazy("ngày"),
    "cascade": gettext_lazy("cách xử lý dữ liệu liên quan"),
    "closed": gettext_lazy("đã đóng"),
    "commune": gettext_lazy("xã"),
    "communes": gettext_lazy("số xã"),
    "conflicts": gettext_lazy("số xung đột"),
    "count": gettext_lazy("số lượng"),
    "created": gettext_lazy("số tạo mới"),
    "crime_handover": gettext_lazy("chuyển giao tội phạm"),
    "crime_receipt": gettext_lazy("tiếp nhận tội phạm"),
    "dashboard": gettext_lazy("bảng tổng quan"),
    "days": gettext_lazy("số ngày"),
    "document": gettext_lazy("văn bản"),
    "entrants": gettext_lazy("năm thống kê người mới điều trị"),
    "fields": gettext_lazy("trường thay đổi"),
    "filters": gettext_lazy("bộ lọc"),
    "format": gettext_lazy("định dạng"),
    "from_commune": gettext_lazy("từ xã"),
    "hamlet": gettext_lazy("thôn"),
    "hotspot": gettext_lazy("tụ điểm"),
    "id_index": gettext_lazy("chỉ mục số định danh"),
    "import_batch": gettext_lazy("lô nhập"),
    "inbox": gettext_lazy("số việc cần làm"),
    "indicator": gettext_lazy("chỉ số"),
    "info_page": gettext_lazy("trang thông tin"),
    "kind": gettext_lazy("loại"),
    "left": gettext_lazy("còn lại"),
    "list": gettext_lazy("danh sách"),
    "matches": gettext_lazy("số kết quả khớp"),
    "merge": gettext_lazy("hợp nhất hồ sơ"),
    "name_index": gettext_lazy("chỉ mục họ tên"),
    "needed": gettext_lazy("cần"),
    "outcome": gettext_lazy("kết quả"),
    "page": gettext_lazy("trang"),
    "pairs": gettext_lazy("số cặp"),
    "part": gettext_lazy("phần"),
    "participants": gettext_lazy("số người tham gia"),
    "plan": gettext_lazy("kế hoạch"),
    "possible_duplicates": gettext_lazy("số hồ sơ có thể trùng"),
    "prevention_session": gettext_lazy("buổi tuyên truyền"),
    "preview": gettext_lazy("xem trước"),
    "provider": gettext_lazy("cơ sở dịch vụ"),
    "recovery_codes": gettext_lazy("số mã khôi phục"),
    "referrals": gettext_lazy("số giới thiệu"),
    "regime": gettext_lazy("chế độ"),
    "registration": gettext_lazy("đăng ký"),
    "replaced_by": gettext_lazy("thay bằng"),
    "report": gettext_lazy("báo cáo"),
    "request": gettext_lazy("yêu cầu"),
    "request_withdrawn": gettext_lazy("yêu cầu đã rút"),
    "requested": gettext_lazy("yêu cầu"),
    "results": gettext_lazy("số kết quả"),
    "retired": gettext_lazy("ngừng sử dụng"),
    "review": gettext_lazy("số cần rà soát"),
    "risk_group": gettext_lazy("nhóm nguy cơ"),
    "risk_group_retired": gettext_lazy("nhóm nguy cơ ngừng sử dụng"),
    "rows": gettext_lazy("số dòng"),
    "rule": gettext_lazy("quy định"),
    "sessions": gettext_lazy("số phiên"),
    "source": gettext_lazy("nguồn"),
    "status": gettext_lazy("tình trạng"),
    "step": gettext_lazy("bước"),
    "suppressed": gettext_lazy("ẩn số nhỏ"),
    "task": gettext_lazy("nhiệm vụ"),
    "tip": gettext_lazy("tin báo"),
    "tip_reporter": gettext_lazy("người báo tin"),
    "tips": gettext_lazy("số tin báo"),
    "to_commune": gettext_lazy("đến xã"),
    "token": gettext_lazy("khóa truy cập"),
    "training": gettext_lazy("khóa tập huấn"),
    "user": gettext_lazy("tài khoản"),
    "value": gettext_lazy("giá trị"),
    "version": gettext_lazy("phiên bản"),
    "via": gettext_lazy("qua"),
    "wait": gettext_lazy("chờ (giây)"),
    "write": gettext_lazy("ghi"),
}

# The codes written into ``extra`` as values: workflow steps, the audit log's own filters, kinds.
VALUES = {
    "action": gettext_lazy("hành động"),
    "date_from": gettext_lazy("từ ngày"),
    "date_to": gettext_lazy("đến ngày"),
    "people": gettext_lazy("hồ sơ"),
    "person": gettext_lazy("hồ sơ"),
    "purpose": gettext_lazy("mục đích"),
    "tips": gettext_lazy("tin báo"),
    "user": gettext_lazy("tài khoản"),
    "approve": gettext_lazy("duyệt"),
    "commit": gettext_lazy("ghi vào hồ sơ"),
    "designate_officer": gettext_lazy("chỉ định người phụ trách"),
    "enrolment_code": gettext_lazy("mã đăng ký"),
    "import": gettext_lazy("nhập"),
    "open": gettext_lazy("mở"),
    "read": gettext_lazy("xem"),
    "refused": gettext_lazy("từ chối"),
    "reopen": gettext_lazy("mở lại"),
    "resolve": gettext_lazy("giải quyết"),
    "return": gettext_lazy("trả lại"),
    "submit": gettext_lazy("gửi"),
    "upload": gettext_lazy("tải lên"),
    "view": gettext_lazy("xem"),
}


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "–"
    if isinstance(value, str) and value in VALUES:
        return str(VALUES[value])
    return str(value)


def describe(extra: Any) -> str:
    """``extra`` as the log shows it: "bộ lọc: action, person; ẩn số nhỏ: có"."""
    if not isinstance(extra, dict):
        return str(extra)
    # By key: PostgreSQL's jsonb keeps keys in its own order (shorter first), SQLite in the written one.
    return "; ".join(f"{LABELS.get(key, key)}: {value_text(value)}" for key, value in sorted(extra.items()))
