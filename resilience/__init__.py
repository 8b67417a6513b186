"""Rasa add-ons of the production profile: answer "even geduld" instead of nothing or nonsense
when storage or an action server is briefly unavailable (see channels.py, tracker_store.py)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Optional

# The same sentence is in deploy/nginx/den.conf.template (for when no Rasa process answers).
EVEN_GEDULD = (
    "Even geduld: de assistent is nu niet bereikbaar. Probeer het zo nog eens. "
    "Je gesprek blijft bewaard."
)


# Whether the conversation of the message being handled was paused (handed over to an advisor)
# when its tracker was read: then no answer is the intended answer. None: not known (another
# tracker store than GuardedSQLTrackerStore), and then an empty answer is left alone.
CONVERSATION_PAUSED: ContextVar[Optional[bool]] = ContextVar("conversation_paused", default=None)


class StorageUnavailable(BaseException):
    """The tracker store cannot be read or written.

    A BaseException on purpose: Rasa wraps every tracker store in a FailSafeTrackerStore that
    catches any Exception and carries on with an empty in-memory conversation, so the user would
    get an answer out of context ("Sorry, daar kan ik nu niets mee") and the turn would be lost.
    Like asyncio.CancelledError this passes Rasa's `except Exception` blocks (its `finally`
    blocks still run, so the conversation lock is released) up to the guarded channels, which
    answer EVEN_GEDULD.
    """


def describe(exc: BaseException) -> str:
    """Error kinds only (e.g. "OperationalError <- psycopg2.OperationalError"), never the text:
    database errors carry SQL parameters, which may hold what the user typed."""
    if isinstance(exc, StorageUnavailable) and exc.args:
        return f"StorageUnavailable: {exc.args[0]}"  # already only kinds (tracker_store.py)
    kinds = [type(exc).__name__]
    inner = getattr(exc, "orig", None) or exc.__cause__
    if inner is not None and inner is not exc:
        kinds.append(f"{type(inner).__module__}.{type(inner).__name__}")
    return " <- ".join(kinds)
