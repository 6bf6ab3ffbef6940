"""The server settings that keep the app safe to put on a network."""

import tomllib
from pathlib import Path

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text("utf-8"))


def test_upload_limit_is_a_few_megabytes():
    assert 1 <= CONFIG["server"]["maxUploadSize"] <= 5


def test_xsrf_and_cors_protection_stay_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True
    assert CONFIG["server"]["enableStaticServing"] is False


def test_users_never_see_error_details():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["browser"]["gatherUsageStats"] is False
