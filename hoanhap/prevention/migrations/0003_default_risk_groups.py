"""The high-risk groups named in the local plans (../shared/seeds), as a starting configuration."""

from django.db import migrations

GROUPS = [
    ("pupils", "Học sinh"),
    ("students", "Sinh viên"),
    ("young_workers", "Thanh niên công nhân khu công nghiệp"),
    ("unemployed_youth", "Thanh niên không có việc làm"),
    ("released", "Người mới chấp hành xong án phạt tù, trở về địa phương"),
    ("nightlife_workers", "Người làm việc tại cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn"),
]


def add(apps, schema_editor):
    RiskGroup = apps.get_model("prevention", "RiskGroup")
    for code, name in GROUPS:
        RiskGroup.objects.get_or_create(code=code, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("prevention", "RiskGroup").objects.filter(code__in=[c for c, _n in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("prevention", "0002_risk_groups_sessions")]
    operations = [migrations.RunPython(add, remove)]
