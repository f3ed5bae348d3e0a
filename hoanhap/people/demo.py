"""Synthetic people for the demo: common Vietnamese name parts combined at random, personal IDs in the
real format.
None of them is a real person; the UI says so on every page."""

import datetime as dt
import random
import uuid

from simple_history.utils import bulk_create_with_history

from hoanhap.accounts.models import User
from hoanhap.geo.models import Commune, Hamlet
from hoanhap.lib import crypto
from hoanhap.lib.vntext import search_key
from hoanhap.people.duplicates import id_index
from hoanhap.people.models import Education, Person, PersonAlias, Route, StableResidence, Substance

BIRTH_CODES = {"40": "040", "66": "066"}
# Surnames with rough national frequencies (per cent), so that the demo reads like a real list.
SURNAMES = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 5, "Phan": 4, "Vũ": 4, "Võ": 4,
    "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Hồ": 2, "Ngô": 2, "Dương": 1, "Lý": 1, "Đinh": 1, "Cao": 1,
    "Thái": 1, "Hà": 1,
}  # fmt: skip
MIDDLE = {
    "male": ["Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Đình", "Xuân", "Thanh", "Bá"],
    "female": ["Thị", "Ngọc", "Thu", "Thanh", "Hồng"],
}
GIVEN = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hiếu",
        "Hùng",
        "Huy",
        "Khánh",
        "Long",
        "Mạnh",
        "Nam",
        "Phong",
        "Phúc",
        "Quân",
        "Sơn",
        "Tài",
        "Thắng",
        "Toàn",
        "Trung",
        "Tú",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    "female": [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
    ],
}


def fake_national_id(rng: random.Random, *, province_code: str, birth_year: int, sex: str) -> str:
    century = (birth_year // 100 - 19) * 2 + (1 if sex == "female" else 0)
    return f"{BIRTH_CODES.get(province_code, '001')}{century}{birth_year % 100:02d}{rng.randrange(10**6):06d}"


def seed_hamlets(commune: Commune, kind: str, count: int, creator: User) -> list[Hamlet]:
    hamlets = []
    for n in range(1, count + 1):
        name = f"{n}"
        hamlet, _ = Hamlet.objects.get_or_create(
            commune=commune,
            search_name=search_key(name),
            retired_on=None,
            defaults={"kind": kind, "name": name, "created_by": creator},
        )
        hamlets.append(hamlet)
    return hamlets


def seed_people(commune: Commune, hamlets: list[Hamlet], creator: User, *, count: int, seed: int) -> int:
    """Create ``count`` people unless this commune already has demo people (idempotent)."""
    if Person.objects.filter(commune=commune, created_by__is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    people = [_person(rng, commune, hamlets, creator) for _ in range(count)]
    bulk_create_with_history(people, Person, default_user=creator)
    for person in rng.sample(people, k=max(1, count // 6)):
        alias = rng.choice(["Tý", "Tèo", "Bin", "Cu", "Hải còi", "Tùng béo"])
        PersonAlias.objects.create(person=person, name=alias, search_name=search_key(alias))
    _near_duplicate(rng, people[0], creator)
    return count + 1


def _person(rng: random.Random, commune: Commune, hamlets: list[Hamlet], creator: User) -> Person:
    sex = rng.choice(["male"] * 9 + ["female"])
    full_name = f"{_surname(rng)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
    born = dt.date(rng.randint(1970, 2009), rng.randint(1, 12), rng.randint(1, 28))
    number = (
        ""
        if rng.random() < 0.1
        else fake_national_id(rng, province_code=commune.province_id, birth_year=born.year, sex=sex)
    )
    hamlet = rng.choice(hamlets)
    first_use = born + dt.timedelta(days=rng.randint(14 * 365, 20 * 365))
    return Person(
        full_name=full_name,
        search_name=search_key(full_name),
        birth_date=born,
        birth_year=born.year,
        sex=sex,
        national_id_encrypted=crypto.encrypt(number),
        national_id_index=id_index(number),
        education=rng.choice(Education.values),
        occupation=rng.choice(
            ["Lao động tự do", "Làm nông", "Thợ xây", "Lái xe", "Học sinh", "Không nghề nghiệp"]
        ),
        province_id=commune.province_id,
        commune=commune,
        hamlet=hamlet,
        current_address=f"{hamlet}, {commune.name}",
        permanent_address=f"{hamlet}, {commune.name}",
        stable_residence=rng.choice([StableResidence.PERMANENT] * 4 + [StableResidence.CONFIRMED_30_DAYS]),
        father_name=f"{full_name.split()[0]} {rng.choice(MIDDLE['male'])} {rng.choice(GIVEN['male'])}",
        mother_name=f"{_surname(rng)} Thị {rng.choice(GIVEN['female'])}",
        phone=f"09{rng.randrange(10**8):08d}",
        substances=rng.sample(
            [Substance.HEROIN, Substance.ATS, Substance.CANNABIS, Substance.KETAMINE], k=rng.randint(1, 2)
        ),
        route=rng.choice(Route.values),
        frequency=rng.choice(["Hằng ngày", "2–3 lần/tuần", "Thỉnh thoảng"]),
        first_use_on=min(first_use, dt.date(2025, 12, 31)),
        has_drug_violation_record=rng.random() < 0.4,
        has_psychosis=rng.random() < 0.1,
        prior_rehab_count=rng.choice([0, 0, 0, 1, 1, 2]),
        created_by=creator,
    )


def _surname(rng: random.Random) -> str:
    return rng.choices(list(SURNAMES), weights=list(SURNAMES.values()))[0]


def _near_duplicate(rng: random.Random, original: Person, creator: User) -> None:
    """The same person typed again without accents and without an ID: the duplicate review finds it."""
    twin = Person.objects.get(pk=original.pk)
    twin.pk, twin.id, twin.uuid = None, None, uuid.uuid4()
    twin.full_name = search_key(original.full_name).title()
    twin.search_name = search_key(twin.full_name)
    twin.national_id_encrypted, twin.national_id_index = "", ""
    twin.phone = f"08{rng.randrange(10**8):08d}"
    twin.save()
