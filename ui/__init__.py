"""The game window (pygame-ce + pygame_gui): a driver of the engine API; no game rules here."""
