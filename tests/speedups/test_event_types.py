"""Stored events still come back as the right kind after the event-type lookup speed-up."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)

import channels  # noqa: F401  (installs the speed-ups, as credentials.yml does in the server)
from speedups import event_types


def test_installed_when_rasa_imports_the_channels() -> None:
    assert Event.resolve_by_type is event_types.resolve_by_type


def test_a_stored_conversation_reads_back_the_same() -> None:
    stored = [
        UserUttered("deels", {"name": "inform", "confidence": 0.9}),
        ActionExecuted("scan_form"),
        SlotSet("statement", 3),
        ActiveLoop("scan_form"),
        BotUttered("Dank je."),
    ]
    for _ in range(2):  # the second read uses the remembered classes
        read = [Event.from_parameters(event.as_dict()) for event in stored]
        assert read == stored
        assert [type(e) for e in read] == [type(e) for e in stored]


def test_unknown_names_keep_rasas_default_and_error() -> None:
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("slot", default=BotUttered) is SlotSet
