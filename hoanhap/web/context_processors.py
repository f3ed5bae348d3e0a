from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.services import requires_two_factor
from hoanhap.lib.roles import Cap


def _receives_referrals(user) -> bool:
    from hoanhap.support.views import receives_referrals

    return user.has_cap(Cap.RECEIVE_REFERRALS) and receives_referrals(user)


# (URL name, label, capability needed, or the view's own check when a capability is not enough):
# a user never sees a link that answers 403 (issue 26, item 2).
NAVIGATION = [
    ("web:home", _("Trang chủ"), None),
    ("inbox:list", _("Việc cần làm"), Cap.EDIT_PEOPLE),
    ("support:mine", _("Người tôi giúp đỡ"), Cap.SUPPORT_ASSIGNED),
    ("people:search", _("Hồ sơ đối tượng"), Cap.VIEW_PEOPLE),
    ("cases:lists", _("Danh sách theo tình trạng"), Cap.VIEW_PEOPLE),
    ("support:referrals", _("Giới thiệu, chuyển gửi"), Cap.VIEW_PEOPLE),
    ("hotline:list", _("Tin báo"), Cap.VIEW_PEOPLE),
    ("support:directory", _("Danh bạ dịch vụ"), Cap.VIEW_PEOPLE),
    ("prevention:sessions", _("Tuyên truyền, phòng ngừa"), Cap.VIEW_PEOPLE),
    ("reports:index", _("Chỉ số, báo cáo"), Cap.VIEW_REPORTS),
    ("programs:list", _("Kế hoạch"), Cap.VIEW_REPORTS),
    ("support:referrals", _("Giới thiệu đến đơn vị tôi"), _receives_referrals),
    ("people:duplicates", _("Rà soát trùng lặp"), Cap.MERGE_PEOPLE),
    ("people:reviews", _("Hồ sơ trùng giữa các xã"), Cap.REVIEW_DUPLICATES),
    ("geo:hamlets", _("Thôn, tổ dân phố"), Cap.MANAGE_HAMLETS),
    ("privacy:requests", _("Yêu cầu về dữ liệu cá nhân"), Cap.HANDLE_DATA_REQUESTS),
    ("privacy:breaches", _("Sự cố dữ liệu cá nhân"), Cap.RECORD_BREACHES),
    ("audit:list", _("Nhật ký truy cập"), Cap.VIEW_AUDIT),
    ("privacy:retention", _("Thời hạn lưu giữ dữ liệu"), Cap.MANAGE_USERS),
    ("privacy:officers", _("Bộ phận bảo vệ dữ liệu cá nhân"), Cap.MANAGE_USERS),
    ("law:rules", _("Quy định pháp luật"), None),
    ("accounts:user_list", _("Tài khoản"), Cap.MANAGE_USERS),
    ("prevention:groups", _("Nhóm nguy cơ cao"), Cap.MANAGE_USERS),
    ("portal:page_new", _("Trang thông tin công khai"), Cap.MANAGE_USERS),
]


def _may_open(user, check) -> bool:
    if check is None:
        return True
    return user.has_cap(check) if isinstance(check, Cap) else check(user)


def shell(request):
    """Navigation by role, shown once the user has passed every log-in step; the demo banner."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "signed_in": False, "demo_mode": settings.DEMO_MODE}
    signed_in = user.is_verified() or not requires_two_factor(user)
    items = [(name, label) for name, label, check in NAVIGATION if _may_open(user, check)]
    return {"nav_items": items if signed_in else [], "signed_in": signed_in, "demo_mode": settings.DEMO_MODE}
