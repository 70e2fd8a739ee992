"""Domain errors and diagnostics as codes with parameters; words come from kimcli.i18n."""

from __future__ import annotations

from enum import Enum, IntEnum
from typing import NamedTuple, Union


class ExitCode(IntEnum):
    OK = 0
    BAD_DATA = 1
    USAGE = 2
    NOT_FOUND = 3
    CHANGED = 4  # `kim diff --exit-code`: the two datasets differ
    INTERRUPTED = 130


# A parameter is plain text, a number, or another message (worded in the same language).
Param = Union[str, int, "Msg"]


class Msg(NamedTuple):
    """A sentence not yet worded: a catalogue code and its parameters."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str) -> Param | None:
        for key, value in self.params:
            if key == name:
                return value
        return None


def msg(code: str, /, **params: Param) -> Msg:
    return Msg(code, tuple(params.items()))


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(NamedTuple):
    """One problem found in a dataset, at a 1-based line and column (0 when unknown).

    `message` is worded by the i18n layer; `hints` follow it ("meinten Sie …?")."""

    file: str
    line: int
    col: int
    message: Msg
    severity: Severity = Severity.ERROR
    hints: tuple[Msg, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class KimError(Exception):
    """Base of every error kim reports to a user: a message code and an exit code."""

    exit_code: ExitCode = ExitCode.BAD_DATA

    def __init__(self, message: Msg) -> None:
        super().__init__(message.code)
        self.message = message


class DataError(KimError):
    """The dataset is broken; carries every diagnostic found, sorted by position."""

    exit_code = ExitCode.BAD_DATA

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(diagnostics[0].message if diagnostics else msg("load.empty"))


class PathError(KimError):
    """A path cannot be used at all (missing, a directory, a device, too large)."""

    exit_code = ExitCode.USAGE

    def __init__(self, path: str, message: Msg) -> None:
        super().__init__(message)
        self.path = path


class NotFoundError(KimError):
    """A milestone, term or search had no match; suggestions are the closest names."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: Msg, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class UsageError(KimError):
    """Options that make no sense together, a malformed option value, an unusable output."""

    exit_code = ExitCode.USAGE


class DateError(ValueError):
    """A date string that is not in kim's EDTF subset, or names a day that does not exist."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.code)
        self.message = message
