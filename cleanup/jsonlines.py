"""JSON as one line of UTF-8, and corpus lines rebuilt byte for byte.

Change logs and the records of cleaned corpora are written by
:func:`dump_json`.  A corpus record that cleaning changed is written anew,
so its line no longer shows how the input spelled it (spacing, ``\\u``
escapes, key order kept but maybe duplicate keys dropped).  To let
``cleanup restore`` give the corpus back byte for byte, the change log
keeps a record's *frame* when writing it anew would not give its line back
(:func:`frame_of`), and :func:`rebuild_body` puts the line together again.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, not in typeshed
from typing import Any

# made once: json.dumps with any argument builds an encoder at every call
_UTF8_JSON = json.JSONEncoder(ensure_ascii=False)
json_str = json.encoder.encode_basestring  # a JSON string, non-ASCII as it is (what _UTF8_JSON writes)
_ASCII_STR = json.encoder.encode_basestring_ascii

# Besides \n and \r, str.splitlines() breaks lines at these, which JSON may hold
# as they are: a reader splitting that way would cut a record in two.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def json_line(text: str) -> bytes:
    """JSON text as one line of UTF-8, non-ASCII characters as they are but those
    line breaks; ASCII-escaped whole if it holds a lone surrogate."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINE_BREAKS)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(json.loads(text)).encode("ascii")


def dump_json(record: dict[str, Any]) -> bytes:
    """A record as one JSON line (no line break; see :func:`json_line`).
    ``--jsonl`` runs and the engine write corpus records so."""
    return json_line(_UTF8_JSON.encode(record))


# --- frames ----------------------------------------------------------------------


def _after_blank(body: str, at: int) -> int:
    """Where the JSON whitespace that starts at ``at`` ends (the pattern matches the empty string)."""
    blank = _WHITESPACE.match(body, at)
    assert blank is not None
    return blank.end()


def value_span(body: str, field: str) -> tuple[int, int] | None:
    """Where the value of the top-level member ``field`` of the JSON object
    ``body`` is (its last one, as :func:`json.loads` keeps the last); None if
    ``body`` is not an object with that member."""
    at = _after_blank(body, 0)
    if body[at:at + 1] != "{":
        return None
    at = _after_blank(body, at + 1)
    if body[at:at + 1] == "}":
        return None
    span = None
    while True:
        if body[at:at + 1] != '"':
            return None
        key, at = scanstring(body, at + 1)
        at = _after_blank(body, at)
        if body[at:at + 1] != ":":
            return None
        start = _after_blank(body, at + 1)
        _, end = _DECODER.raw_decode(body, start)
        if key == field:
            span = (start, end)
        at = _after_blank(body, end)
        if body[at:at + 1] == ",":
            at = _after_blank(body, at + 1)
        elif body[at:at + 1] == "}":
            return span
        else:
            return None


def frame_of(body: bytes, record: dict[str, Any], field: str, text: str) -> dict[str, str] | None:
    """What the change log must keep to rebuild ``body``, the line (without its
    line break) of ``record``, whose ``field`` holds ``text``: None if writing
    the record anew gives it back; else the line around the field's value
    (``prefix``, ``suffix``) and how the value was escaped (``escape``
    ``none`` or ``ascii``, else the value's JSON as it was, ``token``); or, if
    the value cannot be found, the whole line (``line``)."""
    if dump_json(record) == body:
        return None
    try:
        line = body.decode("utf-8")
        span = value_span(line, field)
    except (UnicodeDecodeError, ValueError):
        span = None
    if span is None:
        return {"line": body.decode("utf-8", "surrogateescape")}
    token = line[span[0]:span[1]]
    frame = {"prefix": line[:span[0]], "suffix": line[span[1]:]}
    if token == json_str(text):
        frame["escape"] = "none"
    elif token == _ASCII_STR(text):
        frame["escape"] = "ascii"
    else:
        frame["token"] = token
    return frame


def rebuild_body(record: dict[str, Any], field: str, text: str, frame: dict[str, Any] | None) -> bytes:
    """The line (without its line break) that :func:`frame_of` described, its
    field holding ``text`` again; ``record`` is the record as cleaned."""
    if frame is None:
        return dump_json({**record, field: text})
    if "line" in frame:
        return frame["line"].encode("utf-8", "surrogateescape")
    if "token" in frame:
        token = frame["token"]
    else:
        token = _ASCII_STR(text) if frame.get("escape") == "ascii" else json_str(text)
    return (frame["prefix"] + token + frame["suffix"]).encode("utf-8", "surrogateescape")
