"""The presenter view's widgets: what is on screen now, and what comes next."""
