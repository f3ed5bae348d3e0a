"""Starting pages of public information; administrators edit them."""

from django.db import migrations

PAGES = [
    (
        "cac-hinh-thuc-cai-nghien",
        "Các hình thức cai nghiện ma túy",
        1,
        "Cai nghiện ma túy tự nguyện gồm: cai nghiện tại gia đình, cộng đồng; tại cơ sở cai nghiện công lập; "
        "tại cơ sở cai nghiện tư nhân (Luật Phòng, chống ma túy 120/2025/QH15, Điều 30).\n\n"
        "Người nghiện có thể đăng ký điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế (Methadone) "
        "thay cho đăng ký cai nghiện tự nguyện.\n\n"
        "Người không đăng ký, không thực hiện hoặc tự ý chấm dứt cai nghiện tự nguyện có thể bị đề nghị áp dụng "
        "biện pháp đưa vào cơ sở cai nghiện bắt buộc.",
    ),
    (
        "quyen-va-nghia-vu",
        "Quyền và nghĩa vụ của người cai nghiện",
        2,
        "Người cai nghiện được tư vấn, hỗ trợ và giữ bí mật thông tin cá nhân. Người chưa thành niên đăng ký "
        "cai nghiện cần có cam kết được cha, mẹ hoặc người giám hộ xác nhận.\n\n"
        "Sau khi hoàn thành cai nghiện, người cai nghiện được quản lý, hỗ trợ sau cai nghiện tại nơi cư trú "
        "để học nghề, tìm việc làm và phòng, chống tái nghiện.",
    ),
]


def add(apps, schema_editor):
    InfoPage = apps.get_model("portal", "InfoPage")
    for slug, title, order, body in PAGES:
        InfoPage.objects.get_or_create(slug=slug, defaults={"title": title, "order": order, "body": body})


def remove(apps, schema_editor):
    apps.get_model("portal", "InfoPage").objects.filter(slug__in=[p[0] for p in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_info_pages")]
    operations = [migrations.RunPython(add, remove)]
