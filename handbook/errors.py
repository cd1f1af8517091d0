"""The one exception type the command-line tools report as a plain message."""


class HandbookError(Exception):
    """An error the user can fix; printed without a traceback."""
