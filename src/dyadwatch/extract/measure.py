"""What an amount of money measures, read from the parse of its sentence.

The words near a figure often belong to another phrase ("reschedule some 7.5 billion dlrs of
official debt" stands next to "accord"; "sell its unit to an Exxon unit for 985 mln dlrs"
names no deal at all). :func:`measure_by_syntax` follows the dependency tree from the amount
to the phrase it is the amount of, and names the measure of that phrase's words:

- the noun the amount modifies or is the "of" phrase of ("a 24 billion yen *loan*", "a
  61.1 mln dlr *contract*", "a trade *surplus* of 15.6 billion dlrs");
- the noun of its "of" or "in" phrase ("7.5 billion dlrs of official *debt*", "40 mln dlrs in
  *aid*");
- what is "worth" it ("a *deal* worth 1bn euros", "a *deal* that could be worth $6bn");
- what a verb of level or change says is at that level ("British *exports* exceeded 550 mln
  stg", "the *trade gap* was a record 169.8 billion dlrs", "*exports* plunged … to 265 mln
  crowns", "*trade* has increased … and stood at $450 million"), or what a verb puts or
  values at it ("put *the amount of aid* at $5bn");
- else the verb that takes it ("*lend* Sudan 57 mln dlrs", "*sell* its unit … for 985 mln
  dlrs"), or, for a verb that names no measure, its own "in" phrase ("provide $50bn a year
  in *aid*");
- an amount in brackets after another is its conversion and measures the same.

The phrase's words name a measure through the keywords of ``measures.toml``; verbs through
its ``[syntax]`` table; a trade balance ("surplus", "deficit", "shortfall") is a trade
figure unless it is a budget's or an account's. A phrase that names none measures ``other``.
A balance, exports, imports, reserves or debt with no partner named is one state's own
total (:attr:`Reading.one_sided`).
When the tree gives no phrase (a fragment, a name), None: the caller falls back on the
nearest keyword. The rules are described in docs/extract.md, "Measure, dyad, period and
quote".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.extract.figures import Figure

#: Dependency labels of words inside a noun phrase that modify its head.
_MODIFIERS = frozenset({"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod"})
#: Relative pronouns: the subject of a relative clause is the noun the clause modifies.
_RELATIVE = frozenset({"WDT", "WP"})


@dataclass(frozen=True, slots=True)
class _Syntax:
    keywords: tuple[tuple[str, re.Pattern[str]], ...]
    """Measures of money and the keywords that name them, in the order of measures.toml."""
    verbs: dict[str, str]
    """Verb lemma → the measure of an amount it takes ("lend" → aid)."""
    level_verbs: frozenset[str]
    """Verbs that say what stands at a level ("exceed", "total", "rise"): their subject is
    what the amount measures."""
    balances: frozenset[str]
    """Nouns of a trade balance ("surplus", "deficit")."""
    not_trade: re.Pattern[str]
    """Words that make a balance another kind ("budget", "account")."""
    quantities: frozenset[str]
    """Nouns that only carry an amount ("total", "amount"): the "of" phrase says of what."""
    one_sided: frozenset[str]
    """Lemmas of one state's own total: the balances, "export", "reserve" …"""


