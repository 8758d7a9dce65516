"""Debrief reports (issue 8): not built yet."""
