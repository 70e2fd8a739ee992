"""Share the writing of a large site between processes: pages are independent files.

Linux only, by fork: the children start with the dataset, the compiled templates and
everything worked out so far, and send nothing back but a message if they fail. Elsewhere,
and for a small site, everything runs in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

PARALLEL_FROM = 2000  # pages; below this, starting processes costs more than it saves
MAX_WORKERS = 4


class WorkerError(OSError):
    """A child process failed; carries its message (exit code 2, like a failed write)."""


def count(pages: int) -> int:
    """How many processes to write `pages` pages with."""
    if pages < PARALLEL_FROM or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


class Child(NamedTuple):
    """A job running in a child process: its pid and the pipe it reports a failure on."""

    pid: int
    pipe: int


def start(job: Callable[[], None]) -> Child:
    """Run `job` in a child process; join() waits for it."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the job, say what went wrong, never return
        os.close(read)
        code = 0
        try:
            job()
        except BaseException as exc:  # reported to the parent, not lost
            os.write(write, f"{exc}".encode("utf-8", "replace")[:4000] or b"failed")
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    return Child(pid, read)


def join(children: Sequence[Child], failure: BaseException | None = None) -> None:
    """Wait for every child; then raise `failure` (this process's own), else a WorkerError
    with the first child's message if any failed."""
    messages = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            messages.append(message or f"worker {pid} failed ({status})")
    if failure is not None:
        raise failure
    if messages:
        raise WorkerError(messages[0])


def run(jobs: Sequence[Callable[[], None]], started: Sequence[Child] = ()) -> None:
    """Run the first job here and each other job in a child process; wait for all of them
    (and for the children `started` before).

    An exception here is raised again once the children are done; a child's failure becomes
    a WorkerError with its message."""
    children = [*started, *(start(job) for job in jobs[1:])]
    failure: BaseException | None = None
    try:
        jobs[0]()
    except BaseException as exc:  # raised after the children are waited for
        failure = exc
    join(children, failure)
