"""The LAN protocol (issue 7): JSON text frames over a websocket, one object per frame with a `type`.

Client → server: `hello` (join code + how to join), `act`, `view`, `choose_role`, `control` (facilitator).
Server → client: `welcome`, `lobby`, `view`, `clock`, `ack`, `error`, `message`, `timeline`,
`desk`, `status`, `debrief`. A frame that is not valid JSON, too large, of an unknown type or with
fields of the wrong type is answered with `error` and the connection stays open. `decode` is also the
one place where text from the network is cleaned (issue 13): names, messages and identifiers."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

MAX_FRAME = 64 * 1024           # bytes; a client never needs more (an action is a few hundred bytes)
DEFAULT_PORT = 8765

CLIENT_TYPES: dict[str, dict[str, type | tuple[type, ...]]] = {
    # type: {field: expected type}; fields not listed are refused
    "hello": {"code": str, "as": str, "name": str, "role": str, "token": str},
    "act": {"action": dict, "ref": (int, str)},
    "view": {"role": str, "ref": (int, str)},
    "choose_role": {"role": str, "ref": (int, str)},
    "control": {"token": str, "op": str, "to": (int, float, str, type(None)), "speed": (int, float),
                "event": str, "text": str, "role": str, "player": str, "idle_minutes": (int, float), "mode": str,
                "ref": (int, str)},
    "ping": {},
}
REQUIRED = {"hello": ("code",), "act": ("action",), "view": ("role",), "choose_role": ("role",),
            "control": ("token", "op")}
JOIN_AS = ("player", "bot", "facilitator", "dashboard")

NAME_MAX = 40                   # characters of a person's name (lobby, status, reports)
TEXT_MAX = 2000                 # characters of a facilitator's message
ID_MAX = 100                    # characters of an identifier: code, token, role/event/fact id, ref
MAX_DEPTH = 6                   # nesting of objects and lists inside a frame (an action needs 3)
MAX_REF = 2 ** 53               # a numeric ref stays exact in every JSON reader
NAME_FIELDS = ("name", "player")        # a person's name: cleaned to one short line
TEXT_FIELDS = ("text",)                 # free text: cleaned, newlines kept
ACTION_TEXT_FIELDS = ("reason", "considerations")  # a player's own words inside an action (issue 14)
ACTION_TEXT_MAX = 1000


class ProtocolError(Exception):
    """A client frame that breaks the protocol; `code` is machine-readable, `text` is Dutch and English."""

    def __init__(self, code: str, nl: str, en: str):
        super().__init__(en)
        self.code, self.nl, self.en = code, nl, en

    def frame(self, ref: Any = None) -> str:
        """The `error` frame that answers the bad message."""
        return encode({"type": "error", "code": self.code, "text": {"nl": self.nl, "en": self.en}, "ref": ref})


def encode(msg: dict[str, Any]) -> str:
    """One outgoing frame (compact JSON, UTF-8 text). Text that cannot be UTF-8 (a lone surrogate,
    which `decode` never lets in) is replaced, so one bad string can never make a frame unsendable."""
    text = json.dumps(msg, separators=(",", ":"), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def decode(frame: str | bytes) -> dict[str, Any]:
    """Parse, check and clean one client frame; raises ProtocolError with a clear reason.

    This is the one place where text from the network is made safe: every string of every frame
    (nested ones in `action` too) is valid Unicode without lone surrogates, free text (`name`,
    `player`, `text`) is cleaned of control characters and cut to length, and identifiers (codes,
    tokens, role, event and fact ids, refs) with control characters or longer than `ID_MAX` are
    refused. The lobby, the log and the reports only ever see what this returns."""
    if isinstance(frame, bytes):
        raise ProtocolError("binary", "Alleen tekstberichten (JSON) worden geaccepteerd.",
                            "Only text (JSON) frames are accepted.")
    if _too_deep(frame):                    # refused before the parser recurses (no RecursionError)
        raise ProtocolError("bad_shape", "Dit bericht is te diep genest.", "This message is nested too deeply.")
    try:
        msg = json.loads(frame, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_json", "Dit bericht is geen geldige JSON.", "This message is not valid JSON.") \
            from None
    if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
        raise ProtocolError("bad_shape", 'Een bericht is een JSON-object met een "type".',
                            'A message is a JSON object with a "type".')
    _check_strings(msg, 0)
    spec = CLIENT_TYPES.get(msg["type"])
    if spec is None:
        raise ProtocolError("unknown_type", f'Onbekend berichttype "{shown(msg["type"])}".',
                            f'Unknown message type "{shown(msg["type"])}".')
    for key, value in msg.items():
        if key == "type":
            continue
        want = spec.get(key)
        if want is None:
            raise ProtocolError("unknown_field", f'Onbekend veld "{shown(key)}" in "{msg["type"]}".',
                                f'Unknown field "{shown(key)}" in "{msg["type"]}".')
        if not isinstance(value, want) or isinstance(value, bool) and want is not bool:
            raise ProtocolError("wrong_type", f'Veld "{key}" heeft een verkeerd type.',
                                f'Field "{key}" has the wrong type.')
    for key in REQUIRED.get(msg["type"], ()):
        if key not in msg:
            raise ProtocolError("missing_field", f'Veld "{key}" ontbreekt in "{msg["type"]}".',
                                f'Field "{key}" is missing in "{msg["type"]}".')
    return {key: _clean_field(key, value) for key, value in msg.items()}


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep(frame: str) -> bool:
    """Does the text nest objects and lists deeper than MAX_DEPTH + 1 (the frame itself is one)?
    Counted on the raw text, outside strings, before any parser sees it."""
    if frame.count("[") + frame.count("{") <= MAX_DEPTH + 1:
        return False
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub('""', frame)):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH + 1:
            return True
    return False


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number")   # NaN and Infinity are not JSON


def _bad_text(nl: str, en: str) -> ProtocolError:
    return ProtocolError("bad_text", nl, en)


def _check_strings(value: Any, depth: int) -> None:
    """Every string (keys too) must be valid Unicode, i.e. encodable as UTF-8: a lone surrogate
    (`\\ud800` in JSON) would break every frame that repeats it, so the frame is refused."""
    if depth > MAX_DEPTH:
        raise ProtocolError("bad_shape", "Dit bericht is te diep genest.", "This message is nested too deeply.")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _bad_text("Dit bericht bevat ongeldige tekens (een losse surrogaat).",
                            "This message contains invalid characters (a lone surrogate).") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, depth + 1)
            _check_strings(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, depth + 1)


def _control(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "C"       # Cc, Cf (bidi overrides, zero width), Cs, Co, Cn


def shown(value: str, limit: int = 40) -> str:
    """A client's string as it may be echoed in an error text: no control characters, short."""
    return "".join(ch for ch in value[:limit] if not _control(ch))


