"""The passive policy beside the expert one (issue 21): the team that plays every playable role and does
nothing — the bystander effect of seed 003 (VIR), the lower yardstick of 'Balans' and the debrief. Like
the shipped families, a family keeps it as policies/ID_passive.yaml beside the scenario; the studio
writes it for a new family and whenever it was changed, never a copy of an unchanged shipped one."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from nicegui import ui

from studio.document import Document, autosave_path
from studio.widgets import Editor

OPEN: WeakKeyDictionary[Document, Document] = WeakKeyDictionary()  # scenario → its passive policy
EDITORS: WeakKeyDictionary[Any, Editor] = WeakKeyDictionary()  # browser tab → its editor of that policy


def passive_text(sid: str) -> str:
    """A new family's passive policy, as the shipped ones are written."""
    return ("# Passief team: iedere speelbare rol wordt gespeeld, niemand doet iets (het omstandereffect, "
            "seed 003 VIR).\n# A passive team: every playable role is played and nobody acts.\n"
            f"policy: passive\nscenario: {sid}\nactions: []\n")


def target(doc: Document) -> Path | None:
    """Where the passive policy is saved: policies/ID_passive.yaml beside the scenario file."""
    if doc.path is None:
        return None
    return doc.path.parent / "policies" / f"{doc.get(('meta', 'id')) or doc.path.stem}_passive.yaml"


def shipped(doc: Document) -> Path:
    """Where a shipped family's passive policy is (scenarios/policies/ID_passive.yaml)."""
    from sim.policy import POLICY_DIR

    return POLICY_DIR / f"{doc.get(('meta', 'id')) or 'nieuw_gezin'}_passive.yaml"


def passive_doc(doc: Document) -> Document:
    """The scenario's passive policy: the file beside it, else the shipped one, else a new one (with any
    unsaved work from its side file)."""
    if doc in OPEN:
        return OPEN[doc]
    where = target(doc)
    sid = str(doc.get(("meta", "id")) or "nieuw_gezin")
    if where is not None and where.exists():
        pol = Document.open(where)
    elif shipped(doc).exists():
        pol = Document(shipped(doc).read_text(encoding="utf-8"), where)
    else:
        pol = Document(passive_text(sid), where)
    side = autosave_path(where) if where is not None else None
    if side is not None and side.exists():
        pol.restore(side.read_text(encoding="utf-8"))
    OPEN[doc] = pol
    return pol


def save_beside(doc: Document) -> Path | None:
    """On 'Opslaan': write the passive policy beside the scenario when it was changed, or when the family
    has none yet (neither beside it nor shipped); its `scenario:` follows the scenario's id."""
    where = target(doc)
    if where is None:
        return None
    pol = passive_doc(doc)
    sid = str(doc.get(("meta", "id")) or "")
    if not pol.dirty and (where.exists() or shipped(doc).exists()):
        return None
    return save_policy_at(pol, sid, where)


def save_policy_at(pol: Any, sid: str, where: Path) -> Any:
    """Write a policy document for scenario `sid` to `where` (its `scenario:` set to the family's id; a
    new place is written fresh, never compared with what another file held)."""
    if pol.get(("scenario",)) != sid:
        pol.set(("scenario",), sid)
    if pol.path != where:
        pol.path, pol.disk_sha = where, ""
    where.parent.mkdir(parents=True, exist_ok=True)
    if not where.exists():
        pol.disk_sha = ""
    return pol.save(where)


def page_passive(ed: Editor, report: Any, actions: Any) -> None:
    """The passive team: which roles it plays, that it takes no step, and the file it is kept in."""
    pol = passive_doc(ed.doc)
    pe = EDITORS.get(actions)
    if pe is None or pe.doc is not pol:
        def changed(redraw: bool = False) -> None:
            if pol.dirty and pol.path is not None:
                pol.path.parent.mkdir(parents=True, exist_ok=True)
                pol.autosave()
            ed.on_change(redraw=redraw)
        pe = EDITORS[actions] = Editor(pol, ed.lang, ed.readonly, on_change=changed)
    pe.ids_from, pe.lang, pe.readonly = ed.doc, ed.lang, ed.readonly
    pe.slots, pe.pickers = {}, []
    where = target(ed.doc) or f"policies/{ed.doc.get(('meta', 'id'))}_passive.yaml"
    if not pol.dirty and not (isinstance(where, Path) and where.exists()) and shipped(ed.doc).exists():
        where = shipped(ed.doc)  # an unchanged shipped family keeps using the shipped file
    ui.label(ed.t("passive_help", file=where)).classes("text-sm text-grey-8")
    playable = [str(r.get("id")) for r in ed.doc.get(("roles",)) or []
                if isinstance(r, dict) and r.get("id") and r.get("playable", True) is not False]
    ui.label(ed.t("passive_roles", roles=", ".join(playable) or "—")).props('data-status="passive-roles"')
    if report.scenario is not None:
        from studio.checks import check_policy

        for issue in check_policy(pol.text, report.scenario, ed.lang):
            ui.label(f"✖ [{'/'.join(map(str, issue.path)) or '—'}] {issue.text}").classes("text-negative")
    if not pol.get(("actions",)):
        ui.label(ed.t("passive_no_steps")).classes("text-positive").mark("passive-no-steps")
        return
    # steps written by hand into the file: shown (and removable), with what they do and do not do
    ui.label(ed.t("passive_has_steps")).classes("text-orange-9").mark("passive-has-steps")
    pe.item_list("steps")
