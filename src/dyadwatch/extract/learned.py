"""A learned second opinion: the act of a verb the dictionaries leave undecided.

The rules code what the CAMEO verb dictionary and ``event_vocab.toml`` know. A sentence often
tells an act between two actors with a verb neither decides: one they do not list ("*resorted
to* throwing stones"), or one the CAMEO dictionary codes only through object patterns when
none matched ("is *pushing* hard for the US to support", "*forced out* 1,000 refugees"). Such
a verb, with an actor as its subject and another as its object or prepositional object, is a
*candidate*; :class:`CategoryModel` reads the words around it and gives a PLOVER category or
``NONE``. The rules still decide everything else: who the parties are (the argument
extraction), whether the act happened (factuality) and how the pair is formed. A verb with
frames in ``event_vocab.toml`` or a code of its own in the CAMEO dictionary is the rules'
decision and never goes to the model.

The model is a multinomial logistic regression over sparse features of the verb
(:func:`features`), trained by ``scripts/train_category_model.py`` and shipped as
``extract/data/category_model.json.gz``; inference is a sum of weight rows. The training
data is described in docs/extract.md ("A learned second opinion"); its out-of-fold score and
its cost in docs/benchmarks.md ("Event coding").
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from dyadwatch.extract.arguments import ActorIndex, Context, Ref, unique
from dyadwatch.extract.coder import Pred, lookup_names, verb_sources, verb_targets
from dyadwatch.extract.vocab import Vocab

MODEL_FILE = "category_model.json.gz"
NONE = "NONE"
CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
WRAPPERS = ("report_verbs", "intent_verbs", "refusal_verbs", "threat_verbs", "modal_verbs")


@dataclass(frozen=True, slots=True)
class CategoryModel:
    """Sparse multinomial logistic regression: a weight row per feature."""

    labels: tuple[str, ...]
    bias: np.ndarray
    weights: dict[str, np.ndarray]
    codes: dict[str, str]
    """The CAMEO code an event of each category gets (its root's unspecified code)."""
    threshold: float
    """The smallest probability of the best category that codes an event."""

    def probabilities(self, feats: list[str]) -> np.ndarray:
        z = self.bias.copy()
        for f in feats:
            row = self.weights.get(f)
            if row is not None:
                z += row
        z -= z.max()
        e = np.exp(z)
        out: np.ndarray = e / e.sum()
        return out

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The most probable label and its probability."""
        p = self.probabilities(feats)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def code(self, feats: list[str]) -> str | None:
        """The CAMEO code of the act, or None when the model is not sure of one."""
        label, prob = self.predict(feats)
        if label == NONE or prob < self.threshold:
            return None
        return self.codes.get(label)

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "bias": [round(float(x), 4) for x in self.bias],
            "codes": self.codes,
            "threshold": self.threshold,
            "weights": {f: [round(float(x), 4) for x in w] for f, w in self.weights.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CategoryModel:
        return cls(
            labels=tuple(data["labels"]),
            bias=np.asarray(data["bias"], dtype=np.float64),
            weights={f: np.asarray(w, dtype=np.float64) for f, w in data["weights"].items()},
            codes=dict(data["codes"]),
            threshold=float(data["threshold"]),
        )


_override: list[CategoryModel | None] = []


@functools.cache
def _shipped() -> CategoryModel | None:
    ref = resources.files("dyadwatch.extract").joinpath("data", MODEL_FILE)
    if not ref.is_file():
        return None
    with ref.open("rb") as fh, gzip.open(fh, "rt", encoding="utf-8") as text:
        return CategoryModel.from_json(json.load(text))


def load_model() -> CategoryModel | None:
    """The model in use: the shipped one, unless :func:`use_model` set another."""
    return _override[-1] if _override else _shipped()


def use_model(model: CategoryModel | None) -> None:
    """Use ``model`` in this process from now on (None: no model); for training and scoring."""
    _override[:] = [model]


def reset_model() -> None:
    """Back to the shipped model."""
    _override.clear()


# -- candidates --------------------------------------------------------------------------


def known(tok: Token, v: Vocab) -> bool:
    """The dictionaries decide this verb: ``event_vocab.toml`` has frames for it, or the CAMEO
    dictionary gives it a code of its own. A verb that the CAMEO dictionary codes only through
    its patterns ("push", "force", "throw") and none matched is left undecided."""
    return status(tok, v) in {"frame", "ignored", "coded"}


def status(tok: Token, v: Vocab) -> str:
    """What the dictionaries say of a verb: ``frame``, ``ignored`` (no act by its nature),
    ``coded`` (a CAMEO code of its own), ``patterns`` (coded through patterns only) or
    ``unknown``."""
    names = lookup_names(tok)
    if any(n in v.frames for n in names):
        return "frame"
    lemma = tok.lemma_.lower()
    if v.word("ignored_verbs", lemma) or v.word("unaccusative_verbs", lemma):
        return "ignored"  # "died", "sank": the subject suffers, it does not act
    entries = [v.petrarch_verbs[n] for n in names if n in v.petrarch_verbs]
    if any(code is not None for _, code in entries):
        return "coded"
    return "patterns" if entries else "unknown"


def candidate(tok: Token, v: Vocab) -> bool:
    """A verb the model may code: a content verb the dictionaries leave undecided, and no
    wrapper word (report, intent, refusal, threat, modal)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in {"be", "have", "do"}:
        return False
    if tok.dep_ == "prep":
        return False  # "according to", "owing to": a preposition in a verb's form
    lemma = tok.lemma_.lower()
    if any(v.word(w, lemma) for w in WRAPPERS):
        return False
    return not known(tok, v)


def parties(tok: Token, index: ActorIndex, ctx: Context) -> tuple[list[Ref], list[Ref]]:
    """The verb's sources (its subject's actors) and targets (objects, recipient phrases)."""
    sources = [s for s in verb_sources(tok, index, ctx) if not s.code.startswith("PER:")]
    if not sources:
        return [], []
    targets = [t for t in verb_targets(Pred(tok, "000"), index, ctx) if t not in sources]
    codes = {s.code for s in sources}
    return unique(sources), [t for t in targets if t.code not in codes]


def _word(tok: Token, index: ActorIndex) -> str:
    if index.raw(tok) is not None or index.places.get(tok.i) is not None:
        return "ACTOR"
    if tok.like_num:
        return "NUM"
    return tok.lemma_.lower()


def features(tok: Token, index: ActorIndex) -> list[str]:
    """Sparse features of a verb: its lemma, particle, objects, prepositions with their
    objects, the verb it governs, negation, and the content words of its clause. Actor and
    place names are masked as ``ACTOR``, numbers as ``NUM``."""
    lemma = tok.lemma_.lower()
    out = [f"v={lemma}"]
    for c in tok.children:
        dep = c.dep_
        if dep == "prt":
            out.append(f"vp={lemma}_{c.lower_}")
        elif dep in {"dobj", "attr", "oprd", "nsubjpass"}:
            w = _word(c, index)
            out += [f"o={w}", f"vo={lemma}_{w}"]
        elif dep in {"prep", "agent"}:
            out.append(f"vprep={lemma}_{c.lower_}")
            for p in c.children:
                if p.dep_ == "pobj":
                    w = _word(p, index)
                    out += [f"pp={c.lower_}_{w}", f"po={w}"]
                elif p.dep_ == "pcomp":
                    out.append(f"pc={c.lower_}_{p.lemma_.lower()}")
        elif dep in {"xcomp", "advcl"} and c.pos_ == "VERB":
            out.append(f"x={c.lemma_.lower()}")
        elif dep == "neg":
            out.append("neg")
    if tok.dep_ in {"xcomp", "advcl", "ccomp", "conj"} and tok.head.pos_ == "VERB":
        out.append(f"h={tok.head.lemma_.lower()}")
    bag = {
        _word(t, index)
        for t in tok.subtree
        if t.i != tok.i and t.pos_ in CONTENT and not t.is_stop and t.is_alpha
    }
    out += [f"w={w}" for w in sorted(bag) if w != "ACTOR"]
    return out


def model_preds(
    sent: Span, coded: set[int], index: ActorIndex, ctx: Context, v: Vocab
) -> list[Pred]:
    """Acts the model codes in a parsed sentence: one per candidate verb with a source and a
    target that the model is sure of."""
    model = load_model()
    if model is None:
        return []
    out: list[Pred] = []
    for tok in sent:
        if tok.i in coded or not candidate(tok, v):
            continue
        sources, targets = parties(tok, index, ctx)
        if not sources or not targets:
            continue  # the fallbacks of dictionary verbs (nearest actor …) cost too much here
        code = model.code(features(tok, index))
        if code is not None:
            out.append(Pred(tok, code, learned=True))
    return out


__all__ = [
    "CategoryModel",
    "candidate",
    "features",
    "known",
    "load_model",
    "model_preds",
    "parties",
    "reset_model",
    "status",
    "use_model",
]
