"""Build, serve and package the bilingual handbook: orchestration only.

Each language is its own MkDocs build (mkdocs.yml for Japanese at the root, mkdocs.en.yml for
English under /en/), so each gets its own search index and interface language. The rules live
in the build itself (the handbook plugin), so ``mkdocs build`` and ``mkdocs serve`` enforce them
too; this module builds both languages in one process (so the profile and the data are read once),
into a staging folder beside the target, and swaps them in only when both succeed: a failed
build never replaces the last good site.

    python -m handbook.site build [--site-dir site]
    python -m handbook.site check
    python -m handbook.site serve [--port 8000]
    python -m handbook.site offline [--output dist/handbook-offline.zip]
"""

from __future__ import annotations

import argparse
import errno
import logging
import multiprocessing
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import HandbookError
from handbook.messages import Problem, ProblemError, both
from handbook.profile import PROFILE_VARIABLE, profile_dir

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edition:
    """One language edition: its config file and where it goes inside the site."""

    language: str
    config: str
    subdir: str


EDITIONS = (
    Edition("ja", "mkdocs.yml", ""),
    Edition("en", "mkdocs.en.yml", "en"),
)

# Paths whose changes trigger a rebuild under `serve`.
WATCHED = ("docs", "overrides", "handbook", "mkdocs.yml", "mkdocs.en.yml")


class BuildError(HandbookError):
    """MkDocs failed for one of the languages."""


class _Collected(logging.Handler):
    """Keeps MkDocs' warnings and errors of one build, to report them if it fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _environment(profile: Path) -> Iterator[None]:
    """The profile for the plugin, and MkDocs' end-of-life notice off, for the builds only."""
    saved = {name: os.environ.get(name) for name in (PROFILE_VARIABLE, "NO_MKDOCS_2_WARNING")}
    os.environ[PROFILE_VARIABLE] = str(profile)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class Cancelled(BaseException):
    """The build was told to stop (SIGTERM, as when a CI job is cancelled)."""


