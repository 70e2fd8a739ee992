"""Domain errors and the exit codes they map to; translated to messages only in cli.py."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    BAD_DATA = 1
    USAGE = 2
    NOT_FOUND = 3
    INTERRUPTED = 130


class Diagnostic(NamedTuple):
    """One problem found in a dataset, at a 1-based line and column (0 when unknown)."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class KimError(Exception):
    """Base of every error kim reports to a user."""

    exit_code: ExitCode = ExitCode.BAD_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataError(KimError):
    """The dataset is broken; carries every diagnostic found, sorted by position."""

    exit_code = ExitCode.BAD_DATA

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        super().__init__(first.message if first else "invalid dataset")


class PathError(KimError):
    """The dataset path cannot be used at all (missing, a directory, a device, too large)."""

    exit_code = ExitCode.USAGE

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotFoundError(KimError):
    """A milestone, term or search had no match; suggestions are the closest names."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class UsageError(KimError):
    """Options that make no sense together or a malformed option value."""

    exit_code = ExitCode.USAGE
