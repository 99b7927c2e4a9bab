"""Clean stage: raw articles become cleaned documents (main text, metadata, id) or rejects."""

from dyadwatch.clean.document import clean_document, clean_documents

__all__ = ["clean_document", "clean_documents"]
