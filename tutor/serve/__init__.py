"""`gdtutor serve`: the course in a browser, one app process per session, one progress file per learner.

Built on textual-serve (the optional extra `gdtutor[serve]`), which serves a Textual app over
aiohttp and websockets. What gdtutor adds: a learner name for each session, validated and kept
apart (`tutor.progress.learners`); a bound on concurrent sessions and on each one's idle time; and
app processes that always end with their session. textual-serve has no authentication: the server
listens on 127.0.0.1 unless told otherwise, and says that anything wider needs a reverse proxy that
authenticates.
"""
