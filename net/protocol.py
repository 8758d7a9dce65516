"""The LAN protocol (issue 7): JSON text frames over a websocket, one object per frame with a `type`.

Client → server: `hello` (join code + how to join), `act`, `view`, `choose_role`, `control` (facilitator).
Server → client: `welcome`, `lobby`, `view`, `clock`, `ack`, `error`, `message`, `timeline`,
`desk`, `status`, `debrief`. A frame that is not valid JSON, too large, of an unknown type or with
fields of the wrong type is answered with `error` and the connection stays open."""

from __future__ import annotations

import json
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
                "event": str, "text": str, "role": str, "player": str, "idle_minutes": (int, float),
                "ref": (int, str)},
    "ping": {},
}
REQUIRED = {"hello": ("code",), "act": ("action",), "view": ("role",), "choose_role": ("role",),
            "control": ("token", "op")}
JOIN_AS = ("player", "bot", "facilitator", "dashboard")


class ProtocolError(Exception):
    """A client frame that breaks the protocol; `code` is machine-readable, `text` is Dutch and English."""

    def __init__(self, code: str, nl: str, en: str):
        super().__init__(en)
        self.code, self.nl, self.en = code, nl, en

    def frame(self, ref: Any = None) -> str:
        """The `error` frame that answers the bad message."""
        return encode({"type": "error", "code": self.code, "text": {"nl": self.nl, "en": self.en}, "ref": ref})


def encode(msg: dict[str, Any]) -> str:
    """One outgoing frame (compact JSON, UTF-8 text)."""
    return json.dumps(msg, separators=(",", ":"), ensure_ascii=False)


def decode(frame: str | bytes) -> dict[str, Any]:
    """Parse and check one client frame; raises ProtocolError with a clear reason."""
    if isinstance(frame, bytes):
        raise ProtocolError("binary", "Alleen tekstberichten (JSON) worden geaccepteerd.",
                            "Only text (JSON) frames are accepted.")
    try:
        msg = json.loads(frame)
    except ValueError:
        raise ProtocolError("bad_json", "Dit bericht is geen geldige JSON.", "This message is not valid JSON.") \
            from None
    if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
        raise ProtocolError("bad_shape", 'Een bericht is een JSON-object met een "type".',
                            'A message is a JSON object with a "type".')
    spec = CLIENT_TYPES.get(msg["type"])
    if spec is None:
        raise ProtocolError("unknown_type", f'Onbekend berichttype "{msg["type"][:40]}".',
                            f'Unknown message type "{msg["type"][:40]}".')
    for key, value in msg.items():
        if key == "type":
            continue
        want = spec.get(key)
        if want is None:
            raise ProtocolError("unknown_field", f'Onbekend veld "{key[:40]}" in "{msg["type"]}".',
                                f'Unknown field "{key[:40]}" in "{msg["type"]}".')
        if not isinstance(value, want) or isinstance(value, bool) and want is not bool:
            raise ProtocolError("wrong_type", f'Veld "{key}" heeft een verkeerd type.',
                                f'Field "{key}" has the wrong type.')
    for key in REQUIRED.get(msg["type"], ()):
        if key not in msg:
            raise ProtocolError("missing_field", f'Veld "{key}" ontbreekt in "{msg["type"]}".',
                                f'Field "{key}" is missing in "{msg["type"]}".')
    return msg


def decode_server(frame: str | bytes) -> dict[str, Any]:
    """Parse one frame from the server (clients trust the server's shapes but not its size)."""
    msg = json.loads(frame)
    if not isinstance(msg, dict):
        raise ValueError("not a JSON object")  # noqa: TRY004 — callers treat every bad frame alike
    return msg
