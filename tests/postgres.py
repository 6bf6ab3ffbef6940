"""A throwaway PostgreSQL cluster for the tests, from Debian's binaries, in a temporary folder.

PostgreSQL refuses to run as root, so as root the cluster is made and run by the `postgres` system user (as
Debian's package creates it). Each test gets a database of its own. Without the binaries the tests that need it
are skipped with a reason, except under CI (CI=true), where that fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest


def binaries() -> Path | None:
    for version in ("17", "16", "15", "14", "13"):
        folder = Path(f"/usr/lib/postgresql/{version}/bin")
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def unavailable(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail("under CI må PostgreSQL-testene kjøre, men " + message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running cluster on a loopback port, trusting local connections; `database()` makes a fresh database."""

    def __init__(self):
        folder = binaries()
        if folder is None:
            unavailable("PostgreSQL (initdb) er ikke installert; installer Debian-pakken postgresql")
        self.bin = folder
        self.root = Path(tempfile.mkdtemp(prefix="kostnadsmodell-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60",
            "-o", f"-p {self.port} -k {self.root} -h 127.0.0.1 -F -c max_connections=200", "start",
        )  # fmt: skip

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self.as_user, str(self.bin / program), *args], capture_output=True, text=True)
        if done.returncode != 0:
            unavailable(f"{program} feilet: {done.stderr.strip()[-500:]}")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)
