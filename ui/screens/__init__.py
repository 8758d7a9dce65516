"""The window's screens: start, desk, action dialog, debrief."""
