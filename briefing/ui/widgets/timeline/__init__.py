"""Widgets of the timeline screen: the lanes, the time axis, the detail pane, the filter prompt."""
