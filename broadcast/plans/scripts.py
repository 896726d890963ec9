"""Draft announcement scripts for each topic, from editable template files."""

import re
from functools import cache
from importlib import resources
from string import Template

from broadcast.plans.types import DocumentInfo, EventInfo, TopicInfo

TEMPLATE_NAMES = ("greeting", "topic", "event", "event_undated", "closing")


@cache
def template(name: str) -> Template:
    """A template file of broadcast/plans/templates/ ($name placeholders)."""
    path = resources.files("broadcast.plans").joinpath(f"templates/{name}.txt")
    return Template(path.read_text("utf-8").strip())


def spoken_paragraph(text: str) -> str:
    """A topic turned into sentences: clauses split at ';', ellipses dropped."""
    text = re.sub(r"\s*(\.\.\.+|…)\s*", " ", text)
    parts = [part.strip(" .,:") for part in re.split(r";|\.\s+", text)]
    sentences = [part[0].upper() + part[1:] for part in parts if part]
    return ". ".join(sentences) + "."


def _place(document: DocumentInfo) -> str:
    place = document.place or ""
    return place[0].lower() + place[1:] if place[:1].isupper() and " " in place else place


def draft_script(document: DocumentInfo, event: EventInfo | None, topic: TopicInfo) -> str:
    """Greeting, the topic as a spoken paragraph, the event and its dates, closing."""
    values = {
        "place": _place(document) or "địa phương",
        "document_number": document.full_number or "",
        "issuer": document.issuer or "Ủy ban nhân dân",
        "topic": spoken_paragraph(topic.text),
    }
    parts = [template("greeting"), template("topic")]
    if event is not None:
        values["event_name"] = event.name
        if event.date_start and event.date_end:
            values["event_start"] = f"{event.date_start:%d/%m/%Y}"
            values["event_end"] = f"{event.date_end:%d/%m/%Y}"
            parts.append(template("event"))
        else:
            parts.append(template("event_undated"))
    parts.append(template("closing"))
    return "\n\n".join(part.safe_substitute(values) for part in parts)
