"""One exception type for problems a user can act on.

The CLI prints a `KgError` as a single line (no traceback) and exits non-zero; anything
else is a bug and keeps its traceback.
"""


class KgError(Exception):
    """A problem with the user's input or environment, phrased as what to do about it."""
