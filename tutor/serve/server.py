"""The classroom server: textual-serve's, with a learner per session and bounds on the load.

What a browser sees: `/` asks for a name (or takes `?learner=NAME` from the link the teacher handed
out), checks it, and opens the app page, whose websocket `/ws/NAME` starts that learner's app
process. When every seat is taken, `/` answers with a page that says so (HTTP 503) and the
websocket is refused, so no process is started. A session ends when the browser closes (or stops
answering the websocket heartbeat), when the learner quits the app, when no key has been pressed
for the idle limit, or when the server stops; in every case the app is asked to quit, which saves
the learner's progress, and its process is gone before the seat is freed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server, to_int
from yarl import URL

from tutor.i18n import _, language, render
from tutor.progress.learners import MAX_LENGTH, BadLearnerName, learner_name
from tutor.serve.app_service import LearnerAppService

log = logging.getLogger("gdtutor.serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
HEARTBEAT = 15.0


@dataclass(eq=False)
class Seat:
    """One browser session: whose it is, its app, and when the learner last pressed a key."""

    learner: str
    last_input: float
    service: LearnerAppService | None = None
    websocket: web.WebSocketResponse | None = field(default=None, repr=False)


class ClassroomServer(Server):
    """Serves gdtutor to browsers: at most `max_sessions` at once, each closed after `idle_timeout`
    seconds without input (0: never)."""

    def __init__(self, command: str, *, host: str, port: int, max_sessions: int, idle_timeout: float,
                 public_url: str | None = None) -> None:
        super().__init__(command, host=host, port=port, title="gdtutor", public_url=public_url,
                         templates_path=TEMPLATES)
        self.fixed_public_url = public_url
        self.max_sessions = max_sessions
        self.idle_timeout = idle_timeout
        self.seats: set[Seat] = set()

    @property
    def full(self) -> bool:
        return len(self.seats) >= self.max_sessions

    def allowed_hosts(self) -> set[str]:
        """The host names a request may be addressed to; empty: any.

        On loopback, only loopback names, and the host of --public-url (what an authenticating proxy
        passes on, if it passes the Host header at all): a web page elsewhere that points a name of
        its own at 127.0.0.1 (DNS rebinding) cannot reach the classroom through a learner's browser."""
        allowed = set(LOOPBACK) if self.host in LOOPBACK else set()
        public = URL(self.fixed_public_url).host if self.fixed_public_url else None
        if public and allowed:
            allowed.add(public.lower())
        return allowed

    @web.middleware
    async def _check_host(self, request: web.Request,
                          handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        allowed = self.allowed_hosts()
        host = (request.url.host or "").lower().strip("[]")
        if allowed and host not in allowed:
            log.warning("refused a request addressed to %r", host)
            raise web.HTTPMisdirectedRequest(text=_(
                "This server answers to {hosts} only. Behind a reverse proxy, start it with --public-url set to "
                "the address learners use.").format(hosts=", ".join(sorted(allowed))))
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._check_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{learner}", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    # -- pages ------------------------------------------------------------------------------------

    def _base_url(self, request: web.Request) -> str:
        """The server's address as the browser reaches it (behind a proxy: --public-url)."""
        return (self.fixed_public_url or f"{request.scheme}://{request.host}").rstrip("/")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        raw = request.query.get("learner")
        if raw is None:
            return self._name_page(request, "", None)
        try:
            name = learner_name(raw)
        except BadLearnerName as exc:
            shown = "".join(ch for ch in raw if ch.isprintable())[: MAX_LENGTH * 2]  # (to fix, not to trust)
            return self._name_page(request, shown, render(exc.msg))
        if self.full:
            log.warning("every seat is taken (%d); %r was shown the full page", self.max_sessions, name)
            return aiohttp_jinja2.render_template("full.html", request, {
                "lang": language(), "name": name,
                "t": {"title": "gdtutor", "heading": _("The classroom is full"),
                      "body": _("All {n} seats are taken. Wait for someone to finish, then try again.").format(
                          n=self.max_sessions),
                      "retry": _("Try again")}}, status=503)
        base = self._base_url(request)
        socket_path = request.app.router["websocket"].url_for(learner=name)
        socket_url = ("wss:" if base.startswith("https:") else "ws:") + base.split(":", 1)[1] + str(socket_path)
        return aiohttp_jinja2.render_template("app_index.html", request, {
            "lang": language(),
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": socket_url,
            "config": {"static": {"url": f"{base}/static/"}},
            "t": {"title": f"gdtutor — {name}",
                  "opening": _("Opening the course for {name}…").format(name=name),
                  "start": _("Start"),
                  "ended": _("This session has ended: the app was closed, or no key was pressed for a long "
                             "while. Your progress is saved."),
                  "restart": _("Start again")}})

    def _name_page(self, request: web.Request, name: str, error: str | None) -> web.Response:
        return aiohttp_jinja2.render_template("learner.html", request, {
            "lang": language(), "name": name, "error": error, "max_length": MAX_LENGTH,
            "t": {"title": "gdtutor", "heading": _("gdtutor: how neural networks learn"),
                  "prompt": _("Your name (your progress is saved under it):"),
                  "start": _("Start"),
                  "note": _("Use the same name each time to continue where you left off.")}},
            status=200 if error is None else 400)

    # -- sessions ---------------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        try:
            name = learner_name(request.match_info["learner"])
        except BadLearnerName as exc:
            raise web.HTTPBadRequest(text=render(exc.msg)) from None
        if self.full:  # (the page was shown while a seat was free; no process is started)
            log.warning("every seat is taken (%d); a session for %r was refused", self.max_sessions, name)
            raise web.HTTPServiceUnavailable(text=_("The classroom is full"))
        loop = asyncio.get_running_loop()
        seat = Seat(name, loop.time())
        self.seats.add(seat)  # (taken before the first await, so two arrivals cannot share a seat)
        websocket = seat.websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        try:
            await websocket.prepare(request)
            seat.service = LearnerAppService(
                self.command, name, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            await seat.service.start(width, height)
            log.info("session started for %r (process %s; %d of %d seats taken)", name, seat.service.pid,
                     len(self.seats), self.max_sessions)
            idle = asyncio.create_task(self._close_when_idle(seat))
            try:
                await self._relay(websocket, seat)
            finally:
                idle.cancel()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            log.exception("the session of %r failed", name)
        finally:
            if seat.service is not None:
                await seat.service.stop()
            self.seats.discard(seat)
            log.info("session ended for %r (%d of %d seats taken)", name, len(self.seats), self.max_sessions)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, seat: Seat) -> None:
        """Pass the browser's keys and size to the app; anything malformed is ignored."""
        service = seat.service
        assert service is not None
        loop = asyncio.get_running_loop()
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, KeyError, IndexError):
                continue
            if kind == "stdin" and isinstance(data, str):
                seat.last_input = loop.time()
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int) and 0 < width < 1000 and 0 < height < 1000:
                    await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _close_when_idle(self, seat: Seat) -> None:
        if self.idle_timeout <= 0 or seat.websocket is None:
            return
        loop = asyncio.get_running_loop()
        while (left := seat.last_input + self.idle_timeout - loop.time()) > 0:
            await asyncio.sleep(left)
        log.info("the session of %r was idle for %.0f s; closing it", seat.learner, self.idle_timeout)
        await seat.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"idle")

    # -- the server's life ------------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        for line in startup_lines(self.public_url, self.host, self.max_sessions, self.idle_timeout):
            self.console.print(line, markup=False, highlight=False)

    async def on_shutdown(self, app: web.Application) -> None:
        """Every app quits (and saves) before the server is gone."""
        seats = list(self.seats)
        await asyncio.gather(*(seat.service.stop() for seat in seats if seat.service), return_exceptions=True)
        for seat in seats:
            if seat.websocket is not None:
                with contextlib.suppress(Exception):
                    await seat.websocket.close(code=WSCloseCode.GOING_AWAY)


def startup_lines(url: str, host: str, max_sessions: int, idle_timeout: float) -> list[str]:
    """What the server says when it starts: where, how many, and what it does not protect."""
    limit = (_("sessions end after {minutes:g} minutes without a key pressed").format(minutes=idle_timeout / 60)
             if idle_timeout > 0 else _("sessions never time out"))
    lines = [_("gdtutor is serving the course on {url}").format(url=url),
             _("at most {n} sessions at once; {limit}.").format(n=max_sessions, limit=limit),
             _("Learners open {url}/?learner=NAME, or type a name on the first page.").format(url=url)]
    loopback = host in LOOPBACK
    lines.append(_("Only this machine can connect. To let a class in, put it behind a reverse proxy that "
                   "authenticates (HTTPS and a password); the server itself has no accounts and trusts every name.")
                 if loopback else
                 _("WARNING: listening on {host} without authentication: anyone who can reach this port can use "
                   "the course under any name. Put it behind a reverse proxy that authenticates.").format(host=host))
    lines.append(_("Press Ctrl+C to stop; every open session saves its progress first."))
    return lines

