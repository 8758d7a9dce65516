"""Debrief reports (issue 8): what trainers hand out after a session, and where results go.

Reads session logs only, never the live game (design.md: the log is the single source of truth).

    report LOG… --out r.html|r.pdf [--lang en]     one session or a team comparison (report.build):
           [--name TEAM]… [--brief] [--slides]     one page per team first (report.teampage, report.compare)
    report --cohort LOG… [--after LOG…]            many sessions, before/after groups (report.cohort)
    results add|list|show|export|delete|prune      the local SQLite results store (report.store)
    export-xapi LOG… --lrs URL | --out FILE        cmi5-shaped xAPI statements (report.xapi,
    export-xapi --flush --lrs URL                  report.xapi_export); exit 3: statements stay queued

Content is decided once as a small document model (report.document) and laid out by report.html
(one self-contained file) or report.pdf (fpdf2, A4, bundled DejaVu Sans). Labels and discussion
questions are data (report/data/*.yaml). Scores come from `scoring.score_log` when that exists.
"""
