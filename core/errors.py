"""Errors a user or operator can cause: each carries a message a person can act on."""


class LoopwhoError(Exception):
    """Base of every error that is shown to a person as one line."""


class ConfigError(LoopwhoError):
    """The configuration is missing something or holds a bad value."""


class CryptoError(LoopwhoError):
    """A secret cannot be encrypted or decrypted (unknown key id, tampered data)."""


class NotFound(LoopwhoError):
    """The thing asked for does not exist (or belongs to somebody else)."""


class InvalidInput(LoopwhoError):
    """Input failed validation."""
