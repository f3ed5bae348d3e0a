"""The registry fields an old list can fill, and the headers Vietnamese lists use for them."""

from django.utils.translation import gettext_lazy as _

from hoanhap.lib.vntext import search_key

# field -> (label, accent-free headers that mean it)
FIELDS = {
    "full_name": (_("Họ và tên"), ("ho va ten", "ho ten", "ho va ten doi tuong", "ten doi tuong", "ho, ten")),
    "aliases": (_("Tên gọi khác"), ("ten goi khac", "biet danh", "ten khac", "ten thuong goi")),
    "birth_date": (
        _("Ngày sinh"),
        ("ngay sinh", "ngay thang nam sinh", "sinh ngay", "ngay, thang, nam sinh"),
    ),
    "birth_year": (_("Năm sinh"), ("nam sinh",)),
    "sex": (_("Giới tính"), ("gioi tinh", "gt", "nam/nu", "nam, nu")),
    "national_id": (
        _("Số định danh"),
        (
            "so dinh danh",
            "so dinh danh ca nhan",
            "cccd",
            "so cccd",
            "cmnd/cccd",
            "can cuoc",
            "so can cuoc",
            "cmnd",
            "so cmnd",
            "cccd/cmnd",
            "ma dinh danh",
        ),
    ),
    "hamlet": (
        _("Thôn, tổ dân phố"),
        (
            "thon",
            "to dan pho",
            "thon/to dan pho",
            "thon, to dan pho",
            "xom",
            "ap",
            "ban",
            "thon, xom",
            "thon/xom",
            "khoi",
        ),
    ),
    "permanent_address": (
        _("Nơi thường trú"),
        ("noi thuong tru", "thuong tru", "dia chi thuong tru", "ho khau thuong tru", "hktt"),
    ),
    "current_address": (
        _("Nơi ở hiện tại"),
        ("noi o hien tai", "cho o hien nay", "noi o hien nay", "dia chi", "noi o", "cho o"),
    ),
    "phone": (_("Điện thoại"), ("dien thoai", "so dien thoai", "sdt", "dt")),
    "commune": (_("Xã, phường"), ("xa", "phuong", "xa/phuong", "xa, phuong", "don vi")),
    # Kept as the old list wrote it, beside the record: a label is not a legal fact (a test, a decision).
    "status": (
        _("Tình trạng (theo danh sách cũ)"),
        ("tinh trang", "phan loai", "tinh trang hien nay", "loai doi tuong", "ghi chu tinh trang"),
    ),
}
IGNORED = ""


def guess(header: str) -> str:
    key = search_key(str(header or "")).strip(" :.*")
    for field, (_label, names) in FIELDS.items():
        if key in names:
            return field
    return IGNORED


def label(field: str) -> str:
    return str(FIELDS[field][0]) if field in FIELDS else ""
