"""Features of a typed answer for the answer model: words with their negation scope marked,
word pairs, character n-grams and the question it answers.

"nee, iedereen doet maar wat" and "iedereen doet mee" share the word "iedereen"; what tells them
apart is the "nee" and the words around it. Words inside the scope of a negation (after "niet",
"geen", "nooit", ... up to the end of the clause) get a `neg_` twin, and words after a contrast
("maar", "alleen", "behalve") an `post_` twin, so a linear model can weigh them differently.
"""

from __future__ import annotations

import re
import unicodedata
from typing import List, Sequence, Tuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

NEGATORS = frozenset(
    "niet geen nooit nee neen nope niks niets nergens niemand nauwelijks amper "
    "zelden nimmer noch".split()
)
CONTRASTS = frozenset("maar alleen echter behalve hoewel alhoewel ofschoon wel".split())
_CLAUSE_END = re.compile(r"[.,;:!?()\n]+|\s-\s")
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")
_EMOJI_HINTS = {
    "👍": " duim_op ",
    "👎": " duim_neer ",
    "🙂": " smiley ",
    "😀": " smiley ",
    "😅": " smiley ",
    "🤷": " schouders ",
    "😂": " lach ",
    "🙄": " zucht ",
}


def normalise(text: str) -> str:
    """Lower case, one kind of quote, no accents, emoji as words; punctuation kept for clauses."""
    for emoji, word in _EMOJI_HINTS.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("%", " procent ")
    return re.sub(r"\s+", " ", text).strip()


def marked_tokens(text: str) -> List[str]:
    """Words of the answer, with `neg_` and `post_` twins inside negation and contrast scope."""
    tokens: List[str] = []
    for clause in _CLAUSE_END.split(normalise(text)):
        negated = after_contrast = False
        for word in re.findall(r"[a-z0-9']+", clause):
            tokens.append(word)
            if negated:
                tokens.append("neg_" + word)
            if after_contrast:
                tokens.append("post_" + word)
            if word in NEGATORS:
                negated = True
            elif word in CONTRASTS:
                after_contrast, negated = True, False
    return tokens or ["<leeg>"]


def _char_text(text: str) -> str:
    return re.sub(r"[^a-z0-9' ]+", " ", normalise(text))


def _identity(tokens: List[str]) -> List[str]:
    return tokens


class AnswerFeaturizer:
    """Fits on (question id, text) pairs; transforms them into one sparse matrix."""

    def __init__(
        self,
        char_ngrams: Tuple[int, int] = (2, 5),
        word_ngrams: Tuple[int, int] = (1, 2),
        question_weight: float = 1.0,
    ) -> None:
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.question_weight = question_weight
        self.words = TfidfVectorizer(
            analyzer="word",
            tokenizer=_identity,
            preprocessor=_identity,
            token_pattern=None,
            lowercase=False,
            ngram_range=word_ngrams,
            sublinear_tf=True,
            min_df=1,
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=char_ngrams,
            sublinear_tf=True,
            min_df=2,
        )
        self.questions: List[str] = []

    def fit(self, items: Sequence[Tuple[str, str]]) -> AnswerFeaturizer:
        self.words.fit([marked_tokens(text) for _, text in items])
        self.chars.fit([_char_text(text) for _, text in items])
        self.questions = sorted({question for question, _ in items})
        return self

    def transform(self, items: Sequence[Tuple[str, str]]) -> sparse.csr_matrix:
        words = self.words.transform([marked_tokens(text) for _, text in items])
        chars = self.chars.transform([_char_text(text) for _, text in items])
        index = {q: i for i, q in enumerate(self.questions)}
        rows, cols = [], []
        for row, (question, _) in enumerate(items):
            if question in index:
                rows.append(row)
                cols.append(index[question])
        data = np.full(len(rows), self.question_weight)
        onehot = sparse.csr_matrix((data, (rows, cols)), shape=(len(items), len(self.questions)))
        return sparse.hstack([words, chars, onehot], format="csr")

    def fit_transform(self, items: Sequence[Tuple[str, str]]) -> sparse.csr_matrix:
        return self.fit(items).transform(items)
