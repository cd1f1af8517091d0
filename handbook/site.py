"""Build, serve and package the bilingual handbook.

Each language is its own MkDocs build (mkdocs.yml for Japanese at the root, mkdocs.en.yml for
English under /en/), so each gets its own search index and interface language. Both are built
into a staging folder beside the target and swapped in only when both succeed: a failed build
never replaces the last good site.

    python -m handbook.site build [--site-dir site]
    python -m handbook.site serve [--port 8000]
    python -m handbook.site offline [--output dist/handbook-offline.zip]
"""

from __future__ import annotations

import argparse
import datetime
import errno
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from handbook.errors import HandbookError
from handbook.letters import render_letters
from handbook.parity import check_parity
from handbook.messages import Problem, ProblemError, both
from handbook.profile import PROFILE_VARIABLE, load_profile, profile_dir, stale_warning
from handbook.review import check_reviews

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


def _mkdocs_env(profile: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[PROFILE_VARIABLE] = str(profile)  # read by handbook.macros inside each build
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every build
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _problems(log: str) -> str:
    """The warnings and errors of an MkDocs log, without INFO chatter or Python tracebacks."""
    kept: list[str] = []
    keeping = in_traceback = False
    for line in log.splitlines():
        if line.startswith(("INFO", "DEBUG")):
            keeping = False
            continue
        if line.startswith(("WARNING", "ERROR", "Error", "Aborted")):
            keeping = True
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
        elif in_traceback and line.strip() in ("", "```"):
            in_traceback = False
            continue
        if keeping and not in_traceback and line.strip() != "```":
            kept.append(line)
    return "\n".join(kept).strip() or log.strip()


def check_profile(profile: Path) -> None:
    """Validate the company profile and its templates before building; warn when contacts are old."""
    loaded = load_profile(profile)
    render_letters(loaded, profile)
    warning = stale_warning(loaded, profile, datetime.date.today())
    if warning:
        print(f"warning:\n{warning}", file=sys.stderr)


def build(site_dir: Path, project: Path = ROOT, profile: Path | None = None) -> float:
    """Build both languages into ``site_dir``, replacing it only on success; return seconds.

    ``profile`` is the company profile folder (default: $HANDBOOK_PROFILE, else the example).
    """
    started = time.monotonic()
    profile = profile_dir(profile)
    check_parity(project / "docs")
    # The profile is untrusted input: it is checked, and its templates rendered in the sandbox,
    # before MkDocs runs at all.
    check_profile(profile)
    for warning in check_reviews(project, datetime.date.today()):
        print(f"warning: {warning}", file=sys.stderr)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        outputs = {edition.language: staging / edition.language for edition in EDITIONS}
        # The two editions are independent: build them side by side.
        processes = {
            edition.language: subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--config-file", str(project / edition.config),
                 "--site-dir", str(outputs[edition.language])],
                cwd=project, env=_mkdocs_env(profile), text=True, encoding="utf-8",
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )
            for edition in EDITIONS
        }
        logs = {language: process.communicate()[0] for language, process in processes.items()}
        failed = [language for language, process in processes.items() if process.returncode != 0]
        if failed:
            details = "\n".join(f"--- {language} ---\n{_problems(logs[language])}" for language in failed)
            raise BuildError(
                f"the {' and '.join(failed)} build failed; {site_dir} was left as it was.\n{details}"
            )
        root = outputs[EDITIONS[0].language]
        for edition in EDITIONS[1:]:
            os.replace(outputs[edition.language], root / edition.subdir)
        if site_dir.exists():
            os.replace(site_dir, staging / "previous")
        os.replace(root, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.monotonic() - started


def make_offline_zip(site_dir: Path, output: Path, project: Path = ROOT,
                     profile: Path | None = None) -> Path:
    """Build the site and pack it as a zip that opens from a USB stick or a laptop folder."""
    build(site_dir, project, profile)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    top = "crisis-handbook"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(site_dir).as_posix()}")
    os.replace(partial, output)
    return output


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
            seconds = build(site_dir, project, profile)
        except HandbookError as error:
            print(f"error: {error}\n(still serving the last good build)", file=sys.stderr)
        else:
            print(f"rebuilt both languages in {seconds:.1f} s")

    _check_port(host, port)
    seconds = build(site_dir, project, profile)
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


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m handbook.site", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve", "offline"):
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
    try:
        if args.command == "build":
            seconds = build(args.site_dir, profile=args.profile)
            print(f"built both languages into {args.site_dir} in {seconds:.1f} s")
        elif args.command == "offline":
            output = make_offline_zip(args.site_dir, args.output, profile=args.profile)
            print(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB): unzip it and open index.html")
        else:
            serve(args.site_dir, args.host, args.port, profile=args.profile)
    except PortBusy as error:
        print(f"error:\n{error}", file=sys.stderr)
        return 1
    except ProblemError as error:  # the profile: one message per problem, in both languages
        print(f"error:\n{error}\n{both('build_stopped', site=args.site_dir)}", file=sys.stderr)
        return 1
    except HandbookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
