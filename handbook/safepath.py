"""Files a company profile names: always inside the profile folder, never anything else.

A profile may come from anyone and is built next to secrets, so a name in it is checked before
anything is opened: it must be relative, written with ``/``, climb nowhere (``..``), touch no
hidden file or folder (a part starting with ``.``, such as ``.git/config``), and, after every
symbolic link is followed, still be a regular file inside the profile folder. The file is then
opened without following a link in its last part, so it cannot be swapped for one in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from handbook.messages import Problem, ProblemError, found
from handbook.yamlsource import check_characters, decode

# A letter template is a page or two; anything larger is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024


def checked_path(folder: Path, name: str, *, file: Path | None = None, line: int | None = None,
                 key: str | None = None) -> Path:
    """The real path of a file named in the profile, or a ProblemError saying why not."""
    def refuse(code: str) -> ProblemError:
        return ProblemError([found(code, name, file=file, line=line, key=key)])

    if any(not ch.isprintable() for ch in name):
        raise refuse("path_bad_characters")
    if "\\" in name or (len(name) > 1 and name[1] == ":"):
        raise refuse("path_backslash")
    pure = PurePosixPath(name)
    if pure.is_absolute() or name.startswith("~"):
        raise refuse("path_absolute")
    if ".." in pure.parts:
        raise refuse("path_climbs")
    if any(part.startswith(".") for part in pure.parts):
        raise refuse("path_hidden")
    root = folder.resolve()
    try:
        real = (root / pure).resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        raise refuse("path_missing") from None
    except (OSError, RuntimeError, ValueError):  # a link loop, or a name the system refuses
        raise refuse("path_link_loop") from None
    if not real.is_relative_to(root):
        raise refuse("path_outside")
    if any(part.startswith(".") for part in real.relative_to(root).parts):
        raise refuse("path_hidden")
    status = real.stat()
    if not stat.S_ISREG(status.st_mode):
        raise refuse("path_not_file")
    if status.st_nlink > 1:  # a hard link can bring in any file of the same disk
        raise refuse("path_hard_link")
    if status.st_size > MAX_FILE_BYTES:
        raise ProblemError([found("file_too_large", name, file=file, line=line, key=key,
                                  values={"limit": MAX_FILE_BYTES // 1024})])
    return real


def read_contained(folder: Path, name: str, *, file: Path | None = None, line: int | None = None,
                   key: str | None = None) -> tuple[Path, str]:
    """The real path and text of a file named in the profile, after every check of ``checked_path``."""
    real = checked_path(folder, name, file=file, line=line, key=key)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(real, flags)
    except OSError:  # swapped for a link since the check
        raise ProblemError([found("path_outside", name, file=file, line=line, key=key)]) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_nlink > 1:  # swapped since the check
            raise ProblemError([found("path_not_file", name, file=file, line=line, key=key)])
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ProblemError([found("file_too_large", name, file=file, line=line, key=key,
                                  values={"limit": MAX_FILE_BYTES // 1024})])
    text = decode(real, raw)
    check_characters(real, text)
    return real, text


def read_profile_file(folder: Path, name: str, limit: int) -> tuple[Path, str]:
    """The profile file itself (profile.yml): a regular file in the folder, not a link out of it."""
    path = folder / name
    if not path.exists() and not path.is_symlink():
        raise ProblemError([Problem("profile_missing", path, values={"name": name})])
    root = folder.resolve()
    real = path.resolve()
    if not real.is_relative_to(root) or not real.is_file() or real.stat().st_nlink > 1:
        raise ProblemError([Problem("profile_not_inside", path, values={"name": name})])
    if real.stat().st_size > limit:
        raise ProblemError([Problem("file_too_large", path, values={"limit": limit // 1024})])
    return path, decode(path, real.read_bytes())
