"""Tools for trainers who write scenarios: lint (valid but wrong), graph (Mermaid pictures) and the
template behind `new`. Built on sim.loader; nothing here changes how a scenario plays."""
