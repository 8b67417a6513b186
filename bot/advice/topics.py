"""Which component a free question is about, from the keyword lists in advice_topics.yml."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Optional

from pydantic import validator

from bot.content.loader import CONTENT_DIR, read_yaml
from bot.content.schema import COMPONENT_IDS, StrictModel
from bot.text import normalise


class AdviceTopics(StrictModel):
    topics: Dict[str, List[str]]

    @validator("topics")
    def known_components(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        if sorted(value) != sorted(COMPONENT_IDS):
            raise ValueError(f"need keywords for exactly the five components, got {sorted(value)}")
        return value


@lru_cache(maxsize=1)
def _keywords() -> Dict[str, frozenset]:
    topics = read_yaml(CONTENT_DIR / "advice_topics.yml", AdviceTopics).topics
    return {
        component: frozenset(normalise(w) for w in words) for component, words in topics.items()
    }


def detect_topic(text: str) -> Optional[str]:
    """The component the text is most clearly about, or None when unclear or tied."""
    words = set(normalise(text).replace("-", " ").split())
    hits = {component: len(words & keywords) for component, keywords in _keywords().items()}
    best = max(hits.values())
    winners = [component for component, count in hits.items() if count == best]
    return winners[0] if best > 0 and len(winners) == 1 else None
