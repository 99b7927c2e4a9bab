"""Mending the parse where its own labels or English agreement show it wrong.

:func:`repair` runs once on each parsed document, before anything reads the tree:

* a preposition labelled as a dative object ("offered subsidized U.S. wheat *to* the Soviet
  Union") becomes the preposition it is, so that its object is found as the recipient;
* a coordinated verb hung on a clause whose subject it cannot agree with is hung on the clause
  above, whose subject it agrees with (:func:`reattach_coordination`);
* an inflected verb whose lemma is no verb the coder knows, while a plain de-inflection of the
  word is one, takes that lemma: the lemmatizer reads "hopes", "hoped" and "hoping" as forms
  of "hop", "staged" of "stag" and "fined" of "fin" (:func:`verb_lemmas`).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from dyadwatch.extract.vocab import load_vocab

SINGULAR = frozenset({"has", "is", "was", "does"})
PLURAL = frozenset({"have", "are", "were", "do"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "it", "this", "that"})
PLURAL_PRONOUNS = frozenset({"they", "we", "these", "those"})


def repair(doc: Doc) -> None:
    """Every mend of this module, in place."""
    preposition_datives(doc)
    reattach_coordination(doc)
    verb_lemmas(doc)


@functools.cache
def known_verbs() -> frozenset[str]:
    """Every one-word verb the coder's vocabulary names: frames, PETRARCH's verbs, wrappers."""
    v = load_vocab()
    words = {k for k in v.petrarch_verbs if " " not in k}
    words |= {k for k in v.frames if " " not in k} | set(v.request_verbs)
    for name, listed in v.words.items():
        if name.endswith("verbs"):
            words |= {w for w in listed if " " not in w}
    return frozenset(words)


def _stems(word: str) -> list[str]:
    """Plain de-inflections of a verb form, most likely first: "hoped" → "hope", "hop"."""
    if word.endswith(("ies", "ied")):
        return [word[:-3] + "y"]
    if word.endswith("ing"):
        return [word[:-3] + "e", word[:-3]]
    if word.endswith("ed"):
        return [word[:-1], word[:-2]]
    if word.endswith("es"):
        return [word[:-1], word[:-2]]
    if word.endswith("s"):
        return [word[:-1]]
    return []


def verb_lemmas(doc: Doc) -> int:
    """Give an inflected verb whose lemma no vocabulary knows the known verb its form plainly
    comes from. A known lemma is kept ("rapped" stays "rap"), and so is any word whose forms
    lead to no known verb. Returns how many lemmas changed."""
    known = known_verbs()
    changed = 0
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ not in {"VBD", "VBN", "VBZ", "VBG"}:
            continue
        if tok.lemma_.lower() in known:
            continue
        stem = next((s for s in _stems(tok.lower_) if s in known), None)
        if stem is not None:
            tok.lemma_ = stem
            changed += 1
    return changed


def preposition_datives(doc: Doc) -> int:
    """Relabel a preposition parsed as a dative object ("offered wheat *to* the Soviet Union",
    dependency ``dative`` on "to") as a preposition. A dative is a noun ("offered *Moscow*
    wheat"); a preposition with an object of its own is read through that object. Returns how
    many were relabelled."""
    moved = 0
    for tok in doc:
        if (
            tok.dep_ == "dative"
            and tok.pos_ == "ADP"
            and any(c.dep_ == "pobj" for c in tok.children)
        ):
            tok.dep_ = "prep"
            moved += 1
    return moved


def verb_number(verb: Token) -> str | None:
    """ "singular" or "plural" as the verb's finite form says ("*has* accused", "*are*
    subjected", "says"), or None when it does not tell ("accused", "will meet")."""
    for c in verb.children:
        if c.dep_ in {"aux", "auxpass"} and c.i < verb.i:
            low = c.lower_
            if low in SINGULAR:
                return "singular"
            if low in PLURAL:
                return "plural"
            return None  # "will", "could", "had": no number
    if verb.lower_ in SINGULAR:  # a copula or "has" as the verb itself
        return "singular"
    if verb.lower_ in PLURAL:
        return "plural"
    return "singular" if verb.tag_ == "VBZ" else None  # a bare "VBP" is often an infinitive


def noun_number(noun: Token) -> str | None:
    """The number of a subject phrase: "missions" plural, "Moscow" singular, "X and Y"
    plural."""
    if any(c.dep_ == "conj" for c in noun.children):
        return "plural"
    low = noun.lower_
    if low in SINGULAR_PRONOUNS:
        return "singular"
    if low in PLURAL_PRONOUNS:
        return "plural"
    if noun.tag_ in {"NNS", "NNPS"}:
        return "plural"
    if noun.tag_ in {"NN", "NNP"}:
        return "singular"
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def reattach_coordination(doc: Doc) -> int:
    """Hang a subjectless coordinated verb on the clause above when it cannot share a subject
    with the verb it was hung on.

    "Moscow *has denied* its missions *are subjected* to surveillance and *has accused*
    Washington of spy-mania": the parser makes "has accused" a conjunct of "are subjected",
    inside what Moscow denies. Two verbs that share a subject agree in number, and "has" and
    "are" do not; "has" agrees with "Moscow" and "has denied", so it becomes a conjunct of
    "has denied" and is asserted. Returns how many verbs moved."""
    moved = 0
    for tok in doc:
        if tok.dep_ != "conj" or tok.pos_ not in {"VERB", "AUX"} or _subject(tok) is not None:
            continue
        number = verb_number(tok)
        lower = tok.head
        if number is None or lower.dep_ != "ccomp" or verb_number(lower) in {None, number}:
            continue  # "are either against or *have* reservations": the two verbs agree
        subject = _subject(lower)  # two verbs that share a subject agree in number
        if subject is not None and noun_number(subject) in {None, number}:
            continue
        upper = lower.head
        above = _subject(upper)
        if (
            above is None
            or noun_number(above) != number
            or verb_number(upper) not in {None, number}
        ):
            continue
        for c in list(lower.children):
            if c.dep_ == "cc" and lower.i < c.i < tok.i:
                c.head = upper
        tok.head = upper
        moved += 1
    return moved
