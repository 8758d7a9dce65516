"""Meldcode stap 3, the talk with the client: which of a role's talks with the parents or the child
put the worry on the table, and which ended before that (issue 17: a talk that went badly is no step 3).

A talk counts when the worry was discussed with each side that has a say (the parents with gezag, and
the child from 12 — seed 003, "Let op de leeftijd" and 7 tips); a promise of secrecy the Meldcode cannot
keep (seed 003, 7 tips, tip 3), a child of 12 or older never asked its view, or a talk broken off before
the worry came up leaves the step begun, not done. Pure functions over the world (`client_talks`) and over
a RoleView (`talk_step`); the tracker (ui.tracker) shows the result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.conversations import person_of

if TYPE_CHECKING:
    from sim.engine import Session

WORRY = {"names_concern", "asks_child_view"}
"""What puts the worry on the table in a conversation: naming the concern, or asking the child's view."""


STEP_THREE_PURPOSE = "concern"
"""The one purpose of an ordinary talk action that puts the worry on the table (issue 17 review, item 1).
Meldcode stap 3 is the talk with the client about the signals (domain.md §4); telling the family that
information will be shared, or asking their consent, is the stappenplan "Kan ik informatie delen?"
(seed 003, 7 tips) — it says with whom and why, not what worries you."""

REASONS_WITH_TEXT = ("secrecy", "child_not_asked", "ongoing", "broken_off")
"""The reasons a talk was no step 3 that the tracker explains in words of their own; the others
(`not_the_worry`, `in_conversation`) leave the plain "talk about your worry" (`talk_left.<side>`)."""


def _move_of(conv: Any, t: float, node_id: str, choice_id: str, reply: Any) -> dict[str, Any]:
    node = conv.node(node_id)
    choice = next(c for c in node.choices if c.id == choice_id)
    reply = reply(choice)
    ended = reply.end or (reply.next or choice.next) is None
    closing = all(c.next is None and all(r.next is None for r in c.replies) for c in node.choices)
    return {"t": t, "marks": list(choice.marks), "answered": not ended or bool(reply.facts),
            "ended": ended, "closing": closing,
            "counts_as": choice.counts_as.do if choice.counts_as is not None else None}


def _move(conv: Any, entry: dict[str, Any]) -> dict[str, Any]:
    """One thing said in a conversation, as the tracker reads it: its marks, whether the other side
    answered by going on or by telling something (`answered`), whether that answer ended the talk
    (`ended`), and whether it was said at the talk's closing stage (a node whose every choice ends it)."""
    return _move_of(conv, entry["t"], entry["node"], entry["choice"], lambda choice: next(
        (r for r in choice.replies if r.text.model_dump() == entry["reply"]), choice.replies[-1]))


def move_of_record(conv: Any, record: dict[str, Any]) -> dict[str, Any]:
    """The same reading of a `conversation` log record (its reply by index), for the judge."""
    n = int(record.get("reply", -1))
    return _move_of(conv, float(record["t"]), record["node"], record["choice"],
                    lambda choice: choice.replies[n] if -len(choice.replies) <= n < len(choice.replies)
                    else choice.replies[-1])


def conversation_for(sc: Any, role: str, params: dict[str, Any]) -> Any | None:
    """The scenario's conversation with choices in which `role` holds this talk with the family about
    the child, or None (issue 17 review, item 1): a talk with the child when the role has a conversation
    with that child; a talk with the parents that includes the parent the role has a conversation with
    (or any parent, for a conversation with "the parents"). Where the scenario writes the talk as a
    conversation, Meldcode stap 3 with that person goes as the conversation goes — a one-click talk
    with them does not put the worry on the table by itself (it still informs or asks consent) — until
    the role has held that conversation to its end for good (`over_for_good`)."""
    from sim.claims import talk_people

    do, child = params.get("do"), params.get("child")
    if do not in ("talk_parents", "talk_child") or child not in sc.person_by_id:
        return None
    people = set(talk_people(params, sc.person_by_id[child]))
    for conv in sc.conversations:
        if role not in conv.roles or conv.child != child:
            continue
        if do == "talk_child" and conv.with_ == "child":
            return conv
        if do == "talk_parents" and conv.with_ == "parents" and (conv.person is None or conv.person in people):
            return conv
    return None


def over_for_good(conv: Any, ended: bool) -> bool:
    """Has the role held this conversation to its end with no way to hold it again (no `again_after`)?
    Then a later talk with that person is a talk of its own, and counts as any talk does (the engine
    says so when the conversation is asked for again: "kies Gesprek met de ouders"). `ended`: whether
    the role's last talk in it had ended by then."""
    return ended and conv.again_after is None


def held_as_conversation(s: "Session", role: str, params: dict[str, Any], t: float) -> Any | None:
    """The conversation with choices a talk action of `role` at `t` is judged by (`conversation_for`),
    unless the role had held that conversation to its end for good by then (`over_for_good`)."""
    conv = conversation_for(s.scenario, role, params)
    if conv is None:
        return None
    before = [e for e in s.world.conversation_history.get((role, conv.id)) or [] if e["t"] <= t]
    return None if over_for_good(conv, bool(before) and bool(before[-1].get("ended"))) else conv


def is_step_three(expectation: Any) -> bool:
    """Is this expectation Meldcode stap 3, the talk with the client about the worry: a talk with the
    parents or the child whose purpose is the concern (or not named)?"""
    return expectation.do in ("talk_parents", "talk_child") and \
        str(expectation.match.get("purpose", STEP_THREE_PURPOSE)) == STEP_THREE_PURPOSE


