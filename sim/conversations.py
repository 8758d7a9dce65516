"""Conversations with choices in a running session (issue 17, item 6): which conversations a role can
hold now, where each stands, whether a choice is on offer, and what saying it does — the other side's
answer (the first reply whose condition holds), the facts learned from it, and the ordinary talk or
consult the choice amounts to (so the Meldcode and claims rules judge it as they judge any talk).

The conversation itself is data (sim.conversation_model); every step is an input (`converse`) in the
log, so replay and resume give the same conversation, byte for byte."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.actions import parse_action
from sim.conversation_model import Choice, Conversation, Reply
from sim.fields import Text
from sim.messages import join_texts, message
from sim.world import DoneAction

if TYPE_CHECKING:
    from sim.engine import Session


SPEAKER = "speaker"
"""In a conversation's conditions, the role holding the talk ("the one speaking"): `known_by: {role: speaker,
fact: …}` or `done: {action: …, by: speaker}`, so one talk can be written for several roles."""


class _AsSpeaker:
    """The world as a conversation's conditions see it: `speaker` stands for the role holding the talk."""

    def __init__(self, world: Any, role: str):
        self._world, self._role = world, role

    def __getattr__(self, name: str) -> Any:
        return getattr(self._world, name)

    def knows(self, role: str, fact: str) -> bool:
        return self._world.knows(self._role if role == SPEAKER else role, fact)

    def done_matching(self, flt: Any) -> bool:
        if flt.by == SPEAKER:
            flt = flt.model_copy(update={"by": self._role})
        return self._world.done_matching(flt)


def holds(cond: Any, s: "Session", role: str) -> bool:
    """Does a conversation's condition hold for `role` (None always holds)?"""
    return cond is None or cond.holds(_AsSpeaker(s.world, role))


def _ended(s: "Session", role: str, conv: Conversation) -> bool:
    return (role, conv.id) in s.world.conversations and s.world.conversations[(role, conv.id)] is None


def may_again(s: "Session", role: str, conv: Conversation) -> bool:
    """Has the talk ended long enough ago (`again_after`) to be held again from its opening?"""
    if conv.again_after is None or not _ended(s, role, conv):
        return False
    history = s.world.conversation_history.get((role, conv.id)) or [{"t": 0.0}]
    return s.now >= history[-1]["t"] + conv.again_after


def state(s: "Session", role: str, conv: Conversation) -> str | None:
    """The node `role` has reached in `conv`: its opening node before the first choice (once the talk
    may be held again: its second opening, `again_start`), None once over."""
    if may_again(s, role, conv):
        return conv.again
    return s.world.conversations.get((role, conv.id), conv.first)


def over(s: "Session", role: str, conv: Conversation) -> bool:
    """Has `role` finished this conversation (and may not hold it again yet)?"""
    return _ended(s, role, conv) and not may_again(s, role, conv)


def begun(s: "Session", role: str, conv: Conversation) -> bool:
    """Has `role` said anything in this conversation yet?"""
    return (role, conv.id) in s.world.conversations


def open_now(s: "Session", role: str, conv: Conversation) -> bool:
    """Can `role` say something in `conv` now: it is theirs, not over, and begun or available (`when`)."""
    if role not in conv.roles or over(s, role, conv):
        return False
    return begun(s, role, conv) or holds(conv.when, s, role)


def offered(s: "Session", conv: Conversation, node_id: str, role: str) -> list[Choice]:
    """The choices at a node that are on offer to `role` now (a choice's `when` holds)."""
    return [c for c in conv.node(node_id).choices if holds(c.when, s, role)]


def reply_to(s: "Session", choice: Choice, role: str) -> tuple[int, Reply]:
    """The other side's answer to `role`: the first reply whose condition holds (the last is the fallback)."""
    for n, reply in enumerate(choice.replies):
        if holds(reply.when, s, role):
            return n, reply
    return len(choice.replies) - 1, choice.replies[-1]  # not reached: the last reply has no `when`


def person_of(s: "Session", conv: Conversation) -> str | None:
    """The family member the conversation is with (the child, or the first parent with gezag)."""
    if conv.person:
        return conv.person
    child = s.scenario.person_by_id[conv.child]
    if conv.with_ == "child":
        return child.id
    if conv.with_ == "parents":
        return child.gezag[0] if child.gezag else None
    return None


def counted_action(conv: Conversation, choice: Choice) -> Any | None:
    """The ordinary action a choice amounts to (a talk, a consult), about the conversation's child."""
    if choice.counts_as is None:
        return None
    params = {k: v for k, v in choice.counts_as.model_dump(exclude_none=True).items() if v not in ([], None)}
    if params["do"] == "talk_parents" and conv.person:
        params["person"] = conv.person  # a talk with mother alone is a talk with her, not with the father too
    return parse_action({**params, "child": conv.child})


def refusal(s: "Session", role: str, a: Any) -> Text | None:
    """Why this step of a conversation cannot be said now (a Text in plain words), or None."""
    from sim import effects

    sc = s.scenario
    conv = sc.conversation_by_id.get(a.conversation)
    if conv is None:
        return message("conversation_unknown", conversation=a.conversation)
    if role not in conv.roles:
        return message("conversation_not_yours", roles=join_texts([sc.role_in_sentence(r) for r in conv.roles]))
    if over(s, role, conv):
        return message("conversation_over")
    if not open_now(s, role, conv):
        return message("conversation_not_now")
    choice = next((c for c in offered(s, conv, state(s, role, conv), role) if c.id == a.choice), None)  # type: ignore[arg-type]
    if choice is None:
        return message("conversation_no_choice")
    counted = counted_action(conv, choice)
    return effects.check(s, role, counted) if counted is not None else None


def choose(s: "Session", role: str, a: Any) -> None:
    """Say the choice: log what was said and answered, learn the answer's facts, move on (or end), and
    take the ordinary step the choice amounts to."""
    sc = s.scenario
    conv = sc.conversation_by_id[a.conversation]
    node = conv.node(state(s, role, conv))  # type: ignore[arg-type]
    choice = next(c for c in node.choices if c.id == a.choice)
    n, reply = reply_to(s, choice, role)
    nxt = None if reply.end else (reply.next or choice.next)
    s.world.conversations[(role, conv.id)] = nxt
    entry = {"t": s.now, "node": node.id, "prompt": node.text.model_dump(), "choice": choice.id,
             "say": choice.say.model_dump(),
             "reply": reply.text.model_dump(), "facts": list(reply.facts), "ended": nxt is None}
    s.world.conversation_history.setdefault((role, conv.id), []).append(entry)
    s.emit("conversation", role=role, conversation=conv.id, child=conv.child, node=node.id, choice=choice.id,
           reply=n, say=choice.say.model_dump(), answer=reply.text.model_dump(), marks=list(choice.marks),
           good=choice.good, ended=nxt is None, **{"with": conv.with_})
    sender = person_of(s, conv) or role
    s.tell(role, "conversation", sender, reply.text)
    for fact in reply.facts:
        s.learn(role, fact, "told", conv.child if conv.with_ == "child" else None)
    counted = counted_action(conv, choice)
    if counted is not None:
        _count(s, role, conv, counted)


def _count(s: "Session", role: str, conv: Conversation, counted: Any) -> None:
    """The ordinary talk or consult the choice amounts to, logged as an action of its own (marked with
    the conversation it came from) so every rule about talks and consults sees it. Its effect is the
    conversation's own answer, except what only the engine decides: the family's consent when asked
    for it (sim.npc.ask_consent) and Veilig Thuis's advice (sim.veilig_thuis)."""
    from sim import npc, veilig_thuis
    from sim.claims import talk_people

    by = s.world.done[-1].by if s.world.done else "player"
    params = counted.params()
    s.emit("action", role=role, by=by, action=params, conversation=conv.id)
    s.world.done.append(DoneAction(s.now, role, params, by))
    if counted.do in ("talk_parents", "talk_child") and counted.purpose == "consent":
        # Only who is in the conversation answers: a talk with mother asks mother, not the absent father
        # (he is asked in a talk of his own); a talk with "the parents" asks everyone with gezag.
        people = [counted.child] if counted.do == "talk_child" else \
            talk_people(counted.params(), s.scenario.person_by_id[counted.child])
        for person in people:
            npc.ask_consent(s, role, counted.child, person, counted.share_with, counted.about)
    elif counted.do == "advice_veilig_thuis":
        veilig_thuis.advice(s, role, counted)


def role_conversations(s: "Session", role: str) -> list[dict[str, Any]]:
    """What the role's view shows of its conversations: those it can hold now or has held, each with
    the node reached (its text and the choices on offer), what was said so far (`history`) and the same
    split into the talks held, each with the moment it began (`talks`)."""
    out = []
    for conv in s.scenario.conversations:
        if role not in conv.roles or not (begun(s, role, conv) or open_now(s, role, conv)):
            continue
        node_id = state(s, role, conv)
        node = conv.node(node_id) if node_id else None
        out.append({
            "id": conv.id, "title": conv.title.model_dump(), "with": conv.with_, "child": conv.child,
            "person": person_of(s, conv), "over": node is None,
            "node": {"id": node.id, "text": node.text.model_dump()} if node else None,
            "choices": [{"id": c.id, "say": c.say.model_dump()} for c in offered(s, conv, node.id, role)] if node else [],
            "history": [dict(h) for h in s.world.conversation_history.get((role, conv.id), [])],
            "talks": talks_of(s.world.conversation_history.get((role, conv.id), [])),
        })
    return out


def talks_of(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The history of a conversation as the separate talks it was (issue 17 review, item 8): a talk held
    again after `again_after` starts where the previous one ended — each `{"t": when it began, "history"}`."""
    talks: list[dict[str, Any]] = []
    for entry in history:
        if not talks or talks[-1]["history"][-1].get("ended"):
            talks.append({"t": entry["t"], "history": []})
        talks[-1]["history"].append(dict(entry))
    return talks
