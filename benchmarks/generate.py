"""Write a synthetic kim dataset: every date precision, open ends, qualifiers, refs, tags, facts.

Usage: python benchmarks/generate.py N OUT.yaml [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "Integration Kommune Einbürgerung Gesetz Richtlinie Förderung Steuerung Netzwerk "
    "Beratung Zuwanderung Ausländerbehörde Bildung Teilhabe Strategie Modellprojekt Bericht "
    "Landesprogramm Koordinierung Fallmanagement Verwaltung Querschnitt Übergang Qualität "
    "Stadt Kreis Sprache Arbeit Schule Jugend Familie Gesundheit Wohnen Ehrenamt"
).split()
KINDS = ("Gesetz", "Richtlinie", "Programm", "Ereignis", "Institution", "Konzept", "Studie")


def _date(rng: random.Random) -> str:
    year = rng.randint(1950, 2025)
    shape = rng.randrange(9)
    if shape == 0:
        return str(year)
    if shape == 1:
        return f"{year}-{rng.randint(1, 12):02d}"
    if shape == 2:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if shape == 3:
        return f"{year}/{min(2026, year + rng.randint(0, 8))}"
    if shape == 4:
        return f"{year}/.."
    if shape == 5:
        return f"../{year}"
    if shape == 6:
        return f"{year}{rng.choice('~?%')}"
    if shape == 7:
        return f"{year}-{rng.randint(1, 12):02d}/{min(2026, year + 1)}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    n_sources = max(1, n // 10)
    out = ["title: Synthetischer Datensatz", "language: de", "relations:",
           "  fuehrte-zu: {label: führte zu, inverse: ging hervor aus, ordered: true}",
           "  regelt: {label: regelt, inverse: geregelt durch}",
           "  betrifft: {label: betrifft, inverse: betroffen von}", "sources:"]
    for s in range(n_sources):
        out.append(f"  Q{s}: {{title: {_q(_sentence(rng, 4))}, url: 'https://example.org/q/{s}'}}")
    out.append("glossary:")
    for g in range(min(200, n)):
        definition, source = _q(_sentence(rng, 12)), f"Q{g % n_sources}"
        out.append(f"  - {{term: Begriff{g}, definition: {definition}, sources: [{source}]}}")
    out.append("milestones:")
    for i in range(n):
        out.append(f"  - id: m{i}")
        out.append(f"    title: {_q(_sentence(rng, 6))}")
        out.append(f"    date: '{_date(rng)}'")
        out.append(f"    kind: {rng.choice(KINDS)}")
        out.append(f"    summary: {_q(_sentence(rng, 12))}")
        out.append(f"    description: {_q(_sentence(rng, 14))}")
        out.append(f"    tags: [t{rng.randrange(60)}, t{rng.randrange(60)}]")
        out.append(f"    aliases: [A{i}]")
        out.append("    facts:")
        for _ in range(1):
            out.append(f"      - text: {_q(_sentence(rng, 10))}")
            out.append(f"        sources: [Q{rng.randrange(n_sources)}]")
        refs = rng.sample(range(n), k=min(n - 1, rng.randint(1, 6)))
        refs = [r for r in refs if r != i]
        if refs:
            out.append("    refs:")
            for r in refs:
                # Only earlier-to-later "fuehrte-zu" would be ordered; use unordered relations
                # so that random graphs stay free of order cycles.
                out.append(f"      - {{to: m{r}, rel: {rng.choice(('regelt', 'betrifft'))}}}")
        out.append(f"    sources: [Q{i % n_sources}]")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.write_text(generate(args.count, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
