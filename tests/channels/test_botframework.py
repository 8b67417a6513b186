"""Teams (Bot Framework) tokens are checked in full: a token signed by the right key but for
another audience, issuer or service is refused."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from channels.botframework import ISSUER, BotFrameworkInput

SERVICE = "https://smba.trafficmanager.net/emea/"


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture()
def channel(key):
    channel = BotFrameworkInput("our-app-id", "secret")
    public = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    channel.jwt_keys = {"k1": {**public, "kid": "k1"}}
    return channel


def token(key, **claims):
    body = {
        "aud": "our-app-id",
        "iss": ISSUER,
        "exp": int(time.time()) + 300,
        "serviceurl": SERVICE,
        **claims,
    }
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def test_a_token_for_us_from_microsoft_for_this_service_is_accepted(channel, key):
    assert channel.token_is_valid(token(key), SERVICE)


@pytest.mark.parametrize(
    "claims, service",
    [
        ({"aud": "another-bot"}, SERVICE),
        ({"iss": "https://evil.example"}, SERVICE),
        ({"exp": int(time.time()) - 10}, SERVICE),
        ({}, "https://evil.example/"),  # replayed towards another conversation service
        ({"serviceurl": None}, SERVICE),
        ({}, None),
    ],
)
def test_a_token_for_anything_else_is_refused(channel, key, claims, service):
    assert not channel.token_is_valid(token(key, **claims), service)


def test_a_token_signed_by_another_key_is_refused(channel):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert not channel.token_is_valid(token(other), SERVICE)
    assert not channel.token_is_valid("not a token", SERVICE)


def test_the_configured_channel_builds_its_routes_without_calling_microsoft(channel):
    async def ignore(_message):
        return None

    blueprint = channel.blueprint(ignore)
    assert blueprint.name == "botframework_webhook"
    assert blueprint._future_middleware  # the full token check runs before Rasa's route
