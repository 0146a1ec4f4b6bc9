"""One learner's app process behind one browser tab: textual-serve's, with a name and a firm end.

textual-serve starts the app with a shell command and the server's environment; a session here adds
who the learner is (in the environment, never in the command line, so no name can reach a shell),
and makes sure the process ends when the session does: asked to quit first (the app saves whatever
is pending as it closes), terminated if it has not gone after a grace period, killed after another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from textual_serve.app_service import AppService

from tutor.serve.session_app import LEARNER_ENV

log = logging.getLogger("gdtutor.serve")

#: Seconds an app has to save and exit once asked to quit, and then once terminated.
QUIT_GRACE = 10.0
TERMINATE_GRACE = 5.0


class LearnerAppService(AppService):
    """The app process of one browser session, for one learner."""

    def __init__(self, command: str, learner: str, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.learner = learner

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment[LEARNER_ENV] = self.learner
        return environment

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit, and make sure its process is gone before returning."""
        task, self._task = self._task, None
        if task is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        process = self._process
        loop = asyncio.get_running_loop()
        deadline = loop.time() + QUIT_GRACE
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(task), QUIT_GRACE)
        if process is not None:
            try:
                await asyncio.wait_for(process.wait(), max(0.1, deadline - loop.time()))
            except asyncio.TimeoutError:
                log.warning("the app of %r did not quit in %.0f s; stopping it", self.learner, QUIT_GRACE)
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), TERMINATE_GRACE)
                except asyncio.TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
        if not task.done():
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
