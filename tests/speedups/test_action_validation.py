"""Rasa still rejects a malformed action server answer after the validation speed-up."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import channels  # noqa: F401  (installs the speed-ups, as credentials.yml does in the server)
from speedups import action_validation


@pytest.fixture
def action() -> RemoteAction:
    return RemoteAction("action_ask_statement", None)


def test_installed_when_rasa_imports_the_channels() -> None:
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


def test_a_normal_form_answer_is_accepted(action: RemoteAction) -> None:
    answer = {
        "events": [
            {"event": "slot", "timestamp": None, "name": "statement", "value": 3},
            {"event": "active_loop", "name": "scan_form"},
        ],
        "responses": [{"text": "Dank je.", "buttons": [{"title": "1", "payload": "/inform"}]}],
    }
    assert action._validate_action_result(answer) is True


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"event": "no_such_event"}]},
        {"events": "not a list"},
        {"responses": [["not", "an", "object"]]},
        {"events": [{"event": "slot"}]},  # a slot event without a name
    ],
)
def test_a_malformed_answer_is_rejected_with_rasas_hint(action: RemoteAction, answer: dict) -> None:
    with pytest.raises(ValidationError) as raised:
        action._validate_action_result(answer)
    assert "Failed to validate Action server response" in raised.value.message


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"event": "slot", "value": 1}]},
        {"responses": "x"},
    ],
)
def test_same_verdict_as_rasas_own_check(answer: dict) -> None:
    from jsonschema import validate

    with pytest.raises(ValidationError) as theirs:
        validate(answer, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as ours:
        action_validation.validate_action_result(RemoteAction("a", None), answer)
    assert ours.value.message.startswith(theirs.value.message)
