"""The extended properties (docProps/app.xml) of a deck or a note: the application that wrote it, not the
library's template («Microsoft Macintosh Word», «On-screen Show (4:3)», «Slides 0»)."""

from __future__ import annotations

from xml.sax.saxutils import escape

NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
APPLICATION = "Kostnadsmodell"


def set_app_properties(package, **fields: str | int) -> None:
    """Replace the package's app.xml with the application's name and `fields` (element name → value, in order)."""
    elements = {"Application": APPLICATION, **fields}
    body = "".join(f"<{name}>{escape(str(value))}</{name}>" for name, value in elements.items())
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{NAMESPACE}">{body}</Properties>'
    )
    part = next(p for p in package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    part._blob = xml.encode("utf-8")  # a generic part: its bytes are what is written
