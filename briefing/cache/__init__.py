"""The start-up cache: what a start worked out from the files, kept for the next start.

A warm start of the same deck (no file changed, no include glob matching anything new, the
same briefing) takes the loaded deck, its diagnostics and its summaries' parsed Markdown
from here, and the parsed theme files likewise, so it imports neither PyYAML nor the
deck's builders nor markdown-it before its first paint. A cold start loads as always and
stores what it loaded once the first paint is on screen.

The cache is trusted input, so only this user's own files are ever read: a private folder
(``$XDG_CACHE_HOME/briefing``, else ``~/.cache/briefing``, mode 0700, owned by the user;
any other is refused) holding files owned by the user and readable by nobody else, written
atomically, bounded in size, and versioned by briefing's version, the cache format and the
code that wrote them. ``BRIEFING_CACHE=0`` turns it off. ``briefing validate``, ``export``
and ``screenshot`` never use it: they always report from the real files.

Modules: ``folder`` (the private folder and its files), ``decks`` (stored loads and when one
is still valid), ``themes`` (parsed theme files by content).
"""
