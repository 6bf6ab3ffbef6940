"""User text shown as text: a scenario's name, a line's label, a file name or an address's parameter goes into
Markdown (headings, messages, captions) only through `plain`, so it can never become a heading, a list, a link,
an image fetched by the viewer's browser, a coloured directive, an icon or HTML."""

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
