"""Demo accounts: one per role, flagged ``is_demo`` so that two-factor log-in is waived only while
the system runs in demo mode (settings.DEMO_MODE)."""

from hoanhap.accounts.models import User
from hoanhap.accounts.services import create_user
from hoanhap.lib.roles import Role

DEMO_PASSWORD = "HoaNhap-demo-2026"  # noqa: S105 - demo only, printed on start-up
DIEN_CHAU, BUON_MA_THUOT, TAN_AN = "17464", "24133", "24163"

# username, role, commune, province, full name
DEMO_USERS = [
    ("truongcax", Role.COMMUNE_POLICE_HEAD, DIEN_CHAU, None, "Trần Văn Hùng"),
    ("canbocax", Role.COMMUNE_POLICE, DIEN_CHAU, None, "Lê Thị Hoa"),
    ("chutichxa", Role.COMMUNE_CHAIRMAN, DIEN_CHAU, None, "Nguyễn Đình Thắng"),
    ("vanhoaxahoi", Role.COMMUNE_SOCIAL, DIEN_CHAU, None, "Phan Thị Lan"),
    ("tramyte", Role.COMMUNE_HEALTH, DIEN_CHAU, None, "Hồ Văn Bình"),
    ("tinhnguyenvien", Role.HELPER, DIEN_CHAU, None, "Võ Thị Mai"),
    ("cosocainghien", Role.FACILITY_STAFF, None, "40", "Đặng Quốc Huy"),
    ("pc04nghean", Role.PROVINCIAL_POLICE, None, "40", "Hoàng Minh Tuấn"),
    ("tinhnghean", Role.PROVINCIAL_MANAGER, None, "40", "Bùi Thị Thu"),
    ("c04bocongan", Role.MINISTRY_VIEWER, None, None, "Đỗ Văn Khoa"),
    ("kiemtravien", Role.AUDITOR, None, "40", "Ngô Thị Hạnh"),
    ("quantri", Role.SYSADMIN, None, None, "Lý Văn Tài"),
    ("truongcabmt", Role.COMMUNE_POLICE_HEAD, BUON_MA_THUOT, None, "Y Kông Niê"),
    ("canbotanan", Role.COMMUNE_POLICE, TAN_AN, None, "H'Nga Mlô"),
]


def seed_users() -> list[User]:
    users = []
    for username, role, commune, province, full_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            last, _, first = full_name.rpartition(" ")
            user = create_user(
                None,
                password=DEMO_PASSWORD,
                username=username,
                role=role,
                commune_id=commune,
                province_id=province,
                first_name=first,
                last_name=last,
                is_demo=True,
            )
        users.append(user)
    return users
