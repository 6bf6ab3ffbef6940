"""Sign-in in a real browser against a real OpenID Connect provider (node-oidc-provider, started here): two users
in two organisations cannot list, open or link to each other's scenarios, by the page or by crafted addresses; a
leser cannot save; a revoked link stops working. Without Chromium or Node.js these are skipped with a reason,
except under CI (CI=true), where that fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from browser_kit import CHROMIUM, browser_page, free_port, serve, settled  # noqa: E402

NODE = ROOT / "tests" / "node"  # Node tools of the tests (package.json)
PROVIDER = NODE


def unavailable(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail("under CI må innloggingstestene kjøre, men " + message)
    pytest.skip(message)


def provider_ready() -> None:
    if not Path(CHROMIUM).exists():
        unavailable("Chromium finnes ikke (apt-get install chromium)")
    if not shutil.which("node") or not shutil.which("npm"):
        unavailable("Node.js finnes ikke (apt-get install nodejs npm)")
    if not (PROVIDER / "node_modules" / "oidc-provider").exists():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER, capture_output=True, text=True)
        if done.returncode != 0:
            unavailable(f"npm ci feilet: {done.stderr[-400:]}")


@pytest.fixture(scope="module")
def signed_in_app(tmp_path_factory):
    """The app with sign-in against the provider, on its own SQLite store with Land and Arendal."""
    provider_ready()
    from costmodel.scenario import load_scenario, storage
    from costmodel.store import database, links, members, scenarios
    from costmodel.store.members import ADMIN, EDITOR, READER, SYSTEM

    folder = tmp_path_factory.mktemp("innlogging")
    app_port, provider_port = free_port(), free_port()
    callback = f"http://127.0.0.1:{app_port}/oauth2callback"
    (folder / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / ".streamlit" / "secrets.toml").write_text(
        f"""[auth]
redirect_uri = "{callback}"
cookie_secret = "en-lang-tilfeldig-hemmelighet-bare-for-testene-0123456789"
client_id = "kostnadsmodell"
client_secret = "hemmelig-testnokkel"
server_metadata_url = "http://127.0.0.1:{provider_port}/.well-known/openid-configuration"
client_kwargs = {{ prompt = "login" }}
"""
    )
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    db = database.connect(url)
    database.upgrade(db)
    members.create_organisation(db, "land", "Land kommune")
    members.create_organisation(db, "arendal", "Arendal kommune")
    members.set_member(db, SYSTEM, "land", "anne@land.kommune.no", ADMIN)
    members.set_member(db, SYSTEM, "land", "lars@land.kommune.no", READER)
    members.set_member(db, SYSTEM, "arendal", "britt@arendal.kommune.no", EDITOR)
    land = storage.serialise(load_scenario(ROOT / "budgets" / "land-2017.yaml"), "Lands plan")
    anne = members.Actor("anne@land.kommune.no")
    scenarios.save(db, anne, "land", "Lands plan", land)
    token = links.share(db, anne, "land", "Lands opplasting", land)
    provider = subprocess.Popen(
        ["node", str(PROVIDER / "provider.mjs"), str(provider_port), callback],
        cwd=PROVIDER, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert provider.stdout.readline().strip() == "ready"
        env = {"COSTMODEL_DATABASE_URL": url}
        with serve(port=app_port, env=env, cwd=folder) as app:
            yield app, db, token
    finally:
        provider.terminate()
        provider.wait(10)


def sign_in(page, app: str, login: str) -> None:
    """Through the page: «Logg inn», the provider's form, back to the app."""
    from playwright.sync_api import expect

    page.goto(app)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r"/interaction/"), timeout=30_000)
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("passord")
    page.locator("button[type=submit]").click()
    if page.get_by_role("button", name=re.compile("Continue|Fortsett")).count():
        page.get_by_role("button", name=re.compile("Continue|Fortsett")).click()
    expect(page.get_by_text("Innlogget som")).to_be_visible(timeout=60_000)
    settled(page)


