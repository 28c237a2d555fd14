"""What a screen and a handout show, computed from a ``Deck``: no Textual, no Rich.

Labels, dates at their precision, the timeline's geometry, the positions matrix, country
facts, the filter grammar and the Markdown parser configuration live here, so that the
screens (``briefing.ui``) and every export (``briefing.export``) say the same thing in the
same words, and the rules are tested as plain Python.
"""
