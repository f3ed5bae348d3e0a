"""The first indicator set (research/legal.md §10.6), as rows of IndicatorDefinition: no screen edits
them; a later data migration changes or extends them (0003_information_access adds one).
Staff trained, access to information and drug-free communes need facts the system does not hold
yet (training courses, outreach, the QĐ 28/2025 assessment) and are not defined here."""

from django.db import migrations

CARED_FOR = ["addicted", "managed_users", "in_rehab", "on_substitution", "aftercare"]
DEFINITIONS = [
    ("counselled_addicted", "Người nghiện có hồ sơ được tư vấn về cai nghiện", "ratio",
     {"all": ["addicted", "counselled"]}, {"all": ["addicted"]}, 80, ">=", "NQ 163/2024/QH15; Dự án 5 MT3 (≥ 80 %)"),
    ("aftercare_supported", "Người sau cai được hỗ trợ phòng, chống tái nghiện, tái hòa nhập", "ratio",
     {"all": ["aftercare", "supported"]}, {"all": ["aftercare"]}, 90, ">=", "Dự án 5 MT4 (90 %)"),
    ("medical_psych", "Người nghiện, sử dụng, đang cai, điều trị, sau cai được hỗ trợ y tế, tâm lý", "ratio",
     {"any": CARED_FOR, "all": ["medical_psych"]}, {"any": CARED_FOR}, 90, ">=", "NQ 163/2024/QH15 (> 90 %)"),
    ("treated", "Người nghiện, người sử dụng có hồ sơ được cai nghiện, điều trị", "ratio",
     {"any": ["addicted", "managed_users"], "all": ["treated"]}, {"any": ["addicted", "managed_users"]}, 80, ">=",
     "Chương trình 2021–2025, QĐ 1452/QĐ-TTg (> 80 %)"),
    ("aftercare_decision", "Người hoàn thành cai nghiện, điều trị thay thế có quyết định quản lý sau cai", "ratio",
     {"all": ["completed", "aftercare_decided"]}, {"all": ["completed"]}, 100, ">=", "QĐ 1452/QĐ-TTg (100 %)"),
    ("vocational_facility", "Người cai nghiện tại cơ sở được học nghề", "ratio",
     {"all": ["in_facility_rehab", "vocational"]}, {"all": ["in_facility_rehab"]}, 90, ">=", "QĐ 1452/QĐ-TTg (> 90 %)"),
    ("vocational_home", "Người cai nghiện tại gia đình, cộng đồng được học nghề", "ratio",
     {"all": ["in_home_rehab", "vocational"]}, {"all": ["in_home_rehab"]}, 70, ">=", "QĐ 1452/QĐ-TTg (> 70 %)"),
    ("users_counselled", "Người sử dụng trái phép có hồ sơ được tư vấn, tiếp cận dịch vụ", "ratio",
     {"all": ["managed_users", "counselled"]}, {"all": ["managed_users"]}, 100, ">=", "QĐ 1393, Tiểu dự án 2 (100 %)"),
    ("relapse_rate", "Người sau cai có kết quả xét nghiệm dương tính (tái sử dụng)", "ratio",
     {"all": ["aftercare", "positive_test"]}, {"all": ["aftercare"]}, None, "", "Theo dõi: chưa có mục tiêu trong văn bản"),
    ("growth_addicted", "Mức tăng số người nghiện so với kỳ trước", "growth",
     {"all": ["addicted"]}, {}, 1, "<=", "NQ 163/2024/QH15 (< 1 %/năm; so sánh năm với năm)"),
    ("growth_users", "Mức tăng số người sử dụng trái phép so với kỳ trước", "growth",
     {"all": ["managed_users"]}, {}, 1, "<=", "NQ 163/2024/QH15 (< 1 %/năm; so sánh năm với năm)"),
    ("screened", "Số người được sàng lọc ASSIST", "count", {"all": ["screened"]}, {}, None, "", "Theo dõi"),
]


def forward(apps, schema_editor):
    Definition = apps.get_model("reports", "IndicatorDefinition")
    for order, (code, name, kind, numerator, denominator, target, direction, source) in enumerate(DEFINITIONS):
        Definition.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "numerator": numerator, "denominator": denominator,
                      "target": target, "direction": direction, "source": source, "order": order},
        )


def backward(apps, schema_editor):
    apps.get_model("reports", "IndicatorDefinition").objects.filter(code__in=[d[0] for d in DEFINITIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
