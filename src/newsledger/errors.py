"""The exceptions newsledger raises, and the codes they carry.

::

    NewsledgerError                 base; every error has .code and a message naming the value
    ├── ConfigError                 a settings file or option is wrong (names file and key)
    ├── InputError                  an input cannot be read as an article (names file and reason)
    │   └── EmptyInputError         it holds no article text
    ├── StageError                  a pipeline stage failed on a document (names doc and stage)
    ├── KnowledgeBaseError          a knowledge-base or pattern file is wrong (names file and line)
    └── StoreError                  the store refused an operation (names backend and operation)

Codes (``E1xx`` input, ``E2xx`` stages, ``E3xx`` knowledge base, ``E4xx``
store, ``E5xx`` config) are stable, so scripts can match on them. Readers
never let a bad file stop a batch: they return an :class:`InputError` as the
skip reason, and the caller goes on.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class NewsledgerError(Exception):
    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ConfigError(NewsledgerError):
    code = "E500"


class InputError(NewsledgerError):
    """A file (or record) that cannot be read as an article. ``path`` names it."""
    code = "E100"

    def __init__(self, path: str, reason: str, *, code: str | None = None) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}", code=code)


class EmptyInputError(InputError):
    code = "E101"


class StageError(NewsledgerError):
    code = "E200"

    def __init__(self, doc_id: str, stage: str, reason: str, *, code: str | None = None) -> None:
        self.doc_id, self.stage, self.reason = doc_id, stage, reason
        super().__init__(f"stage {stage!r} failed on document {doc_id!r}: {reason}", code=code)


class KnowledgeBaseError(NewsledgerError):
    code = "E300"

    def __init__(self, path: str, line: int | None, reason: str, *, code: str | None = None) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}", code=code)


class StoreError(NewsledgerError):
    code = "E400"


@contextmanager
def stage_context(doc_id: str, stage: str) -> Iterator[None]:
    """Attach the document and stage to any error raised inside (httpx-style)."""
    try:
        yield
    except NewsledgerError:
        raise
    except Exception as e:  # re-raised with context, cause chained
        raise StageError(doc_id, stage, f"{type(e).__name__}: {e}") from e
