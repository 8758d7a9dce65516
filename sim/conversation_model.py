"""Conversations with choices, as scenario data (issue 17, item 6): a talk with a parent, the child, a
colleague or Veilig Thuis written as a short branching dialogue — how you open, what you ask, what you
promise. The other side's reply depends on the approach (the choice), on the facts and the moment (a
condition on the reply) and is written for the child's age; what is said becomes knowledge, and a choice
can carry marks the judge knows (promising a child secrecy, asking the child's own view, …)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from sim.actions import Purpose, Subject
from sim.conditions import Condition
from sim.fields import Frozen, Hours, Id, SeedRef, Text

Mark = Literal["promises_secrecy", "asks_child_view", "names_concern", "accuses", "informs_about_report",
               "asks_consent", "explains_sharing", "listens", "small_talk"]
"""What a choice does, in words the judge knows (scoring.units.conversation): `promises_secrecy` a
promise to tell nobody (seed 003, 7 tips, tip 3 and the stappenplan: the client is told when you share,
even without consent — so secrecy cannot be promised when safety is at stake); `asks_child_view` asking
the child what it thinks or wants (seed 003, 7 tips: from 12 the child has a say); `names_concern` naming
the worry plainly and kindly; `accuses` a reproach instead of a concern; `informs_about_report` telling
that you will report to Veilig Thuis; `asks_consent` asking consent; `explains_sharing` saying with whom
you share and why (seed 003, 7 tips, tip 3 and 5); `listens` asking open questions, listening; and
`small_talk` talk that does not say what the conversation is about."""

With = Literal["parents", "child", "colleague", "veilig_thuis"]
"""Whom the conversation is with: the parents with gezag of the child, the child itself, a colleague of
one's own organisation, or Veilig Thuis."""


class Reply(Frozen):
    """One possible answer of the other side: the first reply whose `when` holds is given (the last one
    without `when` is the fallback). It can teach facts (they become the player's knowledge, as told)
    and lead to another node than the choice's own `next`."""

    when: Condition | None = Field(default=None, description="given only when this holds (e.g. after: 3w)")
    text: Text
    facts: list[Id] = Field(default_factory=list, description="what the player learns from this answer")
    next: Id | None = Field(default=None, description="go on at this node instead of the choice's `next`")
    end: bool = Field(default=False, description="this answer ends the conversation")


class CountsAs(Frozen):
    """The ordinary step the conversation amounts to once this choice is made, so the Meldcode and the
    claims rules see it (a talk with the parents about a concern, asking consent, a consult …). The
    conversation's child is filled in."""

    do: Literal["talk_parents", "talk_child", "consult_colleague", "advice_veilig_thuis"]
    purpose: Purpose | None = None
    about: Subject | None = None
    share_with: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(default_factory=list, description="for a consult: the facts you tell")
    anonymous: bool | None = Field(default=None, description="for advice from Veilig Thuis")


class Choice(Frozen):
    """What the player can say at a node."""

    id: Id
    say: Text = Field(description="what you say (the button)")
    when: Condition | None = Field(default=None, description="offered only when this holds")
    replies: list[Reply] = Field(min_length=1)
    next: Id | None = Field(default=None, description="the node that follows; none: the conversation ends")
    marks: list[Mark] = Field(default_factory=list)
    counts_as: CountsAs | None = None
    good: bool = Field(default=False, description="the scenario marks this as the right approach (praise)")

    @model_validator(mode="after")
    def _fallback_last(self) -> "Choice":
        if self.replies[-1].when is not None:
            raise PydanticCustomError("reply_fallback", "the last reply of a choice has no `when`: it is the "
                                      "answer when no other holds")
        return self


class Node(Frozen):
    """A moment in the conversation: what happens or what the other side says, and your choices."""

    id: Id
    text: Text = Field(description="the situation or what the other side says now")
    choices: list[Choice] = Field(min_length=1)
    source: SeedRef | None = Field(default=None, description="where this moment of the talk comes from, when it "
                                   "differs from the conversation's own source (a seed passage or 'eigen toevoeging')")


class Conversation(Frozen):
    """A branching talk one of `roles` can hold about `child` (when `when` holds), from node `start`
    (default: the first node). Each role holds it once — or again after `again_after`, then from
    `again_start` when given; refused choices change nothing."""

    id: Id
    title: Text
    with_: With = Field(alias="with")
    child: Id
    person: Id | None = Field(default=None, description="the family member you talk with (default: the child, "
                              "or the first parent with gezag)")
    roles: list[Id] = Field(min_length=1)
    when: Condition | None = Field(default=None, description="available only when this holds")
    start: Id | None = None
    again_after: Hours | None = Field(default=None, description="the role may hold this talk again this long after "
                                      "it ended (a parent who said 'maybe later'); none: once")
    again_start: Id | None = Field(default=None, description="where a talk held again (after `again_after`) opens: "
                                   "the other side remembers the last talk; none: the opening again")
    nodes: list[Node] = Field(min_length=1)
    source: SeedRef

    @property
    def first(self) -> str:
        """The node the conversation opens at."""
        return self.start or self.nodes[0].id

    @property
    def again(self) -> str:
        """The node a talk held again opens at (issue 17 review, item 8: a parent who slammed the door two
        weeks ago does not start over as if you never met): `again_start`, else the opening."""
        return self.again_start or self.first

    def node(self, node_id: str) -> Node:
        """The node with this id (ids are checked at load time)."""
        return next(n for n in self.nodes if n.id == node_id)
