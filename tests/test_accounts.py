"""The app with the store: versions in the tab «Versjoner», roles, organisations, links, the administrator's view,
the sign-in page and the refusal to run open on a reachable address. The signed-in user is set as sign-in would
set it (account.actor); sign-in itself against a real OpenID Connect provider is in the browser tests."""

from __future__ import annotations

import pytest
from conftest import BUDGETS, ROOT
from streamlit.testing.v1 import AppTest

from costmodel.engine import whatif
from costmodel.scenario import load_scenario, storage
from costmodel.store import links, members, scenarios
from costmodel.store.members import ADMIN, EDITOR, LOCAL, LOCAL_USER, READER, SYSTEM, Actor
from costmodel.ui import account

APP = str(ROOT / "streamlit_app.py")
LAND = load_scenario(BUDGETS / "land-2017.yaml")
ANNE = Actor("anne@land.kommune.no", "Anne Admin")
LARS = Actor("lars@land.kommune.no", "Lars Leser")
BRITT = Actor("britt@arendal.kommune.no", "Britt")


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    return at.run()


def figures(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


@pytest.fixture
def signed_in(fresh_store, monkeypatch):
    """Land and Arendal in the store; `as_(actor)` makes the app's user that actor, as a proxy's header would."""
    from costmodel.store import database

    database.upgrade(fresh_store)
    members.ensure_local(fresh_store)
    members.create_organisation(fresh_store, "land", "Land kommune")
    members.create_organisation(fresh_store, "arendal", "Arendal kommune")
    members.set_member(fresh_store, SYSTEM, "land", ANNE.user, ADMIN)
    members.set_member(fresh_store, SYSTEM, "land", LARS.user, READER)
    members.set_member(fresh_store, SYSTEM, "arendal", BRITT.user, EDITOR)
    monkeypatch.setattr(account, "mode", lambda: account.HEADER)

    def as_(actor: Actor | None) -> None:
        monkeypatch.setattr(account, "actor", lambda: actor)

    return fresh_store, as_


def test_the_versions_tab_opens_restores_marks_and_compares(fresh_store):
    from costmodel.store import database

    database.upgrade(fresh_store)
    members.ensure_local(fresh_store)
    five = whatif.apply(LAND, {"plan.oppbemanning.fte": 5.0})
    scenarios.save(fresh_store, LOCAL_USER, LOCAL, "Plan", storage.serialise(LAND, "Plan"), comment="fire")
    scenarios.save(fresh_store, LOCAL_USER, LOCAL, "Plan", storage.serialise(five, "Plan"), new_version=True)
    at = start(scenario="lagret:lokal/plan")
    latest = figures(at)
    at.session_state["view_tab"] = "Versjoner"
    at.run()
    table = at.dataframe[0].value
    assert list(table["Versjon"]) == [2, 1] and list(table["Kommentar"]) == ["", "fire"]
    assert list(table["Av"]) == ["lokal bruker", "lokal bruker"]
    changed = at.dataframe[1].value  # version 2 against 1, with the key figures below
    assert list(changed["Hva"]) == [
        "Rådmannens forslag › Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17): årsverk"
    ]
    assert list(changed.iloc[0, 1:]) == ["4", "5"]
    assert "Rådmannens forslag, sum 2017–2020" in list(at.dataframe[2].value["Nøkkeltall"])
    at.selectbox(key="version_pick-plan").set_value(1).run()
    at.button(key="version_open").click().run()
    assert at.session_state["source"] == "lagret:lokal/plan@1" and figures(at) != latest
    at.session_state["view_tab"] = "Versjoner"
    at.run()
    at.button(key="version_restore").click().run()
    assert "Versjon 1 er gjenopprettet som versjon 3." in [s.value for s in at.success]
    assert scenarios.open_version(fresh_store, LOCAL_USER, LOCAL, "plan")[2].endswith(
        scenarios.open_version(fresh_store, LOCAL_USER, LOCAL, "plan", 1)[2][-200:]
    )
    at.session_state["view_tab"] = "Versjoner"
    at.run()
    at.selectbox(key="version_status-3").set_value("vedtatt").run()
    assert any("kan ikke endres" in w.value for w in at.warning)
    at.button(key="version_set_status").click().run()
    assert scenarios.versions(fresh_store, LOCAL_USER, LOCAL, "plan")[0].status == "vedtatt"
    at.run()
    assert any("Versjon 3 er vedtatt og låst." in c.value for c in at.caption)


def test_a_reader_can_open_but_not_save(signed_in):
    db, as_ = signed_in
    scenarios.save(db, ANNE, "land", "Lands plan", storage.serialise(LAND, "Lands plan"))
    as_(LARS)
    at = start(scenario="lagret:land/lands-plan")
    assert not at.exception and figures(at)
    assert any("Innlogget som Lars Leser · Land kommune (leser)" in c.value for c in at.sidebar.caption)
    at.session_state["save_panel"] = True
    at.run()
    at.text_input(key="save_name").input("Lars sin plan").run()
    assert at.button(key="save").disabled
    assert any("rollen leser" in c.value for c in at.sidebar.caption)


def test_another_organisations_scenarios_and_links_show_no_access_and_no_figures(signed_in):
    db, as_ = signed_in
    scenarios.save(db, ANNE, "land", "Lands plan", storage.serialise(LAND, "Lands plan"))
    token = links.share(db, ANNE, "land", "Lands opplasting", storage.serialise(LAND, "x"))
    as_(BRITT)
    home = start()
    assert not [o for o in home.selectbox(key="source").options if "Lands" in o]  # not listed
    for crafted in ("lagret:land/lands-plan", "lagret:land/lands-plan@1", f"delt:{token}"):
        at = start(scenario=crafted)
        assert not at.exception and not at.metric and not at.main.title
        assert any("Ikke tilgang" in e.value for e in at.error), crafted
    as_(ANNE)
    assert figures(start(scenario=f"delt:{token}"))
    links.revoke(db, ANNE, token)
    gone = start(scenario=f"delt:{token}")
    assert not gone.metric and any("finnes ikke på denne serveren" in e.value for e in gone.error)


def test_someone_not_signed_in_sees_the_sign_in_page_or_a_public_link_only(signed_in):
    db, as_ = signed_in
    token = links.share(db, ANNE, "land", "Til bystyret", storage.serialise(LAND, "x"))
    as_(None)
    at = start()
    assert at.title[0].value == "Kostnadsmodell" and not at.metric
    assert any("Logg inn" in m.value for m in at.markdown) or at.error
    closed = start(scenario=f"delt:{token}")
    assert not closed.metric and any("Ikke tilgang" in e.value for e in closed.error)
    members.allow_public_links(db, ANNE, "land", True)
    links.make_public(db, ANNE, token, True)
    opened = start(scenario=f"delt:{token}")
    assert not opened.exception and figures(opened)
    assert not opened.get("file_uploader")  # nothing to save or upload without sign-in


def test_an_administrator_manages_members_links_and_reads_the_trail(signed_in):
    db, as_ = signed_in
    token = links.share(db, ANNE, "land", "Til bystyret", storage.serialise(LAND, "x"))
    as_(ANNE)
    at = start()
    at.toggle(key="admin").set_value(True).run()
    assert at.title[0].value == "Deling og tilgang"
    assert list(at.dataframe[1].value["Bruker"]) == [ANNE.user, LARS.user]
    at.text_input(key="admin_user").input("kari@land.kommune.no").run()
    at.selectbox(key="admin_role").set_value(EDITOR).run()
    at.button(key="admin_member").click().run()
    assert "kari@land.kommune.no er redaktør." in [s.value for s in at.success]
    assert (("kari@land.kommune.no", EDITOR)) in members.members(db, ANNE, "land")
    at.button(key="admin_revoke").click().run()
    assert links.links(db, ANNE, "land")[0].revoked and links.links(db, ANNE, "land")[0].token == token
    trail = at.dataframe[-1].value
    assert {"medlem", "delte", "trakk tilbake lenke"} <= set(trail["Hva"])
    as_(LARS)
    reader = start()
    reader.toggle(key="admin").set_value(True).run()
    assert len(reader.dataframe) <= 1 and not reader.get("text_input")  # a leser sees their own links only


def test_local_use_says_so_and_refuses_a_reachable_address(fresh_store, monkeypatch):
    at = start()
    assert any(c.value == "Lokal bruk: ingen innlogging" for c in at.sidebar.caption)
    monkeypatch.setattr(account, "LOOPBACK", set())  # as if started on 0.0.0.0
    refused = start()
    assert not refused.metric and any("uten innlogging" in e.value for e in refused.error)
    monkeypatch.setenv("COSTMODEL_OPEN_SERVER", "1")
    assert figures(start())


def test_the_database_going_away_keeps_the_page_and_says_so(postgres_cluster, monkeypatch):
    """Faults: PostgreSQL stops taking connections while a saved scenario is on screen. The page keeps its figures
    and what the user has moved, says the database does not answer, and a save says it was not saved; when the
    database is back, the save works."""
    import psycopg

    from costmodel.store import database

    url = postgres_cluster.database()
    monkeypatch.setenv("COSTMODEL_DATABASE_URL", url)
    db = database.connect(url)
    database.upgrade(db)
    members.ensure_local(db)
    scenarios.save(db, LOCAL_USER, LOCAL, "Plan", storage.serialise(LAND, "Plan"))
    at = start(scenario="lagret:lokal/plan")
    name = url.rsplit("/", 1)[1]
    admin = f"postgresql://postgres@127.0.0.1:{postgres_cluster.port}/postgres"

    def connections(allowed: bool) -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
            if not allowed:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))

    connections(False)
    try:
        at.slider(key="drv:plan.oppbemanning.fte").set_value(5.0).run()
        assert not at.exception and figures(at)  # the page and the what-if stay
        assert any("Databasen svarer ikke akkurat nå" in w.value for w in [*at.warning, *at.sidebar.warning])
        at.session_state["save_panel"] = True
        at.run()
        at.text_input(key="save_name").input("Plan B").run()
        at.button(key="save").click().run()
        assert any("Ikke lagret: databasen svarer ikke akkurat nå" in e.value for e in at.error)
    finally:
        connections(True)
    at.button(key="save").click().run()
    assert "Lagret som «Plan B», versjon 1." in at.success[0].value
    db.engine.dispose()


def test_a_member_of_two_organisations_chooses_which_one_to_work_in(signed_in):
    """A user in a municipality and in its samarbeid picks the organisation in the sidebar; the scenario list and
    where a save goes follow the choice."""
    db, as_ = signed_in
    members.create_organisation(db, "samarbeid", "Land og Gran barnevern")
    members.set_member(db, SYSTEM, "samarbeid", ANNE.user, EDITOR)
    scenarios.save(db, ANNE, "land", "Lands plan", storage.serialise(LAND, "Lands plan"))
    scenarios.save(db, ANNE, "samarbeid", "Felles plan", storage.serialise(LAND, "Felles plan"))
    as_(ANNE)
    at = start()
    assert at.selectbox(key="organisation").options == ["Land kommune", "Land og Gran barnevern"]
    assert "Lagret: Lands plan" in at.selectbox(key="source").options
    assert "Lagret: Felles plan" not in at.selectbox(key="source").options
    at.session_state["organisation"] = "samarbeid"
    at.run()
    assert "Lagret: Felles plan" in at.selectbox(key="source").options
    assert "Lagret: Lands plan" not in at.selectbox(key="source").options
    assert any("Land og Gran barnevern (redaktør)" in c.value for c in at.sidebar.caption)
