"""A cache of validated datasets in the user's cache folder: JSON only (never pickle), keyed on
the file's identity and content, rebuilt when either changes, ignored when unreadable."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TypeVar

from kimcli import __version__, dates, labels
from kimcli.errors import Diagnostic
from kimcli.model import (
    Actor,
    Claim,
    Dataset,
    Dispute,
    Fact,
    GlossaryEntry,
    KeyDate,
    Milestone,
    Phase,
    Ref,
    Relation,
    Source,
    Translation,
)

FORMAT = 5
# Small files load faster than a cache entry would; only larger ones are worth remembering.
MIN_BYTES = 64 * 1024


def folder() -> Path | None:
    """KIM_CACHE_DIR, else the platform's user cache folder; None when KIM_NO_CACHE is set."""
    if os.environ.get("KIM_NO_CACHE"):
        return None
    explicit = os.environ.get("KIM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.environ.get("LOCALAPPDATA", ""), "kim") if os.name == "nt" else "")
    if base:
        return Path(base) / "kim"
    return Path.home() / ".cache" / "kim"


def digest(data: bytes) -> str:
    # Imported here: hashlib loads OpenSSL (3–4 ms), which only runs that use the cache need.
    from hashlib import blake2b

    return blake2b(data, digest_size=20).hexdigest()


def identity(path: str) -> dict[str, Any]:
    real = os.path.realpath(path)
    info = os.stat(real)
    return {"path": real, "dev": info.st_dev, "ino": info.st_ino, "size": info.st_size,
            "mtime_ns": info.st_mtime_ns}


def _entry(path: str, kind: str = "") -> Path | None:
    base = folder()
    if base is None:
        return None
    from hashlib import blake2b

    name = blake2b(os.path.realpath(path).encode("utf-8", "surrogateescape"), digest_size=16)
    return base / f"{name.hexdigest()}{'.' + kind if kind else ''}.json"


def _read(entry: Path, path: str, content_digest: str) -> dict[str, Any] | None:
    """An entry's record if it is for this kim, this file and this content."""
    with open(entry, encoding="utf-8") as handle:
        record = json.load(handle)
    if (not isinstance(record, dict) or record.get("kim") != __version__
            or record.get("format") != FORMAT or record.get("identity") != identity(path)
            or record.get("digest") != content_digest):
        return None
    return record


def _write(entry: Path, record: dict[str, Any]) -> None:
    """Write an entry atomically; any failure leaves the cache as it was."""
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def lookup(path: str, content_digest: str) -> tuple[Dataset, list[Diagnostic]] | None:
    """The cached dataset and warnings, or None when missing, stale or unreadable."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        record = _read(entry, path, content_digest)
        if record is None or record.get("language") != labels.language():  # warnings are worded
            return None
        # Warnings name the file as it was given this time, not as it was the first time.
        diags = [Diagnostic(**{**d, "file": path}) for d in record["diagnostics"]]
        return from_record(record["dataset"], path, content_digest), diags
    except Exception:
        return None


def store(path: str, content_digest: str, dataset: Dataset, diags: list[Diagnostic]) -> None:
    """Write the entry atomically; any failure leaves the cache as it was."""
    entry = _entry(path)
    if entry is None:
        return
    try:
        ident = identity(path)
    except OSError:  # the file went away meanwhile: nothing to key the entry on
        return
    _write(entry, {"kim": __version__, "format": FORMAT, "identity": ident,
                   "language": labels.language(),
                   "digest": content_digest, "dataset": to_record(dataset),
                   "diagnostics": [d._asdict() for d in diags]})


def lookup_extra(path: str, content_digest: str, kind: str) -> Any:
    """Something derived from a cached dataset (its search index), or None."""
    entry = _entry(path, kind)
    if entry is None:
        return None
    try:
        record = _read(entry, path, content_digest)
    except Exception:
        return None
    return None if record is None else record.get("payload")


def store_extra(path: str, content_digest: str, kind: str, payload: Any) -> None:
    entry = _entry(path, kind)
    if entry is None:
        return
    try:
        ident = identity(path)
    except OSError:
        return
    _write(entry, {"kim": __version__, "format": FORMAT, "identity": ident,
                   "digest": content_digest, "payload": payload})


# -- records ---------------------------------------------------------------------------------


def _l(values: tuple[str, ...]) -> list[str]:
    return list(values)


def _point(p: dates.Point | None) -> list[Any] | None:
    return None if p is None else [p.year, p.month, p.day, p.approximate, p.uncertain]


def _date(d: dates.EDTFDate) -> list[Any]:
    """A parsed date as plain values, so a cache hit skips parsing."""
    return [_point(d.start), _point(d.end), d.interval, d.start_kind, d.end_kind]


_new = tuple.__new__  # builds a NamedTuple from its fields in order, without keyword handling
T = TypeVar("T")


def _whole(cls: type[T], values: list[Any]) -> T:
    """A record from a list that must hold exactly its fields (a damaged entry raises)."""
    if len(values) != len(cls._fields):  # type: ignore[attr-defined]
        raise ValueError(cls.__name__)
    return _new(cls, values)  # type: ignore[type-var]


def _undate(v: list[Any]) -> dates.EDTFDate:
    start, end, interval, start_kind, end_kind = v
    return _new(dates.EDTFDate, (_whole(dates.Point, start) if start else None,
                                 _whole(dates.Point, end) if end else None,
                                 interval, start_kind, end_kind))


def to_record(ds: Dataset) -> dict[str, Any]:
    position = {m.id: i for i, m in enumerate(ds.milestones)}
    return {
        "title": ds.title, "language": ds.language, "description": ds.description,
        "sources": [[s.id, s.title, s.url, s.publisher, s.type, s.date, s.note]
                    for s in ds.sources.values()],
        "relations": [list(r) for r in ds.relations.values()],
        "actors": [[a.id, a.name, a.abbr, a.role, _l(a.sources)] for a in ds.actors.values()],
        "glossary": [[g.term, g.definition, _l(g.aliases), _l(g.sources), _l(g.see)]
                     for g in ds.glossary],
        "phases": [[p.id, p.title, p.raw_date, p.summary] for p in ds.phases],
        "milestones": [[
            m.id, m.title, m.raw_date, m.kind, m.summary, m.date_label, m.description, m.phase,
            _l(m.tags), _l(m.aliases), _l(m.actors),
            [[r.to, r.rel, r.note, _l(r.sources)] for r in m.refs],
            _l(m.sources),
            [[f.text, _l(f.sources), f.confidence] for f in m.facts],
            [[k.raw, k.label, _l(k.sources)] for k in m.key_dates],
            [[d.topic, [[c.claim, _l(c.sources)] for c in d.claims], d.note] for d in m.disputes],
            [m.en.title, m.en.summary, m.en.date_label, m.en.kind] if m.en else None,
            m.line, _date(m.date), [_date(k.date) for k in m.key_dates],
        ] for m in ds.milestones],
        "chronological": [position[m.id] for m in ds.chronological()],
    }


def from_record(r: dict[str, Any], path: str, content_digest: str = "") -> Dataset:
    parse = dates.parse
    new = _new
    milestones = []
    for (mid, title, raw, kind, summary, label, description, phase, tags, aliases, actors,
         refs, sources, facts, key_dates, disputes, en, line, date, kd_dates) in r["milestones"]:
        milestones.append(new(Milestone, (
            mid, title, _undate(date), raw, kind, summary, label, description, phase,
            tuple(tags), tuple(aliases), tuple(actors),
            tuple([new(Ref, (to, rel, note, tuple(s))) for to, rel, note, s in refs]),
            tuple(sources),
            tuple([new(Fact, (text, tuple(s), conf)) for text, s, conf in facts]),
            tuple([new(KeyDate, (_undate(kd), kraw, klabel, tuple(s)))
                   for (kraw, klabel, s), kd in zip(key_dates, kd_dates, strict=False)]),
            tuple([new(Dispute, (topic, tuple([new(Claim, (c, tuple(s))) for c, s in claims]),
                                 note)) for topic, claims, note in disputes]),
            _whole(Translation, en) if en else None, line,
        )))
    order = r["chronological"]
    if sorted(order) != list(range(len(milestones))):  # each milestone exactly once
        raise ValueError("chronological")
    dataset = Dataset(
        title=r["title"], milestones=tuple(milestones), language=r["language"],
        description=r["description"],
        sources={s[0]: _whole(Source, s) for s in r["sources"]},
        relations={x[0]: _whole(Relation, x) for x in r["relations"]},
        actors={a[0]: Actor(a[0], a[1], a[2], a[3], tuple(a[4])) for a in r["actors"]},
        glossary=tuple(GlossaryEntry(t, d, tuple(a), tuple(s), tuple(see))
                       for t, d, a, s, see in r["glossary"]),
        phases=tuple(Phase(pid, title, parse(raw), raw, summary)
                     for pid, title, raw, summary in r["phases"]),
        path=path, digest=content_digest,
    )
    object.__setattr__(dataset, "_chronological", tuple([milestones[i] for i in order]))
    return dataset
