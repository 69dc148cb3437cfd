"""Figures in every form: the one finder of the rules and tools, on the vocabulary `runbook_policy.toml`
declares (`[figures]`).

A figure is a number followed by a unit: digits (`8`, `1,000`), a decimal (`0.5`), a multiplied number
(`12k`, `two hundred`), a number word (`three`), or a range (`3-4`, `8 to 16`), then a space or a hyphen
(`16-core`), then a unit (`workers`, `ms`, `seconds`, `trigger intervals`). A unit names the spec keys a
figure of it may state (`[figures.key_units]`); durations compare across units (0.5 s = 500 ms). A unit
followed by a ratio word ("one partition per core") makes no count and no figure.

    find("scale to sixteen tasks on a 16-core cluster, 0.5 s apart")
    -> 'sixteen tasks' (16, tasks), '16-core' (16, core), '0.5 s' (0.5, s)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# A word as the context checks read it ("open-source" and "benchmark's" are one word each).
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Figure:
    text: str  # as written: "three workers"
    low: float  # the number, or a range's ends
    high: float
    unit: str
    start: int  # where it is in the text it was found in
    end: int


@dataclass(frozen=True)
class Vocabulary:
    """The policy's `[figures]` table, compiled once per build."""

    number_words: tuple[str, ...] = ()
    multipliers: Mapping[str, int] = field(default_factory=dict)
    durations: Mapping[str, float] = field(default_factory=dict)
    other_units: tuple[str, ...] = ()
    ratio_words: tuple[str, ...] = ()
    duration_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    context_words: int = 4
    notspec_words: tuple[str, ...] = ()
    notspec_window: int = 8
    key_units: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version_prefixes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Any) -> Vocabulary:
        table = dict(getattr(config, "runbook_figures", None) or {})
        key = json.dumps(table, sort_keys=True)
        if key not in _COMPILED:
            _COMPILED[key] = cls.from_table(table)
        return _COMPILED[key]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Vocabulary:
        return cls(
            number_words=tuple(table.get("number_words") or ()),
            multipliers=dict(table.get("multipliers") or {}),
            durations={unit: float(ms) for unit, ms in (table.get("durations") or {}).items()},
            other_units=tuple(table.get("other_units") or ()),
            ratio_words=tuple(table.get("ratio_words") or ()),
            duration_words={word: tuple(keys) for word, keys in (table.get("duration_words") or {}).items()},
            context_words=int(table.get("context_words", 4)),
            notspec_words=tuple(table.get("notspec_words") or ()),
            notspec_window=int(table.get("notspec_window", 8)),
            key_units={key: tuple(units) for key, units in (table.get("key_units") or {}).items()},
            version_prefixes={word: tuple(keys) for word, keys in (table.get("version_prefixes") or {}).items()},
        )

    # --- what a unit means ---
    @cached_property
    def units(self) -> tuple[str, ...]:
        """Every unit the finder reads, longest first (so 'worker cores' wins over 'worker')."""
        found = {unit for units in self.key_units.values() for unit in units} | set(self.durations)
        return tuple(sorted(found | set(self.other_units), key=lambda unit: (-len(unit), unit)))

    def keys_of(self, unit: str) -> tuple[str, ...]:
        """The spec keys a figure in this unit may state: those that list it, and every duration key for a
        duration (a figure in seconds may state a value the spec gives in milliseconds)."""
        keys = [key for key, units in self.key_units.items() if unit in units]
        if unit in self.durations:
            keys += [key for key in self.duration_keys if key not in keys]
        return tuple(keys)

    @cached_property
    def duration_keys(self) -> tuple[str, ...]:
        return tuple(key for key, units in self.key_units.items() if units and units[0] in self.durations)

    def in_key_unit(self, value: float, unit: str, key: str) -> float | None:
        """`value` written in `unit`, in the unit `key`'s values are in (None: the unit does not fit the key)."""
        units = self.key_units.get(key) or ()
        if unit in units and (unit not in self.durations or units[0] not in self.durations):
            return value
        if unit in self.durations and units and units[0] in self.durations:
            return value * self.durations[unit] / self.durations[units[0]]
        return None

    def values_in_unit(self, values: Mapping[str, str], keys: Iterable[str], unit: str) -> set[float]:
        """The values of `keys` (as spec_values.facts gives them) written in `unit`, where it fits the key."""
        found = set()
        for key in keys:
            number, one = self.number(values.get(key) or ""), self.in_key_unit(1.0, unit, key)
            if number is not None and one:
                found.add(round(number / one, 9))
        return found

    # --- numbers ---
    @cached_property
    def _number(self) -> str:
        words = "|".join(sorted((re.escape(word) for word in self.number_words), key=len, reverse=True)) or "(?!)"
        scales = "|".join(re.escape(word) for word in self.multipliers if len(word) > 1) or "(?!)"
        suffixes = "".join(re.escape(word) for word in self.multipliers if len(word) == 1)
        # A one-letter multiplier in either case ('12k', '12K'): number() reads it in lower case.
        suffix = f"(?:(?i:[{suffixes}])(?![A-Za-z]))?" if suffixes else ""
        digits = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?!\d|[.,]\d){suffix}"
        return rf"(?:{digits}|(?i:(?:{words})(?:[\s-]+(?:{scales}))?)\b|(?i:{scales})\b)"

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        number = self._number
        units = self._units
        ratio = "|".join(re.escape(word) for word in self.ratio_words) or "(?!)"
        return re.compile(
            rf"(?<![\w.,/-])(?P<low>{number})(?:\s*(?:-|\u2013|\bto\b)\s*(?P<high>{number}))?"
            rf"(?:-|\s*)(?:x\s+)?(?P<unit>{units})(?![\w/])(?!\s+(?:{ratio})\b)"
        )

    def number(self, text: str) -> float | None:
        """'two hundred' -> 200, '12k' -> 12000, '1,000' -> 1000, '0.5' -> 0.5; None when it is no number."""
        words = text.strip().lower().replace("-", " ").split()
        if not words:
            return None
        head, *scales = words
        lowered = [word.lower() for word in self.number_words]
        if head in lowered:
            value = float(lowered.index(head))
        elif head in self.multipliers:
            value, scales = float(self.multipliers[head]), scales
            return value if not scales else None
        else:
            match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)([a-z]?)", head)
            if not match or (match[2] and match[2] not in self.multipliers):
                return None
            try:
                value = float(match[1].replace(",", "")) * (self.multipliers[match[2]] if match[2] else 1)
            except ValueError:
                return None
        for scale in scales:
            if scale not in self.multipliers:
                return None
            value *= self.multipliers[scale]
        return value

    def find(self, text: str) -> list[Figure]:
        """Every figure in the text, in order."""
        found = []
        for match in self._pattern.finditer(text):
            low = self.number(match["low"])
            high = self.number(match["high"]) if match["high"] else low
            if low is None or high is None:
                continue
            unit = " ".join(match["unit"].split())
            found.append(Figure(match.group(0), low, high, unit, match.start(), match.end()))
        return found

    def versions(self, text: str) -> list[Figure]:
        """Versions named by a prefix ('Spark 4.1'): the figure's unit is the prefix, its value the version."""
        found = []
        for prefix in self.version_prefixes:
            for match in re.finditer(rf"\b{re.escape(prefix)} (?P<version>\d+\.\d+(?:\.\d+)?)\b", text):
                version = float(match["version"].split(".")[0] + "." + match["version"].split(".")[1])
                found.append(Figure(match.group(0), version, version, prefix, match.start(), match.end()))
        return found

    @cached_property
    def _units(self) -> str:
        """The units as one alternation; a line break may fall inside a unit of two words."""
        return "|".join(r"\s+".join(map(re.escape, unit.split())) for unit in self.units) or "(?!)"

    @cached_property
    def _unit_after(self) -> re.Pattern[str]:
        return re.compile(rf"(?:-|\s*)(?P<unit>{self._units})(?![\w/])")

    @cached_property
    def _unit_anywhere(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w/-])(?P<unit>{self._units})(?![\w/])")

    def loose(self, text: str) -> Figure | None:
        """A marked figure with words between its number and its unit ('2 local cores'): its first number
        and its last unit (None when it has no number or no unit)."""
        units = list(self._unit_anywhere.finditer(text))
        numbers = [(match, self.number(match.group(0))) for match in re.finditer(r"[\w.,]+", text)]
        first = next(((match, value) for match, value in numbers if value is not None), None)
        if not units or first is None:
            return None
        unit = " ".join(units[-1]["unit"].split())
        return Figure(text, first[1], first[1], unit, first[0].start(), units[-1].end())

    def unit_after(self, text: str) -> str | None:
        """The unit that opens `text` (what follows a spec value: ' workers', '-core'), if any."""
        match = self._unit_after.match(text)
        return " ".join(match["unit"].split()) if match else None

    # --- context ---
    def words_around(self, text: str, start: int, end: int, count: int) -> list[str]:
        before = WORD.findall(text[:start])[-count:] if count else []
        after = WORD.findall(text[end:])[:count] if count else []
        return before + after

    def stated_keys(self, figure: Figure, text: str, spec_durations: Iterable[float] = ()) -> tuple[str, ...]:
        """The spec keys a figure states (() when it states none). A count's unit names its keys; a duration
        in milliseconds states a duration key always, one in seconds or minutes when a duration word or phrase
        stands near it (then the keys it names) or when it equals a spec duration."""
        keys = self.keys_of(figure.unit)
        if figure.unit not in self.durations:
            return keys
        before = " ".join(WORD.findall(text[: figure.start])[-self.context_words :])
        after = " ".join(WORD.findall(text[figure.end :])[: self.context_words])
        named = tuple(
            key
            for phrase, listed in self.duration_words.items()
            if any(re.search(rf"(?i)\b{re.escape(phrase)}\b", side) for side in (before, after))
            for key in listed
        )
        if named:
            return tuple(dict.fromkeys(named))
        if self.durations[figure.unit] == 1:  # milliseconds
            return keys
        value_ms = {figure.low * self.durations[figure.unit], figure.high * self.durations[figure.unit]}
        return keys if value_ms & set(spec_durations) else ()

    def qualified(self, text: str, start: int, end: int, marked: str, unit: str) -> bool:
        """Whether a marked figure says what it is instead: a declared word in the marked text (its unit
        aside) or within the window around it."""
        own = [word for word in WORD.findall(marked) if word != unit and word not in unit.split()]
        near = own + self.words_around(text, start, end, self.notspec_window)
        wanted = {word.lower() for word in self.notspec_words}
        return any(word.lower() in wanted for word in near)