@cache
def _syntax() -> _Syntax:
    from dyadwatch.extract.figures import money_measures

    raw = tomllib.loads(
        resources.files("dyadwatch.ontology").joinpath("measures.toml").read_text("utf-8")
    )["syntax"]
    return _Syntax(
        keywords=money_measures(),
        verbs={str(k): str(v) for k, v in raw["verbs"].items()},
        level_verbs=frozenset(str(w) for w in raw["level_verbs"]),
        balances=frozenset(str(w) for w in raw["balances"]),
        not_trade=re.compile(r"\b(?:" + "|".join(raw["not_trade"]) + r")\b", re.I),
        quantities=frozenset(str(w) for w in raw["quantities"]),
        one_sided=frozenset(str(w) for w in [*raw["balances"], *raw["one_sided"]]),
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says an amount is."""

    measure: str
    one_sided: bool
    """One state's own total, with no partner named (see ``Claim.one_sided``)."""
    referent: str | None
    """The lemmas of the phrase's nouns, else of its verb: what the amount is of (see
    ``Claim.referent``)."""


def measure_by_syntax(sent: Span, fig: Figure) -> Reading | None:
    """The measure of the amount ``fig`` (character offsets into the document of ``sent``),
    read from the parse of its sentence; None when the parse names no phrase for it."""
    toks = [t for t in sent if fig.start <= t.idx < fig.end]
    if not toks:
        return None
    roots = [t for t in toks if not fig.start <= t.head.idx < fig.end or t.head.i == t.i]
    # the amount's own head, not a number inside a noun phrase of its own ("billion" of "7.5
    # billion dlrs" modifies "dlrs")
    root = max(roots, key=lambda t: t.dep_ not in _MODIFIERS)
    words = _phrase_of_amount(root, fig.start, fig.end, 0)
    if not words or words[-1].pos_ not in {"NOUN", "VERB", "AUX", "ADJ"}:
        return None
    # what the amount is of, even where the measure comes from elsewhere ("rescheduled 2
    # billion dlrs of debt" is a rescheduling of debt)
    of = _prep_object(root, ("of",), fig.start, fig.end)
    referent = _referent(of, fig) if of is not None else None
    measure = _measure_of(words) or "other"
    return Reading(measure, _one_sided(words, fig), referent or _referent(words, fig))


def _referent(words: Sequence[Token], fig: Figure) -> str | None:
    """The lemmas, in lower case, of the phrase's nouns outside the amount ("kansai airport"),
    else of its verb ("sell"); nouns that only carry an amount ("total", "level") name none."""
    own = [t for t in words if not fig.start <= t.idx < fig.end and not t.like_num]
    quantities = _syntax().quantities
    nouns = [
        t.lemma_.lower()
        for t in own
        if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() not in quantities
    ]
    if nouns:
        return " ".join(nouns)
    verbs = [t.lemma_.lower() for t in own if t.pos_ in {"VERB", "AUX"}]
    return " ".join(verbs) or None


def _one_sided(words: list[Token], fig: Figure) -> bool:
    """A phrase of one state's own total: a balance, exports, imports, reserves or debt with
    no partner ("its trade surplus", not "its surplus *with* the United States", "exports
    *to* Nigeria", "*bilateral* trade")."""
    head = words[-1]
    if head.pos_ != "NOUN" or head.lemma_.lower() not in _syntax().one_sided:
        return False
    # the partner may hang on the noun or on the verb that has it ("had a trade surplus of
    # 7.1 billion dlrs with the U.S.", "to cut its shortfall with Japan")
    holders = [head, head.head] if head.head.pos_ in {"VERB", "AUX"} else [head]
    partner = any(
        _names_partner(c, fig)
        for h in holders
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in {"with", "to", "from", "between", "among"}
    )
    return not partner and not any(t.lower_ in {"bilateral", "two-way"} for t in words)


def _names_partner(prep: Token, fig: Figure) -> bool:
    """A "with"/"to"/"from" phrase that names someone, not the amount itself ("exports rose
    *to 9.34 billion dlrs*" names no partner)."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or fig.start <= obj.idx < fig.end:
        return False
    return obj.pos_ in {"PROPN", "NOUN", "PRON"} and not obj.like_num


def _phrase_of_amount(root: Token, start: int, end: int, depth: int) -> list[Token] | None:
    """The words the amount whose head is ``root`` (spanning ``[start, end)``) is the amount
    of (see module doc)."""
    if root.dep_ == "appos" and depth < 3:  # "1.55bn euros ($2bn)": a conversion
        head = root.head
        return _phrase_of_amount(head, head.idx, head.idx + len(head), depth + 1)
    found = _prep_object(root, ("of", "in"), start, end)
    if found is not None and _measure_of(found):
        return found
    s = _syntax()
    head = root.head
    total = root.dep_ == "pobj" and head.lower_ == "of"
    if total and head.head.lemma_.lower() in s.quantities and depth < 3:
        q = head.head  # "by a total of 4.4 mln dlrs": the total is the amount
        return _phrase_of_amount(q, q.idx, q.idx + len(q), depth + 1)
    if head.lower_ == "worth":
        return _worth(head)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _noun_phrase(head.head)  # "a trade surplus of 15.6 billion dlrs"
    if root.dep_ in _MODIFIERS and head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return _noun_phrase(head)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
        if head.lower_ in {"at", "by"}:  # "put the amount of aid at $5bn", "valued at"
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _noun_phrase(obj)
        if head.lower_ == "for":  # "sell its unit … for 985 mln dlrs", "completed the sale … for"
            return _verb_or_in(verb, with_object=True)
        subject = _subject(verb)
        return _climb(subject) if subject is not None else [verb]
    if root.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        if root.dep_ == "attr" or head.lemma_.lower() in s.level_verbs:
            subject = _subject(head)
            if subject is not None:
                return _climb(subject)
        return _verb_or_in(head)
    return None


def _worth(worth: Token) -> list[Token] | None:
    """What is worth the amount: "a deal worth …", "a deal that could be worth …", "signing
    a deal worth …", "buy one billion dlrs worth of foreign products"."""
    head = worth.head
    if worth.pos_ == "NOUN":  # "dlrs worth of …": the goods, else the verb that takes them
        found = _prep_object(worth, ("of",), worth.idx, worth.idx)
        if found is not None and _measure_of(found):
            return found
        return [head] if head.pos_ in {"VERB", "AUX"} else None
    if head.pos_ in {"NOUN", "PROPN"}:
        return _noun_phrase(head)
    if head.lemma_ == "be":
        subject = _subject(head)
        return _noun_phrase(subject) if subject is not None else None
    if head.pos_ == "VERB":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return _noun_phrase(obj) if obj is not None else [head]
    return None


def _prep_object(tok: Token, preps: tuple[str, ...], start: int, end: int) -> list[Token] | None:
    """The noun phrase of ``tok``'s first "of"/"in" phrase outside the figure."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps and not start <= c.idx < end:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return _noun_phrase(obj)
    return None


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its compounds and adjectives; for a noun that only carries an amount
    ("the amount of aid"), its "of" phrase."""
    if noun.lemma_.lower() in _syntax().quantities:
        found = _prep_object(noun, ("of",), noun.idx, noun.idx)
        if found is not None:
            return found
    return [*(c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}), noun]


