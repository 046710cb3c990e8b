"""Storage backends behind one interface; use :func:`open_store`."""
from .base import MentionRow, ParagraphPrint, SearchHit, Store, open_store

__all__ = ["MentionRow", "ParagraphPrint", "SearchHit", "Store", "open_store"]
