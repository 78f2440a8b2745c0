"""Running a session live: the presenter view, the projector view, chimes and the pacer."""
