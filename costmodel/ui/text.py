"""User text shown as text. A file name or an address's parameter goes into Markdown (headings, messages,
captions) only through `plain`. A scenario from a user (an upload, a saved version, a link) is shown `neutral`:
every sequence Markdown would act on gets an invisible zero-width space, so a name or label can never become a
heading, a link, an image fetched by the viewer's browser, a coloured directive, an icon or HTML, and looks
the same."""

from __future__ import annotations

import re

SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&])")  # what opens emphasis, links, images, HTML, tables, maths
DIRECTIVE = re.compile(r":(?=[\w/])")  # `:red[…]`, `:material/…:`, `:smile:`, `https://` (a bare link)
WWW = re.compile(r"(?i)\b(www)\.")  # `www.example.no` becomes a link by itself
LEADING = re.compile(r"^([-+=>]|\d+[.)])")  # a list or a heading when text starts a line


def plain(value: object) -> str:
    """`value` as Markdown that shows exactly its characters, on one line."""
    text = SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    text = WWW.sub(r"\1\\.", DIRECTIVE.sub(r"\\:", text))
    return LEADING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


ZWSP = "\u200b"  # zero-width space: invisible, and breaks the sequence Markdown would act on
ACTIVE = re.compile(
    r"(?<=\])(?=\()"  # [text](address): a link, or with ! an image the viewer's browser fetches
    r"|(?<=!)(?=\[)"
    r"|(?<=<)(?=[A-Za-z/!?])"  # <b>, </p>, <!--: HTML
    r"|(?<=:)(?=[A-Za-z][\w-]*(?:\[|/|:))"  # :red[…], :material/icon:, :smile:
    r"|(?<=http)(?=s?://)|(?<=www)(?=\.)"  # a bare web address becomes a link by itself
    r"|^(?=#)",  # a heading, where the text starts a line
    re.IGNORECASE | re.MULTILINE,
)


def neutral(value: str) -> str:
    """`value` with an invisible break in every sequence Markdown would turn into a link, an image, HTML, a
    directive or a bare link; text without such a sequence is returned unchanged."""
    return ACTIVE.sub(ZWSP, value)


def neutral_data(data):
    """Scenario data with every text neutral (names, labels, sources), for a scenario from a user."""
    if isinstance(data, dict):
        return {key: neutral_data(item) for key, item in data.items()}
    if isinstance(data, list):
        return [neutral_data(item) for item in data]
    return neutral(data) if isinstance(data, str) else data
