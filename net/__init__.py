"""LAN play for a facilitated training day (issue 7): a websocket server that runs one engine session
(`net.server`, `net.game`), the protocol (`net.protocol`, see net/README.md), a facilitator console
in the terminal (`net.console`), bots that play a role from a policy (`net.bot`) and the `host` /
`join` commands (`net.cli`). The player window, projector dashboard and hot-seat screens come with
the game window (ui/); the server already provides their messages."""
