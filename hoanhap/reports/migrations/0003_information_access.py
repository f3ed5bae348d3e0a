"""Access to information (NQ 163/2024/QH15: over 90 % of addicted persons and people after rehab
receive information on policy, law and services), measured by what the system records: counselling
by the management team, the health station or a support service, and health advice. Families are
not people the system holds, so they are not counted."""

from django.db import migrations

CODE = "information_access"


def forward(apps, schema_editor):
    Definition = apps.get_model("reports", "IndicatorDefinition")
    last = Definition.objects.order_by("-order").values_list("order", flat=True).first() or 0
    Definition.objects.update_or_create(
        code=CODE,
        defaults={
            "name": "Người nghiện, người sau cai được tư vấn, cung cấp thông tin về chính sách, dịch vụ",
            "kind": "ratio",
            "numerator": {"any": ["addicted", "aftercare"], "all": ["informed"]},
            "denominator": {"any": ["addicted", "aftercare"]},
            "target": 90,
            "direction": ">=",
            "source": "NQ 163/2024/QH15 (> 90 %); Dự án 5 MT1 (100 %). Chưa đếm gia đình.",
            "order": last + 1,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("reports", "IndicatorDefinition").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_first_indicators")]
    operations = [migrations.RunPython(forward, backward)]
