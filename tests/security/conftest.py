"""Attacks against the running servers (scripts/test.sh starts them); each must fail while the
legitimate user still gets through. docs/security.md lists what each test stands for."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import chat  # noqa: F401  (the fixture)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/security/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
