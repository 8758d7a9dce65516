"""LAN play (issue 7): not built yet."""
