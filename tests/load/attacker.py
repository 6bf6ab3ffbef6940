"""Another user sending crafted input to the app, over and over, until killed: a 1 700-line scenario upload, an
address with 300 values, and an address that asks for the longest horizon with a simulation on the page.
Usage: python attacker.py APP_URL FILE_TO_UPLOAD. Prints "klar" once its browser is up."""

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "bench"))
from browser_kit import browser_page  # noqa: E402

url, upload = sys.argv[1], sys.argv[2]
crafted = [
    url + "?" + "&".join(f"x{k}=1" for k in range(300)),
    url + "?scenario=arendal-tiltaksteam.yaml&months=600&visning=presentasjon",
]
with browser_page(900) as page:
    print("klar", flush=True)
    while True:
        for address in crafted:
            page.goto(address)
            page.wait_for_timeout(1500)
        page.goto(url)
        page.locator("input[type=file]").first.set_input_files(upload)
        page.wait_for_timeout(1500)
