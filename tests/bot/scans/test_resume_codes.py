import pytest

from bot.assessment import interview
from bot.db.session import session_scope
from bot.scans import resume_codes


def test_codes_are_long_readable_and_mixed():
    codes = {resume_codes.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 12 and not set(code) & set("01ILO")
        assert any(c.isdigit() for c in code) and any(c.isalpha() for c in code)


@pytest.mark.parametrize(
    "text,code",
    [
        ("mijn hervatcode is k7m2-qx4h-9tzp", "K7M2QX4H9TZP"),
        ("verder met code K7M2 QX4H 9TZP graag", "K7M2QX4H9TZP"),
        ("mijn oude code K7M2QX", None),  # six characters: from before codes got longer
        ("ik wil verder met het museum", None),  # "museum" is six letters, not a code
        ("verder met de scan", None),
    ],
)
def test_find_code_in_a_sentence(text, code):
    assert resume_codes.find_code(text) == code


def test_save_and_load_round_trip_and_one_code_per_conversation(database_url):
    state = interview.new_state()
    state["answers"]["organisation"] = {"value": "Museum Gouda", "text": "Museum Gouda"}
    with session_scope() as session:
        code = resume_codes.save(session, "conv-1", state)
    state["skipped"].append("sb_visie")
    with session_scope() as session:
        again = resume_codes.save(session, "conv-1", state)
        loaded = resume_codes.load(session, code.lower())
    assert again == code
    assert loaded["skipped"] == ["sb_visie"]
    assert loaded["answers"]["organisation"]["value"] == "Museum Gouda"


def test_unknown_code_loads_nothing(database_url):
    with session_scope() as session:
        assert resume_codes.load(session, "ZZ99ZZ") is None
