"""WHO ASSIST v3.0 scoring against hand-worked examples, each band and each skip path."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.prevention import assist


def answers(used: dict[str, dict[str, str]], q8: str | None = "no", pattern: str | None = None) -> dict:
    """Answers where ``used`` maps a substance to its answers for Q2–Q7 (those asked)."""
    data: dict = {"q1": {s: s in used for s in assist.CODES}}
    for question in ("q2", "q3", "q4", "q5", "q6", "q7"):
        data[question] = {s: a[question] for s, a in used.items() if question in a}
    if used:
        data["q8"] = q8
    if pattern:
        data["q8_pattern"] = pattern
    return data


def full(q2, q3, q4, q5, q6, q7):
    return {"q2": q2, "q3": q3, "q4": q4, "q5": q5, "q6": q6, "q7": q7}


@pytest.mark.parametrize(
    ("substance", "given_answers", "expected_score", "band", "action"),
    [
        # Alcohol: weekly 4 + urge monthly 4 + problems once or twice 4 + 0 + concern long ago 3 + 0.
        ("b", full("weekly", "monthly", "once_twice", "never", "past", "no"), 15, "moderate", "brief"),
        # Alcohol at the top of low: weekly 4 + failed monthly 6 = 10.
        ("b", full("weekly", "never", "never", "monthly", "no", "no"), 10, "low", "advice"),
        # One more point is moderate for alcohol: weekly 4 + failed weekly 7 = 11.
        ("b", full("weekly", "never", "never", "weekly", "no", "no"), 11, "moderate", "brief"),
        # Amphetamine-type stimulants, everything daily and recent: 6+6+7+8+6+6 = 39, the maximum.
        ("e", full("daily", "daily", "daily", "daily", "recent", "recent"), 39, "high", "brief_referral"),
        # Opioids at the start of high: daily 6 + daily 6 + weekly 6 + monthly 6 + no 0 + past 3 = 27.
        ("i", full("daily", "daily", "weekly", "monthly", "no", "past"), 27, "high", "brief_referral"),
        # Cannabis at the top of moderate: daily 6 + daily 6 + daily 7 + weekly 7 = 26.
        ("c", full("daily", "daily", "daily", "weekly", "no", "no"), 26, "moderate", "brief"),
        # Cannabis once or twice and nothing else: 2, low; with an urge once or twice (3) it is 5, moderate.
        ("c", full("once_twice", "never", "never", "never", "no", "no"), 2, "low", "advice"),
        ("c", full("once_twice", "once_twice", "never", "never", "no", "no"), 5, "moderate", "brief"),
        ("c", full("weekly", "weekly", "weekly", "weekly", "no", "past"), 25, "moderate", "brief"),
    ],
)
def test_hand_worked_scores_and_bands(substance, given_answers, expected_score, band, action):
    data = answers({substance: given_answers})
    assert assist.problems(data) == []
    (result,) = assist.score(data).values()
    assert (result.score, result.band, result.action) == (expected_score, band, action)


def test_tobacco_is_not_asked_q5_and_its_band_starts_at_4():
    low = {"q2": "monthly", "q3": "never", "q4": "never", "q6": "no", "q7": "no"}  # 3
    moderate = {**low, "q2": "weekly"}  # 4
    assert assist.score(answers({"a": low}))["a"].band == "low"
    assert assist.score(answers({"a": moderate}))["a"].band == "moderate"
    with_q5 = answers({"a": {**low, "q5": "never"}})
    assert assist.problems(with_q5) == ["q5"]


def test_used_but_not_in_the_past_three_months_skips_q3_to_q5():
    data = answers({"c": {"q2": "never", "q6": "past", "q7": "no"}})
    assert assist.problems(data) == []
    assert assist.score(data)["c"].score == 3
    asked_anyway = answers({"c": {"q2": "never", "q3": "monthly", "q6": "past", "q7": "no"}})
    assert assist.problems(asked_anyway) == ["q3"]


def test_never_used_anything_stops_after_q1():
    data = answers({})
    assert assist.problems(data) == [] and assist.score(data) == {}
    assert assist.problems({**data, "q8": "no"}) == ["q8"]


def test_missing_answers_and_unknown_options_are_problems():
    data = answers({"b": full("weekly", "monthly", "once_twice", "never", "past", "no")})
    del data["q4"]["b"]
    assert assist.problems(data) == ["q4"]
    data = answers({"b": full("weekly", "monthly", "often", "never", "past", "no")})
    assert assist.problems(data) == ["q4"]
    assert "q1" in assist.problems({"q1": {"a": True}})


def test_recent_injecting_needs_its_pattern_and_sets_the_action():
    used = {"i": full("daily", "daily", "daily", "daily", "recent", "recent")}
    assert assist.problems(answers(used, q8="recent")) == ["q8_pattern"]
    frequent = answers(used, q8="recent", pattern="frequent")
    assert assist.problems(frequent) == [] and assist.injecting_action(frequent) == "intensive"
    assert assist.injecting_action(answers(used, q8="recent", pattern="infrequent")) == "injecting_brief"
    assert assist.injecting_action(answers(used, q8="past")) == ""
    assert assist.problems(answers(used, q8="past", pattern="frequent")) == ["q8_pattern"]


FREQ = [v for v, _label in assist.FREQUENCY]
EVER = [v for v, _label in assist.EVER]


@st.composite
def valid_answers(draw):
    used = {}
    for substance in draw(st.sets(st.sampled_from(assist.CODES))):
        q2 = draw(st.sampled_from(FREQ))
        one = {"q2": q2, "q6": draw(st.sampled_from(EVER)), "q7": draw(st.sampled_from(EVER))}
        if q2 != "never":
            one |= {"q3": draw(st.sampled_from(FREQ)), "q4": draw(st.sampled_from(FREQ))}
            if substance != assist.TOBACCO:
                one["q5"] = draw(st.sampled_from(FREQ))
        used[substance] = one
    q8 = draw(st.sampled_from(EVER))
    pattern = draw(st.sampled_from(["frequent", "infrequent"])) if q8 == "recent" and used else None
    return answers(used, q8=q8, pattern=pattern)


@given(valid_answers())
def test_any_complete_answers_score_within_the_instruments_range(data):
    assert assist.problems(data) == []
    for substance, result in assist.score(data).items():
        assert 0 <= result.score <= (31 if substance == assist.TOBACCO else 39)
        moderate, high = assist.BANDS.get(substance, assist.DEFAULT_BANDS)
        assert (result.band == "high") == (result.score >= high)
        assert (result.band == "low") == (result.score < moderate)
