"""Use cases. The UI and the command line both call these; every write goes through them."""
