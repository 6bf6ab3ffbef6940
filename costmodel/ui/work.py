"""Long work off the server's own process: the simulation, the two-way table and the workbook, deck and note run
in a child process with a cap on time and memory, and stop when the session that asked has gone or asks for
something else. A crafted input can then cost one child its cap, never the server or the other sessions.

Children are forked from a warm fork server (the engine and the document builders are imported there once), so
starting one costs milliseconds. Arguments and results cross by pickle: pass a scenario, not a Result.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable
from multiprocessing import spawn
from typing import Any

from costmodel.errors import Problem, ScenarioError

SECONDS = float(os.environ.get("COSTMODEL_WORK_SECONDS", 60))
MEMORY_MB = int(os.environ.get("COSTMODEL_WORK_MEMORY_MB", 1500))  # above what the child has when it starts
PRELOAD = ["costmodel.engine", "costmodel.workbook.export", "costmodel.report.deck", "costmodel.report.note"]
_context = None


class WorkStopped(ScenarioError):
    """The work passed its cap, or failed; the message says which in Norwegian."""


def _fork_server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
        spawn.get_preparation_data = _without_main
    return _context


_preparation = spawn.get_preparation_data


def _without_main(name: str) -> dict:
    """What a child is told to prepare, less the main module: under Streamlit that is the app's own script, which
    a child must never run (our work functions live in importable modules)."""
    data = _preparation(name)
    data.pop("init_main_from_path", None)
    data.pop("init_main_from_name", None)
    return data


def _child(connection, function: Callable, args: tuple, memory_mb: int) -> None:
    os.nice(10)  # long work yields to the sessions moving sliders
    # The data segment (heap and private writable mappings), not the address space: a JavaScript engine (the
    # charts of the deck) reserves gigabytes of address space it never writes.
    with open("/proc/self/status") as status:
        used = next(int(line.split()[1]) for line in status if line.startswith("VmData:")) * 1024
    cap = used + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    try:
        connection.send(("ok", function(*args)))
    except MemoryError:
        connection.send(("memory", None))
    except ScenarioError as exc:
        connection.send(("refused", exc.problems))
    except Exception as exc:  # noqa: BLE001 (anything else is said in words below, never as a traceback)
        connection.send(("failed", type(exc).__name__))
    finally:
        connection.close()


def bounded(
    function: Callable,
    *args: Any,
    what: str,
    seconds: float | None = None,
    memory_mb: int | None = None,
    wanted: Callable[[], bool] = lambda: True,
    tick: Callable[[float], None] | None = None,
) -> Any:
    """`function(*args)` in a child process within `seconds` and `memory_mb`; its result, or WorkStopped saying
    why. `wanted()` is asked while it runs (False stops it: the session has gone); `tick(elapsed)` is called
    every few tenths of a second (a progress bar, whose update also lets Streamlit stop the run)."""
    seconds = SECONDS if seconds is None else seconds
    memory_mb = MEMORY_MB if memory_mb is None else memory_mb
    context = _fork_server()
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, function, args, memory_mb), daemon=True)
    began = time.monotonic()
    process.start()
    sending.close()
    try:
        while not receiving.poll(0.2):
            elapsed = time.monotonic() - began
            if not process.is_alive() and not receiving.poll(0):
                raise WorkStopped(Problem("", f"{what} stoppet uventet, trolig fordi det trengte mer enn "
                                              f"{memory_mb} MB minne"))  # fmt: skip
            if elapsed > seconds:
                raise WorkStopped(Problem("", f"{what} tok mer enn {seconds:g} sekunder og er stoppet"))
            if not wanted():
                raise WorkStopped(Problem("", f"{what} er stoppet fordi siden ble lukket"))
            if tick is not None:
                tick(elapsed)
        status, value = receiving.recv()
    except EOFError:
        raise WorkStopped(Problem("", f"{what} stoppet uventet")) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiving.close()
    if status == "ok":
        return value
    if status == "memory":
        raise WorkStopped(Problem("", f"{what} trengte mer enn {memory_mb} MB minne og er stoppet"))
    if status == "refused":
        raise WorkStopped(value)
    raise WorkStopped(Problem("", f"{what} feilet; prøv igjen, eller last ned scenariet og kontakt den som drifter"))


def session_alive(session_id: str | None) -> Callable[[], bool]:
    """Whether the browser session that asked is still connected (for work that runs outside its script)."""

    def alive() -> bool:
        if session_id is None:
            return True
        from streamlit.runtime import Runtime

        return Runtime.exists() and Runtime.instance().is_active_session(session_id)

    return alive


def current_session() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None