def clean_name(value: str) -> str:
    """A person's name as the lobby shows it: one line, no control characters, at most NAME_MAX."""
    text = "".join(" " if ch.isspace() else ch for ch in value if ch.isspace() or not _control(ch))
    return " ".join(text.split())[:NAME_MAX].strip()


def clean_text(value: str, limit: int = TEXT_MAX) -> str:
    """Free text (a facilitator's message): newlines kept, other control characters removed, cut."""
    value = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", value).replace("\t", " ")
    return "".join(ch for ch in value if ch == "\n" or not _control(ch))[:limit]


def _identifier(value: Any, where: str) -> Any:
    """Identifiers are never cleaned into another identifier: one that is too long or holds a
    control character is refused (nested lists and objects, as in `action`, are walked). A player's own
    words inside an action (`reason`, `considerations`) are free text: cleaned, not refused."""
    if isinstance(value, str):
        if len(value) > ID_MAX or any(_control(ch) for ch in value):
            raise _bad_text(f'Veld "{where}" is te lang of bevat stuurtekens.',
                            f'Field "{where}" is too long or contains control characters.')
    elif isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            _identifier(key, where)
            if where == "action" and key in ACTION_TEXT_FIELDS and isinstance(item, str):
                cleaned[key] = clean_text(item, ACTION_TEXT_MAX)
            else:
                cleaned[key] = _identifier(item, f"{where}.{shown(key, 20)}")
        return cleaned
    elif isinstance(value, list):
        for item in value:
            _identifier(item, where)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REF:
        raise _bad_text(f'Veld "{where}" is een te groot getal.', f'Field "{where}" is too large a number.')
    return value


def _clean_field(key: str, value: Any) -> Any:
    if key in NAME_FIELDS and isinstance(value, str):
        return clean_name(value)
    if key in TEXT_FIELDS and isinstance(value, str):
        return clean_text(value)
    return _identifier(value, key)


def decode_server(frame: str | bytes) -> dict[str, Any]:
    """Parse one frame from the server (clients trust the server's shapes but not its size)."""
    msg = json.loads(frame)
    if not isinstance(msg, dict):
        raise ValueError("not a JSON object")  # noqa: TRY004 — callers treat every bad frame alike
    return msg
