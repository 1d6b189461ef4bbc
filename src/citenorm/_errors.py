"""The exceptions citenorm raises: one base class, so callers can catch them all."""

from __future__ import annotations


class CitenormError(Exception):
    """Base class of every error citenorm raises on purpose."""


class InputError(CitenormError):
    """A path cannot be used: missing, unreadable, not text, or clashing."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Raised in build workers and re-raised in the main process, so it must pickle.
        return InputError, (self.path, self.message)