def test_two_organisations_see_only_their_own_and_a_leser_cannot_save(signed_in_app):
    from playwright.sync_api import expect

    app, db, token = signed_in_app
    with browser_page(1200) as page:
        page.goto(app)
        expect(page.get_by_role("button", name="Logg inn")).to_be_visible(timeout=60_000)
        assert page.locator("[data-testid='stMetric']").count() == 0  # nothing before sign-in
        sign_in(page, app, "anne")
        expect(page.get_by_text("Innlogget som Anne Admin · Land kommune (administrator)")).to_be_visible()
        page.goto(app + "?scenario=lagret:land/lands-plan")
        expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name="Land barnevernstjeneste – budsjett 2017–2020")).to_be_visible()

        britt = page.context.browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
        sign_in(britt, app, "britt")
        expect(britt.get_by_text("Innlogget som Britt Redaktør · Arendal kommune (redaktør)")).to_be_visible()
        britt.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
        options = britt.get_by_role("option")
        expect(options.first).to_be_visible(timeout=10_000)
        assert not [t for t in options.all_inner_texts() if "Lands plan" in t]  # not listed
        britt.keyboard.press("Escape")
        for crafted in ("lagret:land/lands-plan", "lagret:land/lands-plan@1", f"delt:{token}"):
            britt.goto(f"{app}?scenario={crafted}")
            expect(britt.get_by_text("Ikke tilgang.")).to_be_visible(timeout=60_000)
            settled(britt)
            assert britt.locator("[data-testid='stMetric']").count() == 0, crafted

        lars = page.context.browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
        sign_in(lars, app, "lars")
        lars.goto(app + "?scenario=lagret:land/lands-plan")
        expect(lars.locator("[data-testid='stMetric']").first).to_be_visible(timeout=60_000)
        lars.locator("[data-testid='stSidebar']").get_by_text("Lagre", exact=True).first.click()
        expect(lars.get_by_text("Du har rollen leser i Land kommune og kan ikke lagre")).to_be_visible(timeout=30_000)
        expect(lars.locator(".st-key-save button")).to_be_disabled()


def test_a_revoked_link_stops_working(signed_in_app):
    from playwright.sync_api import expect

    from costmodel.store import links
    from costmodel.store.members import Actor

    app, db, token = signed_in_app
    with browser_page(1200) as page:
        sign_in(page, app, "anne")
        page.goto(f"{app}?scenario=delt:{token}")
        expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=60_000)
        links.revoke(db, Actor("anne@land.kommune.no"), token)
        page.reload()
        expect(page.get_by_text("Scenariet i lenken finnes ikke på denne serveren")).to_be_visible(timeout=60_000)
        settled(page)
        assert page.locator("[data-testid='stMetric']").count() == 0


def test_behind_a_proxy_the_header_signs_in_only_when_it_comes_from_the_trusted_proxy(tmp_path):
    """Header mode: the user's e-mail in COSTMODEL_AUTH_HEADER is believed from COSTMODEL_TRUSTED_PROXIES only (here
    the browser stands in for the proxy on loopback); from any other address the same header signs in no one."""
    from playwright.sync_api import expect

    from costmodel.store import database, members
    from costmodel.store.members import ADMIN, SYSTEM

    if not Path(CHROMIUM).exists():
        unavailable("Chromium finnes ikke (apt-get install chromium)")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    db = database.connect(url)
    database.upgrade(db)
    members.create_organisation(db, "land", "Land kommune")
    members.set_member(db, SYSTEM, "land", "anne@land.kommune.no", ADMIN)
    header = {"X-Forwarded-Email": "anne@land.kommune.no"}
    for trusted, signed_in in (("127.0.0.1", True), ("10.9.9.9", False)):
        env = {
            "COSTMODEL_DATABASE_URL": url,
            "COSTMODEL_AUTH_HEADER": "X-Forwarded-Email",
            "COSTMODEL_TRUSTED_PROXIES": trusted,
        }
        with serve(env=env) as app, browser_page(1200, extra_http_headers=header) as page:
            page.goto(app)
            if signed_in:
                expect(page.get_by_text("Innlogget som anne@land.kommune.no · Land kommune")).to_be_visible(
                    timeout=60_000
                )
                expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=60_000)
            else:
                expect(page.get_by_text("Innloggingen foran appen sendte ingen bruker")).to_be_visible(timeout=60_000)
                assert page.locator("[data-testid='stMetric']").count() == 0
