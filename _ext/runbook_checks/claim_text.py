"""What a text may say without a source, and when a sentence restates a recommendation: pure functions
over plain text, shared by the claim classifier (claim_model.py).

- Navigation text (`navigation_problem`): a heading, a label or a paragraph marked `{descriptive}` may
  point the reader somewhere and name what is there, and nothing more: no digit and no number word (a
  figure is a claim), no publisher's name (who said what is a claim), no modal verb of advice (advice is
  a claim), no setting key (`spark.*`, or a key a recommendation's `:settings:` fixes). Anything else in
  it needs a basis like a paragraph.
- Restating a need (`restates`): a `{need}` reference covers the text it sits in only when the text says
  what the need says: it shares at least `restate_min_terms` of the need's title terms (stemmed, single
  letters and common words left out; all of them when the title has fewer), or it names one of the need's
  `:settings:` keys or values (numbers and booleans are too common to count as values).
- Attribution (`attributed_publishers`): a publisher's name followed, within a few words, by a verb of
  saying ("Databricks advises", "Spark's guide states"), or "according to" before it, at most two words
  between ("according to the Databricks guide"). An inference that attributes must cite a source of that
  publisher (claim_model.py).

The words are the runbook policy's `[claim_words]` (runbook_policy.toml), read once into `ClaimWords`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import snowballstemmer

from .model import SPARK_KEY

DIGIT = re.compile(r"\d")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]")
# Words that carry no meaning of their own when two texts are compared.
COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "not",
        "no",
        "of",
        "on",
        "once",
        "only",
        "or",
        "over",
        "per",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "under",
        "up",
        "use",
        "used",
        "uses",
        "using",
        "via",
        "was",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "within",
        "without",
        "you",
        "your",
        "our",
        "we",
        "us",
        "each",
        "every",
        "all",
        "any",
        "also",
        "more",
        "most",
        "other",
        "some",
    ]
)
# How many title terms a text shares with a recommendation to restate it when the policy does not say.
RESTATE_MIN_TERMS = 2
# How many words may sit between a publisher's name and its verb of saying ("Databricks' older page says").
ATTRIBUTION_GAP = 4
POSSESSIVE = re.compile(r"^(?:'s|\u2019s|'|\u2019)")
SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)")
# "according to" ending the sentence's text before a publisher's name, at most two words between.
ACCORDING_TO = re.compile(r"(?<![\w-])according to(?:\s+[\w'\u2019-]+){0,2}\s[\s(\[\"'\u201c\u2018]*$", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimWords:
    """The runbook policy's `[claim_words]`."""

    # A name as prose writes it -> the register's publisher it stands for ("" when the register has none).
    publishers: Mapping[str, str]
    advice: tuple[str, ...]
    number_words: tuple[str, ...]
    saying: tuple[str, ...]
    restate_min_terms: int

    @classmethod
    def of(cls, config: Any) -> ClaimWords:
        words = dict(getattr(config, "runbook_claim_words", None) or {})
        # The figure vocabulary's number words and multipliers (`[figures]`), and the claim rule's own
        # quantity words beyond them (`[claim_words] number_words`: "half", "twice", "dozen"...).
        figures = dict(getattr(config, "runbook_figures", None) or {})
        counted = [*(figures.get("number_words") or ()), *(figures.get("multipliers") or {})]
        own = [word for word in words.get("number_words") or () if word not in counted]
        return cls(
            publishers=dict(words.get("publishers") or {}),
            advice=tuple(words.get("advice") or ()),
            number_words=tuple(word for word in [*counted, *own] if len(word) > 1),
            saying=tuple(words.get("saying") or ()),
            restate_min_terms=int(words.get("restate_min_terms", RESTATE_MIN_TERMS)),
        )

    @classmethod
    def none(cls) -> ClaimWords:
        """No words declared (a project without `[claim_words]`): only digits and setting keys make a claim."""
        return cls({}, (), (), (), RESTATE_MIN_TERMS)


