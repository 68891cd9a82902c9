"""Interrupts that act at once, whatever the program is doing.

A Python signal handler runs only between two bytecodes of the main
thread, and cleaning can spend minutes in one call into C that holds the
interpreter (rapidfuzz comparing two long paragraphs): a Ctrl-C or a
SIGTERM would wait for it.  So the ``cleanup`` program leaves SIGINT and
SIGTERM to the operating system, which ends it at once, by the signal (a
calling shell sees 130 or 143 and stops a script), and a small *guard*
process, forked when the program starts, cleans up after it:

* every temp file the program or one of its ``-j`` workers opens is
  announced to the guard before it is created, and withdrawn once it is
  renamed into place or removed (:func:`announce`, :func:`withdraw`);
* when all of them have exited (the pipe they write to reaches its end),
  the guard removes the temp files still announced and, unless the program
  said it finished (:func:`finish`), reports the interrupt;
* if the program dies while workers are still cleaning (a SIGTERM to it
  alone), the guard kills the workers first.

A SIGKILL of the program leaves no temp file either.  Called as a function
(``cleanup.cli.main(argv)``, the tests), nothing is forked and Python's own
handlers stay (:class:`cleanup.runner.Interrupted`).
"""

from __future__ import annotations

import os
import select
import signal
import time

INTERRUPTED = b"cleanup: error: interrupted (every output is complete or absent; rerun to finish)\n"
POLL = 0.05  # seconds between the guard's looks at whether the program is still there
WORKERS_GRACE = 2.0  # seconds the guard waits for killed workers to go before it cleans up
_SEP = b"\0"  # between messages: a path holds any byte but NUL

_pipe: int | None = None  # where this process announces to the guard (None: unguarded)


def active() -> bool:
    """Whether a guard watches this process (the program, or one of its workers)."""
    return _pipe is not None


def start() -> bool:
    """Fork the guard and give SIGINT and SIGTERM back to the operating system;
    False (nothing changed) if no process can be forked."""
    global _pipe
    read_end, write_end = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return False
    if pid == 0:  # the guard
        try:
            os.close(write_end)
            watch(parent, read_end)
        finally:
            os._exit(0)
    os.close(read_end)
    _pipe = write_end
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    return True


def _send(message: bytes) -> None:
    if _pipe is not None:
        try:
            os.write(_pipe, message + _SEP)  # short writes to a pipe are atomic: workers do not interleave
        except OSError:
            pass  # no guard any more: nothing to be done about it


def announce(path: str) -> None:
    """``path`` (absolute) is about to be created as a temp file."""
    _send(b"+" + os.fsencode(path))


def withdraw(path: str) -> None:
    """``path`` was renamed into place or removed."""
    _send(b"-" + os.fsencode(path))


def enlist_worker() -> bool:
    """Called by a ``-j`` worker as it starts: the guard kills it if the program
    dies first.  Returns whether a guard watches (then the worker keeps the
    operating system's SIGINT and SIGTERM, like the program)."""
    if _pipe is None:
        return False
    _send(b"w%d" % os.getpid())
    return True


def finish() -> None:
    """The program ends of itself: no interrupt to report."""
    _send(b"=")


# --- the guard's side --------------------------------------------------------------


def watch(parent: int, pipe: int) -> None:
    """Follow the announcements until every writer is gone, then clean up."""
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(s, signal.SIG_IGN)  # Ctrl-C reaches the whole process group
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 0)
    os.dup2(quiet, 1)  # a reader of the program's stdout must not wait for the guard
    os.closerange(3, pipe)
    os.closerange(pipe + 1, 1 << 16)
    temps: set[bytes] = set()
    workers: set[int] = set()
    finished = False
    orphaned: float | None = None
    pending = b""
    while True:
        ready, _, _ = select.select([pipe], [], [], POLL)
        if ready:
            data = os.read(pipe, 1 << 16)
            if not data:
                break  # the program and its workers have all exited
            *messages, pending = (pending + data).split(_SEP)
            for m in messages:
                kind, body = m[:1], m[1:]
                if kind == b"+":
                    temps.add(body)
                elif kind == b"-":
                    temps.discard(body)
                elif kind == b"w" and body.isdigit():
                    workers.add(int(body))
                elif kind == b"=":
                    finished = True
        if orphaned is None and os.getppid() != parent:
            orphaned = time.monotonic()  # the program is gone: its workers go too
            for pid in workers:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        elif orphaned is not None and time.monotonic() - orphaned > WORKERS_GRACE:
            break  # a worker that never enlisted: clean up without it
    for path in temps:
        try:
            os.unlink(path)
        except OSError:
            pass
    if not finished:
        try:
            # below a progress bar the program left mid-line
            os.write(2, (b"\n" if os.isatty(2) else b"") + INTERRUPTED)
        except OSError:
            pass
