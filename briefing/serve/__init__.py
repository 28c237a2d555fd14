"""``briefing serve``: the follower in a browser, through textual-serve, for its own user only.

command.py (the command line, the socket's directory, what to type), web.py (the aiohttp
application: page, files, a websocket per tab), guard.py (who may use it), tab.py (one
tab's follower process), upstream.py (what is taken from textual-serve, and the check that
the installed version still has it). docs/sharing.md, "Browser view", has the design.
"""