def _config(config_file: Path, profile: Path, **options: Any) -> Any:
    """An edition's MkDocs configuration, with the company profile for the plugin."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file), **options)
    except (ConfigurationError, OSError) as error:
        raise BuildError(f"{config_file}: {error}") from None
    config.plugins["handbook"].config["profile"] = str(profile)
    return config


def _build_one(config_file: Path, site_dir: Path, profile: Path) -> list[str]:
    """One language, exactly as `mkdocs build --strict` would; returns the plugin's warnings.

    A failure raises the plugin's own problem (file, line, key), or MkDocs' warnings and errors.
    """
    from mkdocs.commands.build import build as mkdocs_build  # imported on first build only
    import handbook.plugin

    collected = _Collected()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collected)
    previous_level = mkdocs_log.level
    mkdocs_log.setLevel(logging.WARNING if previous_level in (logging.NOTSET, logging.WARNING) else previous_level)
    config = None
    handbook.plugin.collected = warnings = []
    try:
        config = _config(config_file, profile, site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except (SystemExit, Exception) as error:  # noqa: BLE001 - reported below, in plain words
        # (mkdocs-macros ends a failed macro with sys.exit; a cancelled build is not caught here.)
        ours = config.plugins.get("handbook") if config is not None else None
        if ours is not None and ours.failure is not None:
            raise ours.failure from None
        if isinstance(error, HandbookError):
            raise
        details = "\n".join(collected.lines) or str(error)
        raise BuildError(f"the {config_file.name} build failed:\n{details}") from None
    finally:
        handbook.plugin.collected = None
        if config is not None:
            config.plugins.on_shutdown()
        mkdocs_log.removeHandler(collected)
        mkdocs_log.setLevel(previous_level)
    return warnings


def _child(config_file: Path, site_dir: Path, profile: Path, channel: Any) -> None:
    """A forked process building one edition; it sends back its warnings, or what went wrong."""
    try:
        channel.send(_build_one(config_file, site_dir, profile))
    except HandbookError as error:
        channel.send(error)
    except BaseException as error:  # noqa: BLE001 - anything else is reported, not lost
        channel.send(BuildError(f"the {config_file.name} build failed: {type(error).__name__}"))
    finally:
        channel.close()


def _build_editions(project: Path, root: Path, profile: Path, parallel: bool = True) -> None:
    """Both editions side by side: the others in forked processes, the first in this one.

    Forking after MkDocs and the handbook are imported costs little; each process reads the
    profile and the data once and renders its own language's letters once. ``serve`` builds one
    after the other instead: forking a process whose server threads are running is not safe.
    """
    if not parallel or "fork" not in multiprocessing.get_all_start_methods():
        warnings: list[str] = []
        for edition in EDITIONS:
            warnings += _build_one(project / edition.config, root / edition.subdir, profile)
        _print_warnings(warnings)
        return
    import mkdocs.commands.build  # noqa: F401 - imported before forking, so the children share it

    import handbook.plugin  # noqa: F401

    # Check the rules once before starting the other process: a broken profile or data file stops
    # here, and the forked process inherits what has been read (the caches of handbook.build).
    _print_warnings([], check(project, profile, EDITIONS[:1]))
    context = multiprocessing.get_context("fork")
    children = []
    for edition in EDITIONS[1:]:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(project / edition.config, root / edition.subdir,
                                                        profile, send), daemon=True)
        process.start()
        send.close()
        children.append((process, receive))
    try:
        warnings = _build_one(project / EDITIONS[0].config, root / EDITIONS[0].subdir, profile)
        for process, receive in children:
            try:
                outcome = receive.recv()  # the child always sends, or dies (then EOF)
            except EOFError:
                process.join()
                outcome = BuildError(f"the build of another language stopped (exit code {process.exitcode})")
            if isinstance(outcome, BaseException):
                raise outcome
            warnings += outcome
        _print_warnings(warnings)
    finally:
        for process, receive in children:
            if process.is_alive():
                process.kill()
            process.join()
            receive.close()


_printed: set[str] = set()


def _print_warnings(warnings: list[str], checked: list[str] | None = None) -> None:
    """Each warning once, though both languages (and the check before them) saw it."""
    for warning in dict.fromkeys([*(checked or []), *warnings]):
        if warning not in _printed:
            _printed.add(warning)
            print(f"warning:\n{warning}", file=sys.stderr)


def build(site_dir: Path, project: Path = ROOT, profile: Path | None = None, parallel: bool = True) -> float:
    """Build both languages into ``site_dir``, replacing it only on success; return seconds.

    ``profile`` is the company profile folder (default: $HANDBOOK_PROFILE, else the example).
    """
    started = time.monotonic()
    _printed.clear()
    profile = profile_dir(profile)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        root = staging / "site"
        with _environment(profile):
            _build_editions(project, root, profile, parallel)
        if site_dir.exists():
            os.replace(site_dir, staging / "previous")
        os.replace(root, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.monotonic() - started


def check(project: Path = ROOT, profile: Path | None = None,
          editions: tuple[Edition, ...] = EDITIONS) -> list[str]:
    """Every rule of the build, for the given languages, without writing a site; returns the warnings."""
    from handbook.plugin import prepare_for

    profile = profile_dir(profile)
    warnings: list[str] = []
    with _environment(profile):
        for edition in editions:
            prepared, _ = prepare_for(_config(project / edition.config, profile))
            warnings += prepared.warnings
    return warnings


# The part of a page that only a page served over HTTP needs (overrides/404.html).
SERVED_ONLY = re.compile(r"<!-- served only -->.*?<!-- /served only -->", re.DOTALL)


def pack_offline(site_dir: Path, output: Path) -> Path:
    """Pack a built site as a zip that opens from a USB stick or a laptop folder."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    top = "crisis-handbook"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            name = f"{top}/{path.relative_to(site_dir).as_posix()}"
            if path.name == "404.html":  # opened as a file only: no <base> for a server (overrides/404.html)
                archive.writestr(name, SERVED_ONLY.sub("", path.read_text(encoding="utf-8")))
            elif path.is_file():
                archive.write(path, name)
    os.replace(partial, output)
    return output


