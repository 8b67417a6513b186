"""Fixes for two hot spots of Rasa 3.6 found by profiling; behaviour stays exactly the same.

A profile of the Rasa server during the benchmark's scan conversations (`make profile`,
docs/performance.md) showed most of its CPU time in two places that do the same work again
and again:

- `action_validation`: every action server answer is checked against a JSON schema, and the
  schema itself is re-checked against the JSON Schema meta-schema each time (57% of CPU);
- `event_types`: every stored event read back from the tracker store looks up its class by
  walking all Event subclasses (8% of CPU).

`install()` is called when Rasa imports our channels (credentials.yml names them), so every
Rasa server process has it; nothing else needs to import this package. Remove it when Rasa is
upgraded past these spots; tests/speedups checks that the verdicts are Rasa's own.
"""

from __future__ import annotations

from speedups import action_validation, event_types


def install() -> None:
    action_validation.install()
    event_types.install()
