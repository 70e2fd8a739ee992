"""JSON text at C speed, in chunks: the bytes of json.dumps(indent=2), made inert."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# Python's json module runs its pure-Python encoder whenever `indent` is set. Its C encoder
# only knows one item separator, so kim gives it one per depth (",\n" and that depth's
# indentation): a container holding only scalars is then encoded by one C call with the very
# bytes the indenting encoder writes. Only containers that hold containers are walked here.
# orjson, when installed, encodes whole elements (same bytes, checked by a test).

_SCALARS = (str, int, float, bool, type(None))
_CHUNK = 1 << 16



def _optional_orjson() -> Any:
    """orjson if it is installed (`pip install 'kim[fast]'`), else None."""
    try:
        return importlib.import_module("orjson")
    except ImportError:  # pragma: no cover - depends on the environment
        return None


_orjson: Any = _optional_orjson()


class Stream:
    """A JSON array whose items are made one at a time, as they are written: `convert` of
    each of `items`. Encoded exactly like the list it stands for, never held whole."""

    __slots__ = ("convert", "items", "plain")

    def __init__(self, items: Iterable[Any], convert: Callable[[Any], Any], *,
                 plain: bool = False) -> None:
        self.items = items
        self.convert = convert
        # `plain`: the items hold only text, flags, null, lists and mappings with text keys
        # (records in the dataset's own format), so orjson needs no check first.
        self.plain = plain

    def __iter__(self) -> Iterator[Any]:
        convert = self.convert
        for item in self.items:
            yield convert(item)


_encoders: dict[int, Callable[[Any], str]] = {}
_text = json.encoder.encode_basestring  # the C function when the C extension is there


def _flat(depth: int) -> Callable[[Any], str]:
    """The C encoder for a scalar-only container whose items sit at `depth` + 1."""
    enc = _encoders.get(depth)
    if enc is None:
        sep = ",\n" + "  " * (depth + 1)
        make = json.encoder.c_make_encoder  # type: ignore[attr-defined]
        if make is None:  # pragma: no cover - CPython always has it
            enc = json.JSONEncoder(ensure_ascii=False, allow_nan=False,
                                   separators=(sep, ": ")).encode
        else:
            default = json.JSONEncoder().default
            c_enc = make(None, default, _text, None, ": ", sep, False, False, False)

            def enc(value: Any, _c: Any = c_enc) -> str:
                return "".join(_c(value, 0))

        _encoders[depth] = enc
    return enc


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return _flat(0)(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _text(key)
    return _flat(0)({key: 0})[1:-4]  # non-text keys turned to text as json.dumps does


def _orjson_ok(value: Any) -> bool:
    """orjson writes floats and very large integers its own way: those stay with json."""
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return all(isinstance(k, str) and _orjson_ok(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_orjson_ok(v) for v in value)
    if isinstance(value, bool) or value is None:
        return True
    return isinstance(value, int) and -(1 << 63) <= value < (1 << 64)


def _encode(value: Any, depth: int) -> str:
    """One value at `depth`, as one string."""
    if isinstance(value, Stream):
        value = list(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = value.items()
        if all(isinstance(v, _SCALARS) for v in value.values()):
            return _open(_flat(depth)(value), depth)
        inner = "  " * (depth + 1)
        parts = [_key(k) + ": " + (_scalar(v) if isinstance(v, _SCALARS) else _encode(v, depth + 1))
                 for k, v in items]
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + "  " * depth + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, _SCALARS) for v in value):
            return _open(_flat(depth)(value), depth)
        inner = "  " * (depth + 1)
        parts = [_scalar(v) if isinstance(v, _SCALARS) else _encode(v, depth + 1)
                 for v in value]
        return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + "  " * depth + "]"
    return _scalar(value)


def _open(flat: str, depth: int) -> str:
    """`[a,\\n  b]` from the C encoder as the indenting encoder writes it: `[\\n  a,\\n  b\\n]`."""
    return f"{flat[0]}\n{'  ' * (depth + 1)}{flat[1:-1]}\n{'  ' * depth}{flat[-1]}"


def _element(value: Any, depth: int, plain: bool = False) -> str:
    if (_orjson is not None and isinstance(value, (dict, list)) and value
            and (plain or _orjson_ok(value))):
        text: str = _orjson.dumps(value, option=_orjson.OPT_INDENT_2).decode()
        return text.replace("\n", "\n" + "  " * depth) if depth else text
    return _encode(value, depth)


def _pieces(value: Any, depth: int, stream: int, plain: bool = False) -> Iterator[str]:
    """The text of `value` at `depth`; containers down to `stream` levels come out item by
    item, deeper ones whole."""
    is_dict = isinstance(value, dict)
    if stream <= 0 or not (is_dict or isinstance(value, (list, tuple, Stream))):
        yield _element(value, depth, plain)
        return
    inside = type(value) is Stream and value.plain
    inner = ",\n" + "  " * (depth + 1)
    first = True
    for item in (value.items() if is_dict else value):
        yield ("{\n" if is_dict else "[\n") + inner[2:] if first else inner
        first = False
        if is_dict:
            yield _key(item[0]) + ": "
            item = item[1]
        yield from _pieces(item, depth + 1, stream - 1, inside)
    if first:
        yield "{}" if is_dict else "[]"
    else:
        yield "\n" + "  " * depth + ("}" if is_dict else "]")


def chunks(value: Any, size: int = _CHUNK) -> Iterator[str]:
    """The JSON text of `value`, byte for byte what json.dumps(value, ensure_ascii=False,
    indent=2, allow_nan=False) writes, in pieces of about `size` characters, with the
    characters that must never reach a terminal raw escaped. A `Stream` is an array."""
    from kimcli.render.inert import json_escape, replace_unsafe

    batch: list[str] = []
    held = 0
    for piece in _pieces(value, 0, 2):
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield replace_unsafe("".join(batch), json_escape)
            batch, held = [], 0
    if batch:
        yield replace_unsafe("".join(batch), json_escape)


def dumps(value: Any) -> str:
    """The whole JSON text of `value` (see `chunks`)."""
    return "".join(chunks(value))
