"""The store on SQLite and on PostgreSQL: versions never overwritten, statuses, access by organisation and role,
links and drafts, the import of files from before the database, concurrent saves and faults."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from conftest import BUDGETS, ROOT

from costmodel.scenario import load_scenario
from costmodel.scenario.storage import content_hash
from costmodel.store import database, files, links, members, scenarios
from costmodel.store.database import StoreError, Unavailable
from costmodel.store.members import ADMIN, EDITOR, LOCAL, LOCAL_USER, READER, SYSTEM, Actor, Denied
from costmodel.store.tables import Base

LAND = (BUDGETS / "land-2017.yaml").read_bytes()
ARENDAL = (BUDGETS / "arendal-tiltaksteam.yaml").read_bytes()
ANNE = Actor("anne@land.kommune.no", "Anne")
LARS = Actor("lars@land.kommune.no", "Lars")
BRITT = Actor("britt@arendal.kommune.no", "Britt")


def two_organisations(db) -> None:
    members.create_organisation(db, "land", "Land kommune")
    members.create_organisation(db, "arendal", "Arendal kommune")
    members.set_member(db, SYSTEM, "land", ANNE.user, ADMIN)
    members.set_member(db, ANNE, "land", LARS.user, READER)
    members.set_member(db, SYSTEM, "arendal", BRITT.user, EDITOR)


def test_the_migrations_create_exactly_the_tables_the_code_uses(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert database.current_revision(db) == database.head() == database.HEAD  # HEAD: the start needs no Alembic


def test_a_database_at_the_newest_schema_is_opened_without_loading_alembic(tmp_path):
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    database.upgrade(database.connect(url))
    probe = (
        "import sys; from costmodel.store import database; "
        f"db = database.connect({url!r}); database.upgrade(db); "
        "print(database.current_revision(db), 'alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0001", "False"]


def test_every_save_is_a_new_version_and_nothing_is_overwritten(db):
    first = scenarios.save(db, LOCAL_USER, LOCAL, "Plan B – fem årsverk", LAND, comment="første utkast")
    assert (first.slug, first.number, first.newer) == ("plan-b-fem-arsverk", 1, ())
    with pytest.raises(scenarios.Exists, match="finnes allerede"):
        scenarios.save(db, LOCAL_USER, LOCAL, "Plan B – fem årsverk", ARENDAL)
    second = scenarios.save(db, LOCAL_USER, LOCAL, "Plan B – fem årsverk", ARENDAL, new_version=True, based_on=1)
    assert second.number == 2 and second.newer == ()
    kept = scenarios.versions(db, LOCAL_USER, LOCAL, "plan-b-fem-arsverk")
    assert [(v.number, v.author, v.comment) for v in kept] == [(2, "lokal", ""), (1, "lokal", "første utkast")]
    name, info, data = scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-b-fem-arsverk", 1)
    assert (name, info.number, data) == ("Plan B – fem årsverk", 1, LAND)  # byte for byte as saved
    assert scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-b-fem-arsverk")[2] == ARENDAL
    listed = scenarios.list_scenarios(db, LOCAL_USER, LOCAL)
    assert [(s.slug, s.latest) for s in listed] == [("plan-b-fem-arsverk", 2)]


def test_a_save_from_an_older_version_lands_and_names_the_newer_ones(db):
    scenarios.save(db, LOCAL_USER, LOCAL, "plan", LAND)
    other = Actor("kari@land.kommune.no")
    members.set_member(db, LOCAL_USER, LOCAL, other.user, EDITOR)
    scenarios.save(db, other, LOCAL, "plan", ARENDAL, new_version=True, based_on=1, comment="Karis endring")
    mine = scenarios.save(db, LOCAL_USER, LOCAL, "plan", LAND, new_version=True, based_on=1)
    assert mine.number == 3
    assert [(v.number, v.author, v.comment) for v in mine.newer] == [(2, other.user, "Karis endring")]


def test_a_vedtatt_version_is_locked_and_opening_it_is_recorded(db):
    scenarios.save(db, LOCAL_USER, LOCAL, "budsjett 2027", LAND)
    scenarios.set_status(db, LOCAL_USER, LOCAL, "budsjett-2027", 1, scenarios.PROPOSAL)
    scenarios.set_status(db, LOCAL_USER, LOCAL, "budsjett-2027", 1, scenarios.ADOPTED)
    with pytest.raises(StoreError, match="vedtatt og låst"):
        scenarios.set_status(db, LOCAL_USER, LOCAL, "budsjett-2027", 1, scenarios.DRAFT)
    scenarios.open_version(db, LOCAL_USER, LOCAL, "budsjett-2027", 1)
    changed = scenarios.save(db, LOCAL_USER, LOCAL, "budsjett 2027", ARENDAL, new_version=True, based_on=1)
    assert changed.number == 2  # a change to a vedtatt version is a new version
    assert scenarios.open_version(db, LOCAL_USER, LOCAL, "budsjett-2027", 1)[1].status == "vedtatt"
    trail = members.audit_trail(db, LOCAL_USER, LOCAL)
    assert [e.action for e in trail].count("åpnet vedtatt versjon") == 2
    assert {"lagret", "status"} <= {e.action for e in trail}


def test_restoring_makes_a_new_version_with_the_old_content(db):
    scenarios.save(db, LOCAL_USER, LOCAL, "plan", LAND)
    scenarios.save(db, LOCAL_USER, LOCAL, "plan", ARENDAL, new_version=True)
    restored = scenarios.restore(db, LOCAL_USER, LOCAL, "plan", 1)
    assert restored.number == 3
    _, info, data = scenarios.open_version(db, LOCAL_USER, LOCAL, "plan")
    assert data == LAND and info.comment == "gjenopprettet fra versjon 1"
    assert len(scenarios.versions(db, LOCAL_USER, LOCAL, "plan")) == 3


def test_a_user_sees_only_their_organisations_and_a_reader_cannot_save(db):
    two_organisations(db)
    scenarios.save(db, ANNE, "land", "Lands plan", LAND)
    scenarios.save(db, BRITT, "arendal", "Arendals plan", ARENDAL)
    assert [m.organisation for m in members.memberships(db, ANNE)] == ["land"]
    for attempt in (
        lambda: scenarios.list_scenarios(db, BRITT, "land"),
        lambda: scenarios.open_version(db, BRITT, "land", "lands-plan"),
        lambda: scenarios.versions(db, BRITT, "land", "lands-plan"),
        lambda: scenarios.save(db, BRITT, "land", "Lands plan", ARENDAL, new_version=True),
        lambda: scenarios.set_status(db, BRITT, "land", "lands-plan", 1, "vedtatt"),
        lambda: members.audit_trail(db, BRITT, "land"),
        lambda: scenarios.open_version(db, BRITT, "finnes-ikke", "x"),
    ):
        with pytest.raises(Denied, match="ikke tilgang"):
            attempt()
    assert scenarios.open_version(db, LARS, "land", "lands-plan")[2] == LAND  # a leser may open
    with pytest.raises(Denied, match="krever rollen redaktør"):
        scenarios.save(db, LARS, "land", "Lars sin plan", LAND)
    with pytest.raises(Denied, match="krever rollen administrator"):
        members.set_member(db, LARS, "land", "ny@land.kommune.no", ADMIN)
    assert scenarios.versions(db, ANNE, "land", "lands-plan")[0].author == ANNE.user


def test_members_are_managed_by_administrators_and_the_last_one_stays(db):
    two_organisations(db)
    members.set_member(db, ANNE, "land", LARS.user, EDITOR)
    assert members.members(db, ANNE, "land") == [(ANNE.user, ADMIN), (LARS.user, EDITOR)]
    with pytest.raises(StoreError, match="minst én administrator"):
        members.set_member(db, ANNE, "land", ANNE.user, READER)
    members.set_member(db, ANNE, "land", LARS.user, None)
    assert members.members(db, ANNE, "land") == [(ANNE.user, ADMIN)]
    assert ("medlem", LARS.user, "fjernet") in [
        (e.action, e.target, e.detail) for e in members.audit_trail(db, ANNE, "land")
    ]
    with pytest.raises(StoreError, match="ukjent rolle"):
        members.set_member(db, ANNE, "land", LARS.user, "sjef")


def test_links_open_for_their_organisation_until_revoked(db):
    two_organisations(db)
    token = links.share(db, ANNE, "land", "Lands opplasting", LAND)
    assert links.TOKEN.fullmatch(token)
    assert links.open_link(db, LARS, token)[1] == LAND
    with pytest.raises(Denied, match="ikke tilgang"):
        links.open_link(db, BRITT, token)
    with pytest.raises(Denied):
        links.open_link(db, None, token)  # not signed in, not public
    with pytest.raises(Denied):
        links.revoke(db, BRITT, token)
    with pytest.raises(Denied, match="tillater ikke åpne lenker"):
        links.make_public(db, ANNE, token, True)
    members.allow_public_links(db, ANNE, "land", True)
    links.make_public(db, ANNE, token, True)
    assert links.open_link(db, None, token)[1] == LAND  # a council's public papers
    links.revoke(db, ANNE, token)
    for who in (ANNE, LARS, None):
        with pytest.raises(StoreError, match="trukket tilbake"):
            links.open_link(db, who, token)
    with pytest.raises(StoreError, match="finnes ikke"):
        links.open_link(db, ANNE, "0" * 32)
    actions = [e.action for e in members.audit_trail(db, ANNE, "land")]
    assert {"delte", "åpen lenke", "trakk tilbake lenke"} <= set(actions)


def test_many_uploads_by_one_user_never_push_out_another_users_link(db, monkeypatch):
    two_organisations(db)
    members.set_member(db, ANNE, "land", LARS.user, EDITOR)
    monkeypatch.setattr(links, "MAX_LINKS_PER_USER", 5)
    mine = links.share(db, ANNE, "land", "Annes", LAND)
    theirs = [links.share(db, LARS, "land", f"Lars {n}", LAND) for n in range(12)]
    assert links.open_link(db, ANNE, mine)[1] == LAND
    kept = [t for t in theirs if t in {s.token for s in links.links(db, ANNE, "land")}]
    assert kept == theirs[-5:]  # only Lars's own oldest went
    links.open_link(db, LARS, theirs[-5])  # opening keeps a link alive: now the newest of Lars's
    links.share(db, LARS, "land", "Lars igjen", LAND)
    assert links.open_link(db, LARS, theirs[-5])[1] == LAND
    with pytest.raises(StoreError):
        links.open_link(db, LARS, theirs[-4])


def test_drafts_belong_to_their_organisation(db):
    two_organisations(db)
    token = links.new_token()
    links.save_draft(db, ANNE, "land", token, "name: halvferdig")
    links.save_draft(db, ANNE, "land", token, "name: litt mer")
    assert links.load_draft(db, ANNE, "land", token) == "name: litt mer"
    assert links.load_draft(db, BRITT, "arendal", token) is None
    with pytest.raises(Denied):
        links.save_draft(db, BRITT, "arendal", token, "overtatt")
    links.drop_draft(db, ANNE, "land", token)
    assert links.load_draft(db, ANNE, "land", token) is None


def old_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarier"
    (folder / "delt").mkdir(parents=True)
    (folder / "plan-b.yaml").write_bytes(b"# Plan B\n" + ARENDAL)
    (folder / "plan-b.yaml.1").write_bytes(LAND)
    (folder / "odelagt.yaml").write_text("name: [uferdig\n")
    (folder / "delt" / ("ab" * 16 + ".yaml")).write_bytes(LAND)
    return folder


def test_files_from_before_the_database_are_imported_once_and_old_links_still_open(db, tmp_path):
    folder = old_folder(tmp_path)
    report = files.first_start(db, LOCAL, folder)
    assert (report.scenarios, report.versions, report.links) == (1, 2, 1)
    assert report.skipped == [("odelagt.yaml", "ikke et gyldig scenario")]
    assert "2 versjoner av 1 lagret scenario og 1 delt lenke er flyttet inn i databasen" in report.words()
    kept = scenarios.versions(db, LOCAL_USER, LOCAL, "plan-b")
    assert [v.comment for v in kept] == ["importert fra plan-b.yaml", "importert fra plan-b.yaml.1"]
    assert scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-b", 1)[2] == LAND
    assert scenarios.open_version(db, LOCAL_USER, LOCAL, "plan-b")[0] == "Plan B"
    assert links.open_link(db, LOCAL_USER, "ab" * 16)[1] == LAND
    assert files.first_start(db, LOCAL, folder) is None  # once
    again = files.import_folder(db, SYSTEM, LOCAL, folder)
    assert (again.versions, again.links) == (0, 0)  # and an explicit import adds nothing twice
    assert (folder / "plan-b.yaml.1").read_bytes() == LAND  # the files are left as they were


def test_concurrent_saves_of_one_scenario_all_land(db):
    scenarios.save(db, LOCAL_USER, LOCAL, "felles", LAND)
    results, errors = [], []

    def save(n: int) -> None:
        try:
            results.append(scenarios.save(db, LOCAL_USER, LOCAL, "felles", LAND, new_version=True, based_on=1,
                                          comment=f"lagring {n}"))  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.number for r in results) == list(range(2, 10))
    assert sorted(len(r.newer) for r in results) == list(range(8))  # each told of those that came first
    kept = scenarios.versions(db, LOCAL_USER, LOCAL, "felles")
    assert sorted(v.comment for v in kept[:-1]) == sorted(f"lagring {n}" for n in range(8))


def test_a_failed_migration_rolls_back(db, tmp_path):
    migrations = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0002_broken.py").write_text(
        textwrap.dedent("""
        import sqlalchemy as sa
        from alembic import op
        revision = "0002"
        down_revision = "0001"
        branch_labels = depends_on = None
        def upgrade():
            op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
            op.add_column("versions", sa.Column("extra", sa.Integer))
            op.execute("SELECT * FROM no_such_table")
        """)
    )
    with pytest.raises(Exception, match="no_such_table"):
        database.upgrade(db, migrations=migrations)
    from sqlalchemy import inspect

    assert database.current_revision(db) == "0001"
    assert not inspect(db.engine).has_table("half_done")
    assert "extra" not in {c["name"] for c in inspect(db.engine).get_columns("versions")}


def test_an_unreachable_database_says_so_in_norwegian():
    db = database.connect("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    with pytest.raises(Unavailable, match="databasen svarer ikke akkurat nå; ingenting er lagret"):
        scenarios.list_scenarios(db, LOCAL_USER, LOCAL)


def test_a_server_killed_during_saves_leaves_whole_versions(db, database_url):
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from costmodel.store import database, scenarios
        from costmodel.store.members import LOCAL, LOCAL_USER
        db = database.connect({database_url!r})
        data = open({str(BUDGETS / "land-2017.yaml")!r}, "rb").read() * 1
        print("klar", flush=True)
        n = 0
        while True:
            n += 1
            scenarios.save(db, LOCAL_USER, LOCAL, "avbrutt", data + f"# {{n}}\\n".encode(), new_version=True)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "klar"
    import time

    time.sleep(1.5)
    process.kill()
    process.wait()
    kept = scenarios.versions(db, LOCAL_USER, LOCAL, "avbrutt")
    assert len(kept) >= 2
    assert [v.number for v in kept] == list(range(len(kept), 0, -1))  # no gap, no half
    for v in kept:
        _, info, data = scenarios.open_version(db, LOCAL_USER, LOCAL, "avbrutt", v.number)
        assert content_hash(data) == info.content_hash
        assert data.endswith(f"# {v.number}\n".encode())
        load_scenario(data)
    assert scenarios.list_scenarios(db, LOCAL_USER, LOCAL)[0].latest == len(kept)
