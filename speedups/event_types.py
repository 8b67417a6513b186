"""Look up an event class by its type name once, not on every stored event.

`Event.resolve_by_type("slot")` walks the whole tree of Event subclasses each time. Rasa calls
it for every event it reads back from the tracker store, so a long conversation pays it
hundreds of times per message. Found classes are remembered per name; names Rasa does not know
still go through Rasa's own lookup, with its default and its error.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

from rasa.shared.core.events import Event

_rasa_resolve_by_type = Event.resolve_by_type
_found: Dict[str, Type[Event]] = {}


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Same contract as `Event.resolve_by_type`."""
    known = _found.get(type_name)
    if known is not None:
        return known
    resolved = _rasa_resolve_by_type(type_name, default)
    if resolved is not None and resolved is not default:  # a real match, not the fall-back
        _found[type_name] = resolved
    return resolved


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
