"""The scenario studio (issue 21): trainers build, check and try a family in the browser, without
seeing YAML. The YAML file stays the truth (studio.document); the pages are NiceGUI (studio.app)."""
