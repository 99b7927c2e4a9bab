"""Is a story about sport? There, country names are teams and players stand for nations.

"France beat Ireland", "New Zealand's next visit to Wales", "Federer, who beat him in the
Australian Open": a sport story names states and people in acts that are no acts between
states. :func:`sport_probability` reads the story's words with a small logistic regression
(3,000 words and their weights, trained by ``scripts/train_sport_model.py`` and shipped as
``extract/data/sport_model.json.gz``); the extract stage codes no events or statements in a
story at or above :data:`SPORT_THRESHOLD` (docs/extract.md, "Sport stories").
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Mapping
from importlib import resources

MODEL_FILE = "sport_model.json.gz"
#: A story at or above this probability is a sport story. High on purpose: a political story
#: wrongly judged sport loses its events, a sport story missed keeps a few false ones.
SPORT_THRESHOLD = 0.8
#: The words the model reads: lower-case letters, hyphenated compounds kept whole.
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    raw = resources.files("dyadwatch.extract").joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return dict(zip(data["words"], data["weights"], strict=True)), float(data["intercept"])


def sport_probability(text: str) -> float:
    """The shipped model's probability that ``text`` is a sport story."""
    return probability(*_model(), text)


def probability(weights: Mapping[str, float], intercept: float, text: str) -> float:
    """A model's probability for ``text``: its intercept and the weights of the words it has
    (each counted once), through the logistic function."""
    z = intercept + sum(weights.get(w, 0.0) for w in set(WORD.findall(text.lower())))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def is_sport(text: str) -> bool:
    return sport_probability(text) >= SPORT_THRESHOLD