def _verb_or_in(verb: Token, with_object: bool = False) -> list[Token]:
    """A verb that names a measure ("invest up to $20bn in oil projects"), else (when the
    amount is not its object) its object that does ("completed the sale … for 18.5 mln
    dlrs"), else its "in" phrase that does ("provide $50bn a year in aid"), else the verb
    (`other`)."""
    if verb.lemma_.lower() in _syntax().verbs:
        return [verb]
    if with_object:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and _measure_of(found := _noun_phrase(obj)):
            return found
    found_in = _prep_object(verb, ("in",), verb.idx, verb.idx)
    return found_in if found_in is not None and _measure_of(found_in) else [verb]


def _subject(verb: Token) -> Token | None:
    """A verb's subject; for a relative clause ("…, which rose to …") or a participle ("a
    contract valued at …"), the noun it modifies; for a second verb without one ("trade has
    increased … and stood at …"), the first verb's."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ in {"relcl", "acl"} and (subject is None or subject.tag_ in _RELATIVE):
        return verb.head
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    return subject


def _climb(noun: Token) -> list[Token]:
    """A noun that names no measure, inside the "with" or "of" phrase of one that may ("the
    trade deficit with the island, which rose to …"): that one."""
    words = _noun_phrase(noun)
    if _measure_of(words) is None and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
        return _noun_phrase(noun.head.head)
    return words


def _measure_of(words: list[Token]) -> str | None:
    """The measure the words of a phrase name (see module doc), or None."""
    s = _syntax()
    if len(words) == 1 and words[0].pos_ in {"VERB", "AUX"}:
        return s.verbs.get(words[0].lemma_.lower(), "other")
    forms = [" ".join(t.text.lower() for t in words), " ".join(t.lemma_.lower() for t in words)]
    head = words[-1]
    if head.lemma_.lower() in s.balances or head.lower_ in s.balances:
        return None if s.not_trade.search(" ".join(forms)) else "trade_volume"
    # the word before the phrase is context for the keywords' look-behinds, not a keyword of
    # its own ("*in* exchange for" is a swap, not trade)
    first = words[0]
    before = first.doc[first.i - 1].lower_ + " " if first.i > 0 else ""
    for name, keywords in s.keywords:
        if any(keywords.search(before + form, len(before)) for form in forms):
            return name
    return None