def phrase(words: Iterable[str], case: bool = False) -> re.Pattern[str] | None:
    """Any of the words or phrases as whole words (not part of a dotted key); case-insensitive unless `case`."""
    alternatives = sorted((re.escape(w.strip()) for w in words if w.strip()), key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(rf"(?<![\w.-])(?:{'|'.join(alternatives)})(?![\w-]|\.\w)", 0 if case else re.IGNORECASE)


def setting_keys(needs: Mapping[str, Any]) -> frozenset[str]:
    """The keys the recommendations' `:settings:` fix, by their last path part (`spark_conf/x=1` -> `x`)."""
    keys = set()
    for need in needs.values():
        for setting in need.get("settings") or []:
            key = str(setting).partition("=")[0].rsplit("/", 1)[-1].strip()
            if key:
                keys.add(key)
    return frozenset(keys)


def navigation_problem(text: str, words: ClaimWords, keys: Iterable[str] = ()) -> str:
    """'' when the text is navigation only; else what makes it a claim, quoted from it."""
    found = DIGIT.search(text)
    if found:
        return f"a figure ({word_at(text, found.start())!r})"
    checks = (
        ("a number word", phrase(words.number_words)),
        ("a publisher's name", phrase(words.publishers, case=True)),
        ("advice", phrase(words.advice)),
    )
    for what, pattern in checks:
        found = pattern.search(text) if pattern else None
        if found:
            return f"{what} ({found.group(0)!r})"
    found = SPARK_KEY.search(text)
    if found:
        return f"a setting key ({found.group(0)!r})"
    found = phrase(keys).search(text) if keys else None
    if found:
        return f"a setting key ({found.group(0)!r})"
    return ""


def word_at(text: str, index: int) -> str:
    start = max(text.rfind(" ", 0, index) + 1, 0)
    end = text.find(" ", index)
    return text[start : end if end >= 0 else len(text)].strip(",.;:()")


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """The word's English stem (Snowball, as Sphinx's search index stems); the same words recur."""
    return _stemmer().stemWord(word)


@cache
def terms(text: str) -> frozenset[str]:
    """The text's meaningful words, stemmed and lowercased (hyphenated words count whole and by part)."""
    found = set()
    for word in WORD.findall(text.lower().replace("\u2019", "'")):
        for part in {word, *word.split("-")}:
            part = part.strip(".")
            if part and part not in COMMON and (len(part) > 1 or part.isdigit()):
                found.add(stem(part))
    return frozenset(found)


def setting_names(need: Mapping[str, Any]) -> list[str]:
    """A need's settings keys (last path part) and values a sentence can name (not numbers or booleans)."""
    names = []
    for setting in need.get("settings") or []:
        key, _, value = str(setting).partition("=")
        names.append(key.rsplit("/", 1)[-1].strip())
        value = value.strip()
        if value and not re.fullmatch(r"[\d.]+|true|false", value, re.IGNORECASE):
            names.append(value)
    return [name for name in names if name]


def restates(text: str, need: Mapping[str, Any], min_terms: int) -> bool:
    """Does the text say what the need says: enough of its title terms, or one of its settings?"""
    title = terms(str(need.get("title") or ""))
    if title and len(title & terms(text)) >= min(min_terms, len(title)):
        return True
    lowered = text.lower()
    return any(re.search(rf"(?<![\w.-]){re.escape(name.lower())}(?![\w-])", lowered) for name in setting_names(need))


def attributed_publishers(text: str, words: ClaimWords) -> list[str]:
    """The publisher names the text has saying something, in order, each once."""
    names = phrase(words.publishers, case=True)
    saying = phrase(words.saying)
    if names is None or saying is None:
        return []
    found: list[str] = []
    for match in names.finditer(text):
        rest = SENTENCE_END.split(POSSESSIVE.sub("", text[match.end() :]), maxsplit=1)[0]
        said = any(saying.fullmatch(word) for word in re.findall(r"[\w-]+", rest)[: ATTRIBUTION_GAP + 1])
        before = SENTENCE_END.split(text[: match.start()])[-1]
        if said or ACCORDING_TO.search(before):
            name = canonical(match.group(0), words)
            if name not in found:
                found.append(name)
    return found


def canonical(written: str, words: ClaimWords) -> str:
    """The policy's spelling of a name found case-insensitively."""
    return next((name for name in words.publishers if name.lower() == written.lower()), written)
