"""Medora's exceptions: raised deep inside, turned into messages and exit codes only at the edges."""


class MedoraError(Exception):
    """Base class; the message always says what the user can change."""


class IngestError(MedoraError):
    """A file could not be read or parsed; the message names the path and the reason."""


class LibraryFileError(MedoraError):
    """A packaged library file (an overview's plain-language versions) is malformed; the message names the file."""


class UnsupportedFormatError(IngestError):
    """The file's format is not one Medora can parse."""


class IndexNotReadyError(MedoraError):
    """The store has no passages yet, so there is nothing to search."""


class ModelUnavailableError(MedoraError):
    """A model file Medora needs is not installed; the message gives the install command."""


class LLMError(MedoraError):
    """The configured LLM endpoint failed, refused or returned output Medora cannot use."""


class QuestionError(MedoraError):
    """A question Medora cannot take as asked (empty, too long, unknown audience)."""


class ArticleNotFoundError(MedoraError):
    """No stored article (or version) has this id or slug."""


class StoreError(MedoraError):
    """The store cannot be opened or read; the message says where it is and what to do."""


class IndexDamagedError(MedoraError):
    """An index file is missing, truncated or does not match the manifest written with it."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"index files are damaged: run `medora index --force` ({path}: {problem})")


class FilterError(MedoraError):
    """A year range or evidence kind that cannot filter anything (reversed, or not a kind Medora knows)."""


class AuthenticationError(MedoraError):
    """No signed-in account, or a wrong name or password (HTTP 401)."""


class PermissionDeniedError(MedoraError):
    """The signed-in account's role may not do this (HTTP 403); the message names the roles that may."""


class ThrottledError(MedoraError):
    """Too many failed sign-ins for this account from this address; the message says when to try again (HTTP 429)."""


class UserError(MedoraError):
    """A user account cannot be created or found as asked (a taken name, an unknown role, a short password)."""


class ReviewError(MedoraError):
    """The editorial workflow does not allow this action on the article in its present state (HTTP 409)."""


class ReviewPermissionError(ReviewError, PermissionDeniedError):
    """The workflow allows this action in this state, but not for the actor's role (HTTP 403)."""


class ReviewInputError(MedoraError):
    """A review action asked with input that cannot be used: an unknown reviewer or anchor, a missing reason, a
    citation to a reference the article does not have (HTTP 400)."""


class ThreadNotFoundError(MedoraError):
    """No follow-up thread with this id belongs to the one asking (another reader's thread is not found either)."""
