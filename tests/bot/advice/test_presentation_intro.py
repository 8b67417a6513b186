"""The sentence before the advice reads as Dutch for one, two or three pathways."""

import pytest

from bot.advice.presentation import intro_sentence


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (1, "Dit is de stap die ik jullie aanraad."),
        (2, "Dit zijn de twee stappen die ik jullie aanraad."),
        (3, "Dit zijn de drie stappen die ik jullie aanraad."),
    ],
)
def test_intro_sentence(count, sentence):
    assert intro_sentence(count) == sentence
