"""Rehab episodes: forms, the five stages and the episode state machine.

Sources: Luật 120/2025 Điều 29 (terms, five stages, full process), 30 (forms), 32 (voluntary at
home or in the community), 47.1 (prison interrupts; the rest is served after release); Luật
73/2021 Điều 29–31 (old terms and the three required stages of voluntary rehab).
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.machine import Machine


class RehabForm(models.TextChoices):
    VOLUNTARY_COMMUNITY = "voluntary_community", _("Tự nguyện tại gia đình, cộng đồng")
    VOLUNTARY_PUBLIC = "voluntary_public", _("Tự nguyện tại cơ sở cai nghiện công lập")
    VOLUNTARY_PRIVATE = "voluntary_private", _("Tự nguyện tại cơ sở cai nghiện tư nhân (toàn bộ quy trình)")
    VOLUNTARY_PRIVATE_PARTIAL = (
        "voluntary_private_partial",
        _("Tự nguyện tại cơ sở tư nhân một phần, tiếp tục tại gia đình, cộng đồng"),
    )
    COMPULSORY_ADULT = "compulsory_adult", _("Bắt buộc, người thành niên")
    COMPULSORY_MINOR = "compulsory_minor", _("Bắt buộc, người từ đủ 12 đến dưới 18 tuổi")


VOLUNTARY_FORMS = frozenset(
    {
        RehabForm.VOLUNTARY_COMMUNITY,
        RehabForm.VOLUNTARY_PUBLIC,
        RehabForm.VOLUNTARY_PRIVATE,
        RehabForm.VOLUNTARY_PRIVATE_PARTIAL,
    }
)

COMPULSORY_FORMS = frozenset({RehabForm.COMPULSORY_ADULT, RehabForm.COMPULSORY_MINOR})

STAGES = (
    (1, _("Tiếp nhận, phân loại")),
    (2, _("Điều trị cắt cơn, giải độc, điều trị rối loạn tâm thần và bệnh lý khác")),
    (3, _("Giáo dục, tư vấn, phục hồi hành vi, nhân cách")),
    (4, _("Lao động trị liệu, học nghề")),
    (5, _("Chuẩn bị tái hòa nhập cộng đồng")),
)


class EpisodeEvent(models.TextChoices):
    STAGE_DONE = "stage_done", _("Hoàn thành một giai đoạn")
    INTERRUPT = "interrupt", _("Tạm ngừng do chấp hành án phạt tù")
    RESUME = "resume", _("Tiếp tục cai nghiện sau khi chấp hành xong án")
    COMPLETE = "complete", _("Hoàn thành cai nghiện, cấp giấy chứng nhận")
    EXIT = "exit", _("Chấm dứt trước thời hạn")
    CONTINUE_AT_HOME = (
        "continue_home",
        _("Hoàn thành giai đoạn tại cơ sở tư nhân, tiếp tục tại gia đình, cộng đồng"),
    )
    ESCAPE = "escape", _("Bỏ trốn khỏi cơ sở, ra quyết định truy tìm")
    RETURN = "return", _("Trở lại cơ sở sau khi bỏ trốn")
    SUSPEND = "suspend", _("Tạm đình chỉ chấp hành, điều trị bệnh tại gia đình (thời gian được tính)")
    SUSPEND_END = "suspend_end", _("Hết tạm đình chỉ, trở lại cơ sở")
    TRANSFER = "transfer", _("Chuyển cơ sở cai nghiện")


class ExitReason(models.TextChoices):
    QUIT = "quit", _("Tự ý bỏ, không thực hiện cai nghiện")
    USED = "used", _("Sử dụng trái phép chất ma túy trong thời gian cai nghiện")
    REFUSED_MONITORING = "refused_monitoring", _("Từ chối giám sát bằng thiết bị điện tử")
    VIOLATIONS = "violations", _("Vi phạm đến lần thứ ba")
    DEATH = "death", _("Chết hoặc bị tuyên bố mất tích, đã chết")
    EXEMPTED = "exempted", _("Được miễn chấp hành phần thời gian còn lại (Điều 39)")


# Events that happen only in a facility serving a court order (Luật 120/2025 Điều 36.4, 39, 46.2.đ).
COMPULSORY_ONLY_EVENTS = frozenset(
    {
        EpisodeEvent.ESCAPE,
        EpisodeEvent.RETURN,
        EpisodeEvent.SUSPEND,
        EpisodeEvent.SUSPEND_END,
        EpisodeEvent.TRANSFER,
    }
)


class EpisodeState(StrEnum):
    IN_PROGRESS = "in_progress"
    INTERRUPTED = "interrupted"
    ESCAPED = "escaped"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    EXITED = "exited"


EPISODE_STATE_LABELS = {
    EpisodeState.IN_PROGRESS: _("Đang cai nghiện"),
    EpisodeState.INTERRUPTED: _("Tạm ngừng (chấp hành án)"),
    EpisodeState.ESCAPED: _("Bỏ trốn, đang truy tìm"),
    EpisodeState.SUSPENDED: _("Tạm đình chỉ chấp hành (điều trị bệnh)"),
    EpisodeState.COMPLETED: _("Đã hoàn thành"),
    EpisodeState.EXITED: _("Chấm dứt trước thời hạn"),
}

EPISODE_TRANSITIONS: dict[tuple[EpisodeState, EpisodeEvent], EpisodeState] = {
    (EpisodeState.IN_PROGRESS, EpisodeEvent.STAGE_DONE): EpisodeState.IN_PROGRESS,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.INTERRUPT): EpisodeState.INTERRUPTED,
    (EpisodeState.INTERRUPTED, EpisodeEvent.RESUME): EpisodeState.IN_PROGRESS,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.COMPLETE): EpisodeState.COMPLETED,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.EXIT): EpisodeState.EXITED,
    (EpisodeState.INTERRUPTED, EpisodeEvent.EXIT): EpisodeState.EXITED,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.CONTINUE_AT_HOME): EpisodeState.IN_PROGRESS,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.ESCAPE): EpisodeState.ESCAPED,
    (EpisodeState.ESCAPED, EpisodeEvent.RETURN): EpisodeState.IN_PROGRESS,
    (EpisodeState.ESCAPED, EpisodeEvent.EXIT): EpisodeState.EXITED,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.SUSPEND): EpisodeState.SUSPENDED,
    (EpisodeState.SUSPENDED, EpisodeEvent.SUSPEND_END): EpisodeState.IN_PROGRESS,
    (EpisodeState.SUSPENDED, EpisodeEvent.EXIT): EpisodeState.EXITED,
    (EpisodeState.IN_PROGRESS, EpisodeEvent.TRANSFER): EpisodeState.IN_PROGRESS,
}

OPEN_EPISODE_STATES = frozenset(
    {EpisodeState.IN_PROGRESS, EpisodeState.INTERRUPTED, EpisodeState.ESCAPED, EpisodeState.SUSPENDED}
)


EPISODE = Machine(EpisodeState.IN_PROGRESS, EPISODE_TRANSITIONS)
fold_episode = EPISODE.fold


def allowed_episode_moves(state: EpisodeState, form: str) -> list[EpisodeEvent]:
    """The moves the machine allows, narrowed to those that exist for this form of rehab."""
    moves = EPISODE.offered(state)
    if form not in COMPULSORY_FORMS:
        moves = [m for m in moves if m not in COMPULSORY_ONLY_EVENTS]
    if form != RehabForm.VOLUNTARY_PRIVATE_PARTIAL:
        moves = [m for m in moves if m != EpisodeEvent.CONTINUE_AT_HOME]
    return moves


class AftercareEvent(models.TextChoices):
    INTERRUPT = "interrupt", _("Tạm ngừng do chấp hành án phạt tù")
    RESUME = "resume", _("Tiếp tục quản lý sau khi chấp hành xong án")
    COMPLETE = "complete", _("Chấp hành xong, cấp giấy chứng nhận (Mẫu 54)")
    END = "end", _("Đưa ra khỏi danh sách trước thời hạn")


class AftercareEndReason(models.TextChoices):
    """Luật 120/2025 Điều 48.4."""

    ADDICTED = "addicted", _("Được xác định là nghiện ma túy (tái nghiện)")
    DETAINED = "detained", _("Chấp hành án phạt tù, đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc")
    DEATH = "death", _("Chết hoặc bị tuyên bố mất tích, đã chết")


class AftercareState(StrEnum):
    ACTIVE = "active"
    INTERRUPTED = "interrupted"
    COMPLETED = "completed"
    ENDED = "ended"


AFTERCARE_STATE_LABELS = {
    AftercareState.ACTIVE: _("Đang quản lý sau cai nghiện"),
    AftercareState.INTERRUPTED: _("Tạm ngừng (chấp hành án)"),
    AftercareState.COMPLETED: _("Đã chấp hành xong"),
    AftercareState.ENDED: _("Đã đưa ra khỏi danh sách"),
}

OPEN_AFTERCARE_STATES = frozenset({AftercareState.ACTIVE, AftercareState.INTERRUPTED})

AFTERCARE_TRANSITIONS: dict[tuple[AftercareState, AftercareEvent], AftercareState] = {
    (AftercareState.ACTIVE, AftercareEvent.INTERRUPT): AftercareState.INTERRUPTED,
    (AftercareState.INTERRUPTED, AftercareEvent.RESUME): AftercareState.ACTIVE,
    (AftercareState.ACTIVE, AftercareEvent.COMPLETE): AftercareState.COMPLETED,
    (AftercareState.ACTIVE, AftercareEvent.END): AftercareState.ENDED,
    (AftercareState.INTERRUPTED, AftercareEvent.END): AftercareState.ENDED,
}


AFTERCARE = Machine(AftercareState.ACTIVE, AFTERCARE_TRANSITIONS)
fold_aftercare = AFTERCARE.fold
allowed_aftercare_moves = AFTERCARE.offered


class SubstitutionEvent(models.TextChoices):
    COMPLETE = "complete", _("Hoàn thành điều trị nghiện bằng thuốc thay thế")
    QUIT = "quit", _("Tự ý chấm dứt điều trị")
    EXPEL = "expel", _("Bị chấm dứt điều trị do vi phạm")


class SubstitutionState(StrEnum):
    ON_TREATMENT = "on_treatment"
    COMPLETED = "completed"
    QUIT = "quit"
    EXPELLED = "expelled"


SUBSTITUTION_STATE_LABELS = {
    SubstitutionState.ON_TREATMENT: _("Đang điều trị"),
    SubstitutionState.COMPLETED: _("Đã hoàn thành"),
    SubstitutionState.QUIT: _("Tự ý chấm dứt"),
    SubstitutionState.EXPELLED: _("Bị chấm dứt do vi phạm"),
}

# Quitting or expulsion is a ground for compulsory rehab (Luật 120/2025 Điều 35.1.c, 36.1.c);
# completion leads to one year of post-rehab management (Điều 42.1).
SUBSTITUTION = Machine(
    SubstitutionState.ON_TREATMENT,
    {
        (SubstitutionState.ON_TREATMENT, SubstitutionEvent.COMPLETE): SubstitutionState.COMPLETED,
        (SubstitutionState.ON_TREATMENT, SubstitutionEvent.QUIT): SubstitutionState.QUIT,
        (SubstitutionState.ON_TREATMENT, SubstitutionEvent.EXPEL): SubstitutionState.EXPELLED,
    },
)
fold_substitution = SUBSTITUTION.fold
