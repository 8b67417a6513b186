"""Team codes and the team settings file."""

from __future__ import annotations

import re

import pytest

from bot.content.loader import ContentError
from bot.team import codes
from bot.team.config import TEAM_FILE, load_team_settings


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TEAM-7K3M-9QAB-X4TZ", "7K3M9QABX4TZ"),
        ("ik heb teamcode team-7k3m-9qab-x4tz gekregen", "7K3M9QABX4TZ"),
        ("teamcode: TEAM-7K3M-9QAB-X4TZ", "7K3M9QABX4TZ"),
        ("mijn teamcode is 7K3M-9QAB-X4TZ", "7K3M9QABX4TZ"),
        ("team 7K3M-9QAB-X4TZ", "7K3M9QABX4TZ"),
        ("verder met de scan, code 7K3M-9QAB-X4TZ", None),  # a resume code, not a team code
        ("ik wil een teamscan starten", None),
        ("TEAM-ABCDEF", None),  # letters only: never a code
    ],
)
def test_find_team_code(text, expected):
    assert codes.find_team_code(text) == expected


def test_find_any_code_falls_back_to_a_bare_code():
    assert codes.find_any_code("de code is 4hk8-wpab-x4tz") == "4HK8WPABX4TZ"
    assert codes.find_any_code("geen code hier") is None


def test_new_codes_are_readable_and_shown_with_the_prefix():
    for _ in range(50):
        code = codes.new_code()
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{12}", code)
        assert codes.find_team_code(codes.display(code)) == code


def test_the_packaged_settings_load():
    settings = load_team_settings()
    assert settings.min_respondents == 3
    assert settings.group_of("programmering").id == "publiek_programma"
    assert settings.group_of(None) is None


def _broken(tmp_path, old, new):
    path = tmp_path / "team.yml"
    text = TEAM_FILE.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("roles: [directie_mt]", "roles: [directeur]", "unknown roles: directeur"),
        ("roles: [vrijwilliger, overig]", "roles: [vrijwilliger]", "roles without a role group"),
        ("roles: [directie_mt]", "roles: [directie_mt, collectie]", "'collectie' is in both"),
        ("min_respondents: 3", "min_respondents: 1", "min_respondents"),
    ],
)
def test_a_broken_settings_file_is_rejected_naming_file_and_field(tmp_path, old, new, message):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ContentError) as error:
        load_team_settings(path)
    assert str(path) in str(error.value) and message in str(error.value)
