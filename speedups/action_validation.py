"""Check action server answers against Rasa's schema without re-checking the schema each time.

Rasa 3.6 validates every action server response with `jsonschema.validate(result, schema)`.
That call first validates the *schema itself* against the JSON Schema 2020-12 meta-schema,
which is slow (21.5 ms per call on this machine, 0.7 ms with the validator built once) and
happens for every custom action call: a form turn makes two or three. Profiling the DEN
assistant showed over half of the Rasa server's CPU time there (docs/performance.md).

The fix keeps the validation and its errors exactly as they are: the schema is checked once,
the validator is built once, and each response is validated against it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Same contract as `RemoteAction._validate_action_result`: True or a ValidationError."""
    error = exceptions.best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