_COMPILED: dict[str, Vocabulary] = {}


def spec_durations(facts: Mapping[str, str], vocabulary: Vocabulary) -> set[float]:
    """The durations a target's facts give, in milliseconds."""
    found = set()
    for key in vocabulary.duration_keys:
        try:
            value = float(facts.get(key) or "")
        except ValueError:
            continue
        found.add(value * vocabulary.durations[vocabulary.key_units[key][0]])
    return found


def same_value(written: str, unit: str | None, key: str, spec: str, vocabulary: Vocabulary) -> bool:
    """Whether a spec value as written (followed by `unit`) is the spec's: '2' and 'two' for 2 workers,
    '0.5' followed by 's' for a 500 ms trigger (not '500' followed by 's'); as text for values that are
    no number."""
    number, expected = vocabulary.number(written), vocabulary.number(spec)
    if number is None or expected is None or key not in vocabulary.key_units:
        return written == spec
    converted = vocabulary.in_key_unit(number, unit, key) if unit else None
    # A unit that does not fit the key reads as the key's own (figures.py refuses the unit itself).
    return abs((number if converted is None else converted) - expected) < 1e-9


def written_like(written: str, unit: str | None, key: str, spec: str, vocabulary: Vocabulary) -> str:
    """The spec's value written as `written` was (digits or a word, in the unit after it): what
    `tox -e sync` writes back when the value moved."""
    value = vocabulary.number(spec)
    units = vocabulary.key_units.get(key) or ()
    if value is None or not units:
        return spec
    if unit and unit in vocabulary.durations and units[0] in vocabulary.durations:
        value = value * vocabulary.durations[units[0]] / vocabulary.durations[unit]
    words = [word.lower() for word in vocabulary.number_words]
    if written.lower() in words and float(value).is_integer() and int(value) < len(words):
        word = vocabulary.number_words[int(value)]
        return word.capitalize() if written[:1].isupper() else word
    return f"{value:g}"


def figure_mismatch(
    figure: Figure, keys: tuple[str, ...], deployed: Mapping[str, Mapping[str, str]], vocabulary: Vocabulary
) -> str:
    """Why a figure is not a spec value of its keys for every target ('' if it is). Versions compare as
    written, numbers in the figure's unit (0.5 s = 500 ms); a range must have both ends among them."""
    for target, values in deployed.items():
        if figure.unit in vocabulary.version_prefixes:
            allowed = sorted({values[key] for key in keys if values.get(key)})
            fits = figure.text.split(" ", 1)[1] in allowed
        else:
            in_unit = vocabulary.values_in_unit(values, keys, figure.unit)
            fits = {round(figure.low, 9), round(figure.high, 9)} <= in_unit
            allowed = sorted(f"{value:g}" for value in in_unit)
        if not fits:
            return f"'{figure.text}' is not a spec value for target {target} (allowed: {', '.join(allowed) or 'none'})"
    return ""
