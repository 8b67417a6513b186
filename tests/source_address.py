"""HTTP from another loopback address (127.0.0.x): another client, as a server sees it."""

from __future__ import annotations

import requests


class FromAddress(requests.adapters.HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        return super().init_poolmanager(*args, **kwargs)


def browser_at(address: str) -> requests.Session:
    """A requests session whose connections come from `address`."""
    browser = requests.Session()
    browser.mount("http://", FromAddress(address))
    return browser
