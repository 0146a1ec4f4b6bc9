"""`gdtutor sim … --export FILE.npz`: the run's arrays written whole, and never over a file by surprise.

The arrays go to a temporary file beside the target, are flushed to disk, and are renamed into
place, so an interrupted export leaves no half-written .npz. An existing file is kept unless
`--force` is given; without it the file is put in place with a hard link, which fails if the name
was taken meanwhile (no check-then-write race).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import click

from tutor.cli.errors import usage_error
from tutor.text import Msg


def export(result: Any, target: str, force: bool, ctx: click.Context) -> None:
    import numpy as np

    if not target.strip() or not Path(target).name or Path(target).name == ".npz":
        raise usage_error(Msg('--export needs a file name, such as run.npz; got "{path}"', path=target), ctx)
    path = Path(target)
    if path.suffix != ".npz":
        raise usage_error(Msg('--export writes a .npz file; got "{path}"', path=target), ctx)
    if os.path.lexists(path) and not force:
        raise usage_error(Msg('{path} exists already; give --force to replace it, or choose another name',
                              path=target), ctx)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as file:
            np.savez(file, **result.arrays())
            file.flush()
            os.fsync(file.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _put_without_replacing(tmp, path, target, ctx)
    except OSError as exc:
        raise click.FileError(target, hint=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _put_without_replacing(tmp: Path, path: Path, target: str, ctx: click.Context) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise usage_error(Msg('{path} exists already; give --force to replace it, or choose another name',
                              path=target), ctx) from None
    except OSError:  # (no hard links on this file system: the name was free a moment ago)
        if os.path.lexists(path):
            raise usage_error(Msg('{path} exists already; give --force to replace it, or choose another name',
                                  path=target), ctx) from None
        os.replace(tmp, path)