def make_offline_zip(site_dir: Path, output: Path, project: Path = ROOT,
                     profile: Path | None = None) -> Path:
    """Build the site and pack it (``pack_offline``)."""
    build(site_dir, project, profile)
    return pack_offline(site_dir, output)


class PortBusy(ProblemError):
    """The port asked for is taken by another program."""


def _check_port(host: str, port: int) -> None:
    """Say at once, before building, when another program already listens on the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortBusy([Problem("port_busy", values={"port": port, "other": port + 1})]) from None
            raise


def serve(site_dir: Path, host: str, port: int, project: Path = ROOT,
          profile: Path | None = None) -> None:
    """Build, serve with live reload, and rebuild whenever a source file changes."""
    from mkdocs.livereload import LiveReloadServer  # only needed here

    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def rebuild() -> None:
        try:
            seconds = build(site_dir, project, profile, parallel=False)
        except HandbookError as error:
            print(f"error: {error}\n(still serving the last good build)", file=sys.stderr)
        else:
            print(f"rebuilt both languages in {seconds:.1f} s")

    _check_port(host, port)
    seconds = build(site_dir, project, profile, parallel=False)
    print(f"built both languages in {seconds:.1f} s")
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for name in WATCHED:
        server.watch(str(project / name))
    server.watch(str(profile_dir(profile)))
    print(f"Japanese: http://{host}:{port}/   English: http://{host}:{port}/en/   (Ctrl+C stops)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as error:  # taken between the check and now
        if error.errno == errno.EADDRINUSE:
            raise PortBusy([Problem("port_busy", values={"port": port, "other": port + 1})]) from None
        raise
    finally:
        server.shutdown()


def _stopped(site_dir: Path) -> str:
    """What became of the site: the last good one kept, or none written."""
    if site_dir.exists():
        return both("build_stopped", site=site_dir)
    return both("build_stopped_first", site=site_dir)


def _terminated(number: int, frame: Any) -> None:
    raise Cancelled(number)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m handbook.site", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "check", "serve", "offline"):
        command = commands.add_parser(name)
        command.add_argument("--site-dir", type=Path, default=ROOT / "site")
        command.add_argument("--profile", type=Path, default=None,
                             help=f"company profile folder (default: ${PROFILE_VARIABLE}, else the example)")
    commands.choices["serve"].add_argument("--host", default="127.0.0.1")
    commands.choices["serve"].add_argument("--port", type=int, default=8000)
    commands.choices["offline"].add_argument(
        "--output", type=Path, default=ROOT / "dist" / "handbook-offline.zip"
    )
    args = parser.parse_args(argv)
    # A CI job cancelled or timed out sends SIGTERM: stop like Ctrl+C, so that the staging folder
    # is removed and the other language's build process is stopped.
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        if args.command == "build":
            seconds = build(args.site_dir, profile=args.profile)
            print(f"built both languages into {args.site_dir} in {seconds:.1f} s")
        elif args.command == "check":
            _print_warnings(check(profile=args.profile))
            print("check ok: both languages, the content data and the company profile")
        elif args.command == "offline":
            output = make_offline_zip(args.site_dir, args.output, profile=args.profile)
            print(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB): unzip it and open index.html")
        else:
            serve(args.site_dir, args.host, args.port, profile=args.profile)
    except PortBusy as error:
        print(f"error:\n{error}", file=sys.stderr)
        return 1
    except Cancelled:
        print(f"error:\n{both('build_cancelled', site=args.site_dir)}", file=sys.stderr)
        return 128 + signal.SIGTERM
    except ProblemError as error:  # one message per problem, in both languages
        stopped = "" if args.command == "check" else f"\n{_stopped(args.site_dir)}"
        print(f"error:\n{error}{stopped}", file=sys.stderr)
        return 1
    except HandbookError as error:
        print(f"error: {error}\n{_stopped(args.site_dir)}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
