"""Map a free Dutch answer onto the 1-5 scale of a statement.

The result says how sure it is: a clear phrase or number is taken as is; conflicting or weak
signals give a best guess that the dialogue checks with the user; no signal at all means the
answer was not understood. Nothing here guesses silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.content.answer_schema import AnswerPhrases
from bot.content.loader import CONTENT_DIR, read_yaml
from bot.text import edit_distance


class Certainty(str, Enum):
    SURE = "sure"  # take the value
    UNSURE = "unsure"  # offer the value back for confirmation
    NONE = "none"  # not understood


@dataclass(frozen=True)
class Interpretation:
    value: Optional[int]  # 1-5; None with UNKNOWN or not understood
    certainty: Certainty
    unknown: bool = False  # the user said they do not know

    @property
    def understood(self) -> bool:
        return self.certainty is not Certainty.NONE


NOT_UNDERSTOOD = Interpretation(value=None, certainty=Certainty.NONE)
UNKNOWN = Interpretation(value=None, certainty=Certainty.SURE, unknown=True)

_FRACTION = re.compile(r"(?<![\d.,])([1-5])\s*(?:/|van de|van|op|uit)\s*5(?![\d.,])")
_DIGIT = re.compile(r"(?<![\d.,/])([1-5])(?![\d.,%/])")
_OTHER_NUMBER = re.compile(r"\d")
_CONTRAST = re.compile(r"\b(?:maar|alleen|echter|behalve)\b")
_MAX_WORDS_FOR_NUMBER_WORDS = 6


def normalise(text: str) -> str:
    """Lower-case, unify quotes and accents that users type inconsistently, drop punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("é", "e").replace("ë", "e").replace("ï", "i")
    text = text.replace("%", " procent ")
    text = re.sub(r"[^\w\s/%']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class _Lexicon:
    unknown: Tuple[Tuple[str, ...], ...]
    unknown_patterns: Tuple[re.Pattern, ...]
    hedges: Tuple[Tuple[str, ...], ...]
    intensifiers: Tuple[Tuple[str, ...], ...]
    phrases: Tuple[Tuple[Tuple[str, ...], int, bool], ...]  # (words, value, weak), longest first
    number_words: Dict[str, int]
    vocabulary: Tuple[str, ...]


def _word_tuples(phrases: List[str]) -> Tuple[Tuple[str, ...], ...]:
    return tuple(sorted((tuple(normalise(p).split()) for p in phrases), key=len, reverse=True))


@lru_cache(maxsize=4)
def _lexicon(path: Path = CONTENT_DIR / "answer_phrases.yml") -> _Lexicon:
    data = read_yaml(path, AnswerPhrases)
    phrases = []
    for value, group in data.values.items():
        phrases += [(tuple(normalise(p).split()), value, False) for p in group.strong]
        phrases += [(tuple(normalise(p).split()), value, True) for p in group.weak]
    phrases.sort(key=lambda item: -len(item[0]))
    unknown = _word_tuples(data.unknown)
    hedges = _word_tuples(data.hedges)
    intensifiers = _word_tuples(data.intensifiers)
    numbers = {normalise(w): n for w, n in data.number_words.items()}
    vocabulary = {w for words, _, _ in phrases for w in words} | set(numbers)
    for group in (unknown, hedges, intensifiers):
        vocabulary |= {w for words in group for w in words}
    return _Lexicon(
        unknown=unknown,
        unknown_patterns=tuple(re.compile(p) for p in data.unknown_patterns),
        hedges=hedges,
        intensifiers=intensifiers,
        phrases=tuple(phrases),
        number_words=numbers,
        vocabulary=tuple(sorted(vocabulary)),
    )


def _correct_typos(words: List[str], vocabulary: Tuple[str, ...]) -> List[str]:
    """Replace a word of 4+ letters that is one slip away from a lexicon word.

    Words of the same length win ties ("neit" is "niet", not "net"), and longer words may be two
    slips away. Short words are left alone: too many real words are one letter apart.
    """
    known = set(vocabulary)
    corrected = []
    for word in words:
        if len(word) < 4 or word in known or not word.isalpha():
            corrected.append(word)
            continue
        allowed = 2 if len(word) >= 9 else 1
        candidates = [
            (distance, abs(len(c) - len(word)), c)
            for c in vocabulary
            if abs(len(c) - len(word)) <= allowed
            and (distance := edit_distance(word, c)) <= allowed
        ]
        corrected.append(min(candidates)[2] if candidates else word)
    return corrected


def _find(words: List[str], phrase: Tuple[str, ...]) -> int:
    for start in range(len(words) - len(phrase) + 1):
        if tuple(words[start : start + len(phrase)]) == phrase:
            return start
    return -1


def _number(text: str, words: List[str], lexicon: _Lexicon) -> Optional[int]:
    fraction = _FRACTION.findall(text)
    if fraction:
        return int(fraction[0])
    digits = set(_DIGIT.findall(text))
    if len(digits) == 1 and not _OTHER_NUMBER.search(_DIGIT.sub("", text)):
        return int(digits.pop())
    if len(words) <= _MAX_WORDS_FOR_NUMBER_WORDS:
        found = {lexicon.number_words[w] for w in words if w in lexicon.number_words}
        ones = {"een", "eentje"}
        # "een" is also the article: it only counts as 1 when it stands alone.
        if found == {1} and not (len(words) == 1 or "eentje" in words):
            return None
        if len(found - {1}) == 1:
            return (found - {1}).pop()
        if len(found) == 1 and set(words) & ones:
            return found.pop()
    return None


def interpret_answer(text: str) -> Interpretation:
    """Interpret one free-text answer to a 1-5 statement."""
    lexicon = _lexicon()
    plain = normalise(text)
    if not plain:
        return NOT_UNDERSTOOD
    words = _correct_typos(plain.split(), lexicon.vocabulary)
    corrected = " ".join(words)

    if any(_find(words, phrase) >= 0 for phrase in lexicon.unknown) or any(
        pattern.search(corrected) for pattern in lexicon.unknown_patterns
    ):
        return UNKNOWN
    number = _number(corrected, words, lexicon)
    if number is not None:
        return Interpretation(value=number, certainty=Certainty.SURE)

    contrast_at = _contrast_position(words)
    remaining = list(words)
    for hedge in lexicon.hedges:
        _consume(remaining, hedge)
    hits: List[Tuple[int, bool, bool]] = []  # (value, weak, after a contrast word)
    for phrase, value, weak in lexicon.phrases:
        for start in _consume(remaining, phrase):
            hits.append((value, weak, contrast_at is not None and start > contrast_at))
    if not hits and any(_consume(remaining, word) for word in lexicon.intensifiers):
        return Interpretation(value=5, certainty=Certainty.SURE)  # "helemaal!"
    return _decide(hits)


def _consume(words: List[str], phrase: Tuple[str, ...]) -> List[int]:
    """Find every occurrence of the phrase, blank it out so shorter phrases skip it."""
    starts = []
    while (start := _find(words, phrase)) >= 0:
        starts.append(start)
        words[start : start + len(phrase)] = ["\0"] * len(phrase)
    return starts


def _contrast_position(words: List[str]) -> Optional[int]:
    for index, word in enumerate(words):
        if _CONTRAST.fullmatch(word) and index > 0:
            return index
    return None


def _decide(hits: List[Tuple[int, bool, bool]]) -> Interpretation:
    if not hits:
        return NOT_UNDERSTOOD
    strong = [h for h in hits if not h[1]]
    considered = strong or hits
    # "goed geregeld, maar nog niet overal": both halves count, and the answer is a guess to check.
    if any(h[2] for h in considered) and not all(h[2] for h in considered):
        average = sum(value for value, _, _ in considered) / len(considered)
        return Interpretation(value=int(average + 0.5), certainty=Certainty.UNSURE)
    values = sorted({value for value, _, _ in considered})
    if len(values) == 1:
        certainty = Certainty.SURE if strong else Certainty.UNSURE
        return Interpretation(value=values[0], certainty=certainty)
    average = sum(value for value, _, _ in considered) / len(considered)
    return Interpretation(value=int(average + 0.5), certainty=Certainty.UNSURE)
