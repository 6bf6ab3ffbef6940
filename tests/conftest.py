import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

BUDGETS = ROOT / "budgets"

# Saved and shared scenarios of the tests go to a folder of their own, never into the checkout's scenarier/.
os.environ.setdefault("COSTMODEL_USER_DIR", tempfile.mkdtemp(prefix="kostnadsmodell-tester-"))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def postgres_cluster():
    from postgres import Cluster

    cluster = Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind: every store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("postgres_cluster").database()


@pytest.fixture
def db(database_url):
    """A migrated store with the local organisation, on SQLite and on PostgreSQL."""
    from costmodel.store import database, members

    store = database.connect(database_url)
    database.upgrade(store)
    members.ensure_local(store)
    yield store
    store.engine.dispose()


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """The app's store in a new SQLite file of this test's own (the app opens it by its address)."""
    from costmodel.store import database

    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    monkeypatch.setenv("COSTMODEL_DATABASE_URL", url)
    return database.connect(url)
