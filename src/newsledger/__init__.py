"""newsledger: news articles in, a traceable, merged event ledger out."""
from .config import Settings
from .errors import (
    ConfigError,
    EmptyInputError,
    InputError,
    KnowledgeBaseError,
    NewsledgerError,
    StageError,
    StoreError,
)
from .ledger import IngestReport, Ledger
from .model import Actor, Document, Entity, EventMention, Paragraph, Sentence, Timex
from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = ["Actor", "ConfigError", "Document", "EmptyInputError", "Entity", "EventMention", "IngestReport",
           "InputError", "KnowledgeBaseError", "Ledger", "NewsledgerError", "Paragraph", "Pipeline", "Sentence",
           "Settings", "StageError", "StoreError", "Timex", "__version__"]
