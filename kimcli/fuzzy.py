"""Text matching that forgives: case and umlaut folding, edit distance, suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_SPECIAL = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l",
                          "đ": "d", "ı": "i"})
TOKEN_RE = re.compile(r"[\w§]+")


_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return _COMBINING_RE.sub("", text).casefold().translate(_SPECIAL)


_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return _slow_fold(char)


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """fold_text for the short strings folded again and again (ids, names, words)."""
    return fold_text(text)


def fold_text(text: str) -> str:
    """Lower-case, strip accents, ß→ss and ae/oe/ue→a/o/u, so ü = ue = u.

    Idempotent: fold(fold(x)) == fold(x)."""
    text = text.casefold()
    if not text.isascii():
        # Character by character: combining marks fold to nothing, so ü and u+◌̈ agree.
        text = _NON_ASCII_RE.sub(_fold_match, text)
    # "uee" -> "ue" -> "u": repeat until nothing changes, so folding is idempotent.
    while "ae" in text or "oe" in text or "ue" in text:
        text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return text


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(fold(text))


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts 1), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_limit_of(word: str) -> int:
    """How many typos a query word may have: none in short words and numbers."""
    return 0 if len(word) <= 3 or word.isdigit() else (1 if len(word) <= 7 else 2)


def vocabulary_matches(word: str, text: str, window: Callable[[int, int], str]
                       ) -> dict[str, float]:
    """query._word_matches on a vocabulary given as text, a token a line (`window(a, b)`: the
    lines of tokens a to b characters long): the same tokens with the same qualities, found
    by string search at C speed instead of a Python loop over every token; only tokens that
    can be typos (by their length, or by their first characters) are measured."""
    n = len(word)
    out: dict[str, float] = {}
    hay = "\n" + text + "\n"
    if f"\n{word}\n" in hay:
        out[word] = 1.0
    needles = ([(f"\n{word}", 0.85)] if n >= 2 else []) + ([(word, 0.7)] if n >= 4 else [])
    for needle, quality in needles:
        at = hay.find(needle)
        while at >= 0:
            start = hay.rfind("\n", 0, at + 1) + 1
            end = hay.find("\n", at + len(needle))
            out.setdefault(hay[start:end], quality)
            at = hay.find(needle, end)
    limit = typo_limit_of(word)
    if not limit:
        return out
    letters = set(word)
    for tok in window(max(1, n - limit), n + limit).split("\n"):
        if (tok and tok not in out and _missing(letters, tok) <= limit
                and distance(word, tok, limit) <= limit):
            out[tok] = 0.6
    # A typo in a prefix: one changed character, or two neighbours swapped, in the first n
    # (a few longer tokens are measured one by one; many are first sifted at C speed).
    longer = window(n + 1, 1 << 30)
    if len(longer) < 50_000:
        candidates: Iterable[str] = longer.split("\n")
    else:
        near = [re.escape(word[:k]) + "[^\\n]" + re.escape(word[k + 1:]) for k in range(n)]
        near += [re.escape(word[:k] + word[k + 1] + word[k] + word[k + 2:])
                 for k in range(n - 1)]
        candidates = (found.group() for found in
                      re.finditer(f"(?m)^(?:{'|'.join(near)})[^\\n]+$", longer))
    for tok in candidates:
        if (tok and tok not in out and _missing(letters, tok[:n]) <= 1
                and distance(word, tok[:n], 1) <= 1):
            out[tok] = 0.5
    return out


def _missing(letters: set[str], tok: str) -> int:
    """How many of a word's distinct letters `tok` lacks: each needs an edit of its own (a
    swap of neighbours moves letters but loses none), so distance() is never below it."""
    return len(letters.difference(tok))


def suggest(query: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The closest candidates to a mistyped query, best first."""
    q = fold(query)
    scored = []
    for cand in candidates:
        c = fold(cand)
        limit = max(2, len(q) // 3)
        d = distance(q, c, limit)
        if d <= limit:
            scored.append((d, cand))
        elif len(q) >= 3 and (c.startswith(q) or q in c):
            scored.append((limit, cand))
    scored.sort(key=lambda x: (x[0], x[1]))
    seen: list[str] = []
    for _, cand in scored:
        if cand not in seen:
            seen.append(cand)
    return seen[:n]