def client_talks(s: "Session", role: str) -> dict[str, list[dict[str, Any]]]:
    """Per child, this role's talks with the client (Meldcode stap 3), oldest first: each time a
    conversation with choices with the parents or the child was held (`{"t", "with": parents | child,
    "person", "conversation", "over", "moves": [...]}`, sim.conversation_model; a talk held again after
    `again_after` is a talk of its own), and each ordinary talk action (`talk_parents`, `talk_child`:
    `{"t", "with", "conversation": None, "purpose"}`, with `held_as`: the conversation it belongs to, when
    the scenario has one for this role and person — `conversation_for`) that did not come from such a
    conversation."""
    sc = s.scenario
    out: dict[str, list[dict[str, Any]]] = {p.id: [] for p in sc.family.persons if p.is_child}
    from_conversations: list[tuple[float, str, str]] = []
    for conv in sc.conversations:
        history = s.world.conversation_history.get((role, conv.id)) or []
        if conv.with_ not in ("parents", "child") or conv.child not in out or not history:
            continue
        runs: list[list[dict[str, Any]]] = [[]]
        for entry in history:
            if runs[-1] and runs[-1][-1]["ended"]:
                runs.append([])
            runs[-1].append(_move(conv, entry))
        for moves in runs:
            out[conv.child].append({"t": moves[0]["t"], "with": conv.with_, "person": person_of(s, conv),
                                    "conversation": conv.id, "over": moves[-1]["ended"], "moves": moves})
            from_conversations += [(m["t"], m["counts_as"], conv.child) for m in moves if m["counts_as"]]
    for d in s.world.done:
        do, child = d.params.get("do"), d.params.get("child")
        if d.role != role or do not in ("talk_parents", "talk_child") or child not in out:
            continue
        if (d.t, do, child) in from_conversations:
            from_conversations.remove((d.t, do, child))
            continue
        held_as = held_as_conversation(s, role, d.params, d.t)
        out[child].append({"t": d.t, "with": "parents" if do == "talk_parents" else "child",
                           "conversation": None, "purpose": d.params.get("purpose"),
                           **({"held_as": held_as.id} if held_as is not None else {})})
    for talks in out.values():
        talks.sort(key=lambda k: k["t"])
    return out


def discussed(talk: dict[str, Any], child_age: int) -> str | None:
    """Was the worry actually discussed in this talk with the client (Meldcode stap 3)? None when it
    was, else why not: `secrecy` (a promise to tell nobody, which the Meldcode cannot keep — seed 003,
    7 tips, tip 3), `child_not_asked` (a child of 12 or older has a say and was not asked its view —
    seed 003, "Let op de leeftijd"), `ongoing` (the talk has not got there yet) or `broken_off` (it
    ended before: the other side closed it, or it stayed small talk). An ordinary talk action is a talk
    about its purpose and counts. In a conversation the worry is discussed when a move names it or asks
    the child's view and the other side answers — by going on or by telling something, or at the talk's
    closing stage when no reproach left the other side closed.

    An ordinary talk action counts only when its purpose is the concern (`not_the_worry` otherwise:
    informing about sharing or asking consent is no step 3), and only with people the scenario gives
    the role no conversation with choices for (`in_conversation`: with them the conversation decides)."""
    if talk.get("conversation") is None:
        if (talk.get("purpose") or STEP_THREE_PURPOSE) != STEP_THREE_PURPOSE:
            return "not_the_worry"
        return "in_conversation" if talk.get("held_as") else None
    moves = talk["moves"]
    if any("promises_secrecy" in m["marks"] for m in moves):
        return "secrecy"
    if talk["with"] == "child" and child_age >= 12 and not any("asks_child_view" in m["marks"] for m in moves):
        return "child_not_asked"
    open_ = True
    for m in moves:
        worry = bool(WORRY & set(m["marks"]))
        if worry and (m["answered"] or (m["closing"] and open_)):
            return None
        if "accuses" in m["marks"]:
            open_ = False  # a reproach closes the other side until a worry gets a real answer
    return "broken_off" if talk["over"] else "ongoing"


def talk_step(talks: list[dict[str, Any]], age: int, say: list[str], child: str) -> dict[str, Any]:
    """Step 3 for one child, from the role's `talks` with the client about it (`client_talks`): `done`,
    when the worry was discussed with each side that has a say (a parent with gezag under 16, the child
    itself from 12 — `say`, sim.claims.who_has_a_say), `begun`, when a talk first began, and `left`,
    what is still to do while it is not done (keys `talk_left.<side>[.<why>]`, shown by the tracker)."""
    sides = (["parents"] if any(p != child for p in say) or not say else []) + (["child"] if child in say else [])
    first: dict[str, float] = {}
    why: dict[str, str] = {}
    for talk in talks:
        reason = discussed(talk, age)
        if reason is None:
            first.setdefault(talk["with"], talk["t"])
        elif talk["with"] not in first and reason in REASONS_WITH_TEXT:
            why[talk["with"]] = reason
        elif talk["with"] not in first:
            why.pop(talk["with"], None)  # the latest talk says what is left
    begun = talks[0]["t"] if talks else None
    if all(side in first for side in sides):
        return {"done": max(first[side] for side in sides), "begun": begun, "left": []}
    left = [f"talk_left.{side}" + (f".{why[side]}" if side in why else "") for side in sides if side not in first]
    return {"done": None, "begun": begun, "left": left if begun is not None else []}


def talk_steps(s: "Session", role: str, talks: dict[str, list[dict[str, Any]]],
               say: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """`talk_step` for every child of the family, as the role's view carries it."""
    return {p.id: talk_step(talks.get(p.id, []), int(p.age), say.get(p.id, []), p.id)
            for p in s.scenario.family.persons if p.is_child}
