"""Build a project inside the test process, as `mkdocs build --strict` does (load_config, on_startup,
build, on_shutdown), for tests whose point is what a build makes or refuses, not what the command
line prints: no interpreter to start, no imports to repeat.

Tests of the command itself (its exit status and printed lines, signals, `kill -9`, ProperDocs)
keep building in a subprocess (`conftest.mkdocs_build`); TESTING.md lists which do. Plugins (the
i18n plugin and its nested builds) are made afresh by every `load_config`; a hook module is loaded
once per path and process (MkDocs caches it), as under `mkdocs serve`, so the report hook starts
each build from its `on_startup`, as it does there.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache


@dataclass
class Built:
    """What an in-process build did: the exception that stopped it (None: it succeeded; a
    MkDocsException is what the command prints as one clean message, anything else a traceback)
    and the lines it logged, as the command prints them (`WARNING -  …`)."""

    @property
    def clean(self) -> bool:
        """Failed with a message for the editor (PluginError, Abort...), not with a bug's exception."""
        from mkdocs.exceptions import MkDocsException

        return isinstance(self.error, MkDocsException)


    error: BaseException | None
    log: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def output(self) -> str:
        """The log, then what stopped the build (the command prints it as `ERROR - …` / `Aborted …`)."""
        stopped = [f"{type(self.error).__name__}: {self.error}"] if self.error is not None else []
        return "\n".join(self.log + stopped)


class _Bytecode(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory, keyed by Jinja on each template's name and source:
    an edited template is compiled again. Compiling Material's templates is most of a build."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _Bytecode()


def _theme_with_bytecode_cache() -> None:
    """Every theme environment of this process shares ``_BYTECODE`` (once; a hook may set its own)."""
    from mkdocs.theme import Theme

    if getattr(Theme.get_env, "shares_bytecode", False):
        return
    get_env = Theme.get_env

    def shared_get_env(self):
        env = get_env(self)
        env.bytecode_cache = env.bytecode_cache or _BYTECODE
        return env

    shared_get_env.shares_bytecode = True  # type: ignore[attr-defined]
    Theme.get_env = shared_get_env  # type: ignore[method-assign]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


@contextmanager
def _environment(env: dict[str, str | None]) -> Iterator[None]:
    """``env`` set (None: removed) for the build; `!ENV` in mkdocs.yml is read by load_config."""
    saved = {name: os.environ.get(name) for name in env}
    try:
        for name, value in {**env, "NO_MKDOCS_2_WARNING": "1"}.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _open_folders() -> set[int]:
    folders = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            if stat.S_ISDIR(os.fstat(int(name)).st_mode):
                folders.add(int(name))
        except OSError:  # the listing's own descriptor, closed by now
            pass
    return folders


def build_in_process(project: Path, site_dir: Path | None, *, env: dict[str, str | None] | None = None,
                     strict: bool = True, config_file: Path | None = None) -> Built:
    """Build ``project`` (its mkdocs.yml, or ``config_file``) into ``site_dir`` (None: the config's own)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _theme_with_bytecode_cache()
    # A build holds its site's folder locked until its process ends (one build of a site at a
    # time): here the process goes on, so the folders the build left open are closed after it.
    held_before = _open_folders()
    logger = logging.getLogger("mkdocs")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with _environment(env or {}):
            options = {"site_dir": str(site_dir)} if site_dir is not None else {}
            try:
                config = load_config(str(config_file or project / "mkdocs.yml"), strict=strict, **options)
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
            except Exception as error:  # what stopped the build, for the test to judge
                return Built(error, handler.lines)
        return Built(None, handler.lines)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        for descriptor in _open_folders() - held_before:
            os.close(descriptor)


def run_build(project: Path, site_dir: Path | None, *, env: dict[str, str | None] | None = None,
              strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``build_in_process`` told as the command tells it: exit status 0 or 1, and on stderr the log
    lines, then what stopped the build — a MkDocsException's message as MkDocs prints it (its
    build() has already logged a PluginError and turned it into `Aborted with a BuildError!`), or,
    for any other exception, the traceback the command would print."""
    built = build_in_process(project, site_dir, env=env, strict=strict)
    lines = list(built.log)
    if built.error is not None:
        if built.clean:
            lines.append(str(built.error))
        else:
            lines += traceback.format_exception(built.error)
    return subprocess.CompletedProcess(["mkdocs", "build"], 0 if built.ok else 1, "", "\n".join(lines) + "\n")
