"""The reuse stage: MinHash/LSH, passage alignment, spin signals, lineage, quality gates."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.model import Document, Passage, ReuseSignal
from dyadwatch.reuse import (
    AlignConfig,
    LSHIndex,
    MinHasher,
    ReuseConfig,
    SpinLexicon,
    align,
    exact_jaccard,
    find_reuse,
    jaccard,
    linked,
    mt_score,
    optimal_params,
    shingle_hashes,
    spin_score,
    tokenize_batch,
    unspin,
)
from dyadwatch.reuse.lineage import lineage_edge
from dyadwatch.reuse.text import sentences, words
from tests.conftest import EXAMPLES, shared_path

# -- fixtures: one paragraph of our own and what copiers do with it --------------------------

ORIGINAL = (
    "The government of Norland announced on Tuesday that it will build a new hydroelectric "
    "dam on the Vessa River, close to the border with Estovia. Officials said the project "
    "would cost about $2 billion and provide electricity for nearly three million homes. "
    "Environmental groups warned that the dam could damage fisheries downstream and force "
    "several villages to move. Estovia's foreign ministry said it had not been consulted and "
    "asked for urgent talks about the shared water supply."
)
# What an article spinner makes of it: synonyms swapped one for one, names and figures kept.
SPUN = (
    "The administration of Norland declared on Tuesday that it will construct a fresh "
    "hydroelectric dam on the Vessa River, near to the outskirt with Estovia. Authorities said "
    "the venture would cost about $2 billion and give power for almost three million homes. "
    "Ecological gatherings cautioned that the dam could harm fisheries downstream and power a "
    "few towns to move. Estovia's outside service said it had not been counseled and requested "
    "critical talks about the common water supply."
)
# Two sentences taken word for word into an article about something else.
PARTIAL = (
    "Energy prices in the region have risen sharply this winter. Officials said the project "
    "would cost about $2 billion and provide electricity for nearly three million homes. "
    "Environmental groups warned that the dam could damage fisheries downstream and force "
    "several villages to move. Analysts expect the debate over the dam to dominate the next "
    "regional summit, where trade and transport links are also on the agenda."
)
# The same facts retold: clauses moved, words dropped and added.
PARAPHRASE = (
    "On Tuesday Norland's government said it would build a new hydroelectric dam on the Vessa "
    "River near the Estovian border. The project, officials said, would cost roughly $2 "
    "billion and supply electricity to almost three million homes. Environmental groups warned "
    "the dam might harm downstream fisheries and force several villages to relocate. The "
    "Estovian foreign ministry said it had not been consulted, asking for urgent talks on the "
    "shared water supply."
)
# Same river, same countries, not derived from ORIGINAL: must not be linked.
SAME_TOPIC = (
    "Estovia and Norland have argued over the Vessa River for decades. In 1998 the two "
    "countries signed a treaty that split the river's water equally, but farmers in Estovia "
    "say the dry summers of recent years have left them with far less. Norland's energy "
    "minister visited the border region last month and promised that any new project would "
    "respect the treaty. Estovian officials remain sceptical and have asked international "
    "mediators to monitor water levels."
)


def doc(doc_id: str, text: str, date: str | None = None) -> Document:
    return Document(doc_id=doc_id, source_id=doc_id, path=f"{doc_id}.txt", text=text, date=date)


def by_pair(passages: list[Passage]) -> dict[tuple[str, str], list[Passage]]:
    out: dict[tuple[str, str], list[Passage]] = {}
    for p in passages:
        out.setdefault((p.doc_a, p.doc_b), []).append(p)
    return out


# -- configuration ---------------------------------------------------------------------------


def test_config_str_names_its_parameters() -> None:
    text = str(ReuseConfig(threshold=0.6, num_perm=64))
    assert text.startswith("ReuseConfig(threshold=0.6, num_perm=64, shingle=5")
    assert "AlignConfig(min_tokens=5" in text


@pytest.mark.parametrize(
    ("kwargs", "hint"),
    [({"threshold": 1.5}, "threshold=0.5"), ({"num_perm": 100}, "num_perm=128")],
)
def test_config_rejects_bad_values_with_the_fix(kwargs: dict[str, float], hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        ReuseConfig(**kwargs)  # type: ignore[arg-type]


# -- text ------------------------------------------------------------------------------------


def test_sentences_quote_their_text() -> None:
    text = "Mr. Khan arrived at 5 p.m. on Monday. The talks began.\nA new line starts here."
    spans = [(s.start, s.end) for s in sentences(text)]
    assert [text[a:b] for a, b in spans] == [
        "Mr. Khan arrived at 5 p.m. on Monday.",
        "The talks began.",
        "A new line starts here.",
    ]


def test_token_batch_folds_case_and_keeps_inner_punctuation() -> None:
    batch = tokenize_batch(["Pakistan’s ties—with RUSSIA, e-mail 2020", "pakistan’s Russia", ""])
    assert list(np.diff(batch.offsets)) == [6, 2, 0]
    h = batch.hashes
    assert h[0] == h[6] and h[3] == h[7]  # pakistan’s, russia: case folded
    assert list(batch.capital[:6]) == [True, False, False, True, False, False]
    assert bool(batch.digit[5])


# -- MinHash and LSH -------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.sets(st.integers(0, 2**40), min_size=60, max_size=300),
    st.sets(st.integers(0, 2**40), min_size=60, max_size=300),
    st.floats(0.0, 1.0),
)
def test_minhash_estimates_track_exact_jaccard(a: set[int], b: set[int], share: float) -> None:
    shared = set(list(a)[: int(share * len(a))])
    b = b | shared
    hashes = np.array(sorted(a) + sorted(b), np.uint64)
    offsets = np.array([0, len(a), len(a) + len(b)], np.int64)
    sig = MinHasher(256).sign(hashes, offsets)
    est = float(jaccard(sig[0], sig[1])[0])
    assert abs(est - exact_jaccard(a, b)) < 0.2


def test_minhash_rejects_a_bad_num_perm_with_the_fix() -> None:
    with pytest.raises(ValueError, match="try num_perm=128"):
        MinHasher(100)


def test_lsh_pairs_near_duplicates_and_not_unrelated_texts() -> None:
    rng = random.Random(1)
    vocab = [f"w{k}" for k in range(5000)]
    base = [" ".join(rng.choices(vocab, k=300)) for _ in range(40)]
    near = base[0].split()
    near[100] = "changed"
    texts = [*base, " ".join(near)]
    tokens = tokenize_batch(texts)
    shingles, offsets = shingle_hashes(tokens.hashes, tokens.offsets, 5)
    pairs = LSHIndex(0.5, 128).candidate_pairs(MinHasher(128).sign(shingles, offsets))
    assert [tuple(p) for p in pairs.tolist()] == [(0, 40)]


def test_optimal_params_match_datasketch() -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.3, 0.5, 0.8):
        assert optimal_params(threshold, 128) == lsh._optimal_param(threshold, 128, 0.5, 0.5)


# -- alignment -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "kind"),
    [(SPUN, "spun"), (PARTIAL, "verbatim"), (PARAPHRASE, "paraphrase"), (ORIGINAL, "verbatim")],
    ids=["spun", "partial", "paraphrase", "duplicate"],
)
def test_aligner_links_copies_and_names_their_kind(other: str, kind: str) -> None:
    passages = align("o", ORIGINAL, "x", other)
    assert linked(passages, ORIGINAL, other)
    longest = max(passages, key=lambda p: p.end_b - p.start_b)
    assert longest.kind == kind
    for p in passages:
        assert ORIGINAL[p.start_a : p.end_a].strip() and other[p.start_b : p.end_b].strip()


def test_aligner_does_not_link_same_topic_text() -> None:
    assert not linked(align("o", ORIGINAL, "t", SAME_TOPIC), ORIGINAL, SAME_TOPIC)


def test_spun_passage_lists_the_substitutions() -> None:
    (p,) = align("o", ORIGINAL, "s", SPUN)
    assert {("announced", "declared"), ("build", "construct"), ("project", "venture")} <= set(
        p.substitutions
    )
    assert 0.5 < p.similarity < 0.9


def test_partial_copy_spans_cover_the_copied_sentences() -> None:
    (p,) = align("o", ORIGINAL, "p", PARTIAL)
    assert PARTIAL[p.start_b : p.end_b] == ORIGINAL[p.start_a : p.end_a]
    assert PARTIAL[p.start_b : p.end_b].startswith("Officials said the project")
    assert PARTIAL[p.start_b : p.end_b].endswith("several villages to move.")


def test_a_shared_boilerplate_line_does_not_link_two_articles() -> None:
    line = " Leave a Reply. Your email address will not be published."
    a, b = ORIGINAL + line, SAME_TOPIC + line
    assert align("a", a, "b", b)  # the line itself aligns …
    assert not linked(align("a", a, "b", b), a, b)  # … but it is not a copy


def test_different_figures_are_a_conflict_not_a_copy() -> None:
    a = "Exports to the region rose by 12 percent to $4.5 billion in the first half of the year."
    b = "Exports to the region rose by 3 percent to $1.2 billion in the first half of the year."
    assert not linked(align("a", a, "b", b), a, b)


# -- signals ---------------------------------------------------------------------------------


def test_spin_score_counts_lexicon_phrases_as_evidence() -> None:
    lexicon = SpinLexicon({"as of late": 3.0, "goliath": 2.0})
    score, evidence = spin_score("As of late the vitality goliath grew. " * 3 + ORIGINAL, lexicon)
    assert 0.5 < score < 1.0
    assert evidence[0] == 'spinner phrase "as of late" ×3'
    assert spin_score(ORIGINAL, lexicon) == (0.0, [])


def test_one_spinner_phrase_is_not_spin_however_often_repeated() -> None:
    """Issue "Wire text cleaned right, and not called spun": a topic word of the lexicon
    ("equity", "principal") repeated in a short wire story used to flag it as spun."""
    lexicon = SpinLexicon({"equity": 3.0, "goliath": 2.0})
    story = "The equity offer was raised, the company said. Equity holders agreed. " * 2
    score, evidence = spin_score(story, lexicon)
    assert score == 0.0 and evidence == ['spinner phrase "equity" ×4']


def test_spin_score_weighs_phrases_against_clean_text_of_the_same_length() -> None:
    lexicon = SpinLexicon({"as of late": 3.0, "goliath": 2.0}, clean_mean=0.0, clean_var=0.01)
    short = "As of late the vitality goliath grew. " + ORIGINAL
    long = short + " " + " ".join([ORIGINAL] * 12)
    assert spin_score(short, lexicon)[0] > 0.5 > spin_score(long, lexicon)[0] > 0.0
    common = SpinLexicon({"as of late": 3.0, "goliath": 2.0}, clean_mean=0.05, clean_var=0.01)
    assert spin_score(short, common)[0] == 0.0  # clean text of that length holds as much


def test_unspin_puts_back_the_replaced_wording_and_maps_offsets() -> None:
    lexicon = SpinLexicon(
        {"as of late": 3.0, "goliath": 2.0},
        originals={"as of late": "recently", "goliath": "giant"},
    )
    text = "As of late the vitality goliath grew, analysts said."
    unspun = unspin(text, lexicon)
    assert unspun.text == "Recently the vitality giant grew, analysts said."
    for word in ("vitality", "grew", "analysts"):
        new = unspun.text.index(word)
        assert unspun.source(new) == text.index(word)
        assert unspun.source(new + len(word), end=True) == text.index(word) + len(word)
    giant = unspun.text.index("giant")
    assert unspun.source(giant) == text.index("goliath")
    assert unspun.source(giant + len("giant"), end=True) == text.index("goliath") + 7
    # a match that ends right before a replaced phrase ends there in the original too
    assert unspun.source(giant - 1, end=True) == text.index("goliath") - 1
    assert unspin(ORIGINAL, lexicon).text == ORIGINAL


def test_shipped_lexicon_maps_spun_wording_back() -> None:
    """The lexicon learned from the dev pairs knows what its phrases replaced."""
    assert unspin("Likewise, the ministry utilized its acknowledgment of Kosovo.").text == (
        "Also, the ministry used its recognition of Kosovo."
    )


# Machine translation: the traces of a source language's conventions, written here by hand
# (German and Russian number and date conventions, French quotation marks, untranslated
# function words, tokens not joined back).
MT_EXAMPLES = [
    ("Exports rose on 15. March, officials said.", "ordinal written with a full stop"),
    ("It was the 3. round of talks.", "ordinal written with a full stop"),
    ("Trade reached 4 billion. EUR last year.", "scale word with the source's abbreviation stop"),
    ("Output grew 12 million. tonnes a year.", "scale word with the source's abbreviation stop"),
    ("Inflation stood at 2,5 percent in May.", "decimal comma"),
    ("The deal is worth 1,4 billion dollars.", "decimal comma"),
    ("He called it «a step forward» on Monday.", "foreign quotation marks"),
    ("The talks on trade und energy went on.", "untranslated function word"),
    ("It supports the sector. E. , the pipeline.", "punctuation split from its word"),
]


@pytest.mark.parametrize(("sentence", "kind"), MT_EXAMPLES, ids=[k for _, k in MT_EXAMPLES])
def test_each_kind_of_translation_trace_is_found(sentence: str, kind: str) -> None:
    score, evidence = mt_score(sentence)
    assert score == 0.0  # one kind of trace alone is not enough
    assert len(evidence) == 1 and evidence[0].startswith(f"machine translation: {kind} ×1")


def test_mt_score_needs_two_kinds_of_trace() -> None:
    text = (
        "Exports rose on 15. March by 2,5 percent, the ministry said. " + ORIGINAL + " " + ORIGINAL
    )
    score, evidence = mt_score(text)
    assert score >= 0.5 and len(evidence) == 2
    assert mt_score(ORIGINAL) == (0.0, [])


# Edited English that looks like a trace and is not one (Reuters house style and names).
NOT_MT = [
    "Dealers quoted one-week at 10. Dealers said rates were steady.",
    "He died at the age of 81. He was a popular hero.",
    "It was used in a manner not intended by Congress if the . . . import ban held.",
    "BBC AG Brown Boveri und Cie said its net profit rose.",
    "Sales rose to 4.5 billion. The company said it was pleased.",
    "Exports rose 1,250 mln dlrs, or 12 pct, in 1986.",
    "It lost nearly USD 1 billion. USD 81 million was moved abroad.",
]


@pytest.mark.parametrize("text", NOT_MT, ids=range(len(NOT_MT)))
def test_edited_english_leaves_no_translation_trace(text: str) -> None:
    assert mt_score(text) == (0.0, [])


def _reuters_sample(n: int) -> list[str]:
    path = shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        texts = [t for line in fh if (t := json.loads(line).get("text") or "").strip()]
    return texts[:: max(len(texts) // n, 1)][:n]


def test_wire_stories_are_neither_spun_nor_translated() -> None:
    """Issue "Wire text cleaned right, and not called spun": at most 1 % of Reuters stories
    (edited newswire) may be flagged; 6–9 % were flagged as spun for ordinary words."""
    from dyadwatch.clean import clean_document
    from dyadwatch.config import Config
    from dyadwatch.model import RawDocument

    cfg, spun, translated = ReuseConfig(), 0, 0
    stories = _reuters_sample(2000)
    for k, text in enumerate(stories):
        cleaned = clean_document(RawDocument(path=f"r{k}", content=text, fmt="text"), Config())
        body = cleaned.text if isinstance(cleaned, Document) else text
        spun += spin_score(body)[0] >= cfg.spin_threshold
        translated += mt_score(body)[0] >= cfg.mt_threshold
    assert spun <= 0.01 * len(stories) and translated <= 0.01 * len(stories)


# -- lineage ---------------------------------------------------------------------------------

LEXICON = SpinLexicon({"administration": 2.0, "outskirt": 3.0, "ecological gatherings": 3.0})


def _signals(*pairs: tuple[str, float]) -> dict[str, ReuseSignal]:
    return {d: ReuseSignal(d, s, 0.0) for d, s in pairs}


def test_dates_decide_direction_first() -> None:
    a, b = doc("a", SPUN, "2020-01-01"), doc("b", ORIGINAL, "2020-02-01")
    edge, _ = lineage_edge(
        a, b, align("a", SPUN, "b", ORIGINAL), _signals(("a", 0.9), ("b", 0)), LEXICON
    )
    assert (edge.source_doc, edge.derived_doc) == ("a", "b")
    assert edge.reason.startswith("dates:")


def test_spun_copy_derives_from_its_clean_source() -> None:
    a, b = doc("a", SPUN), doc("b", ORIGINAL)
    passages = align("a", SPUN, "b", ORIGINAL)
    edge, oriented = lineage_edge(a, b, passages, _signals(("a", 0.8), ("b", 0.0)), LEXICON)
    assert (edge.source_doc, edge.derived_doc, edge.kind) == ("b", "a", "spun")
    assert edge.reason.startswith("spun copy:") and "no dates" in edge.reason
    assert oriented[0].doc_a == "b" and ("announced", "declared") in oriented[0].substitutions


def test_partial_copy_keeping_spun_phrases_derives_from_the_spun_text() -> None:
    half_unspun = SPUN.replace("declared", "announced").replace("construct", "build")
    half_unspun = half_unspun.replace("Authorities", "Officials")
    a, b = doc("a", SPUN), doc("b", half_unspun)
    passages = align("a", SPUN, "b", half_unspun)
    edge, _ = lineage_edge(a, b, passages, _signals(("a", 0.9), ("b", 0.6)), LEXICON)
    assert (edge.source_doc, edge.derived_doc) == ("a", "b")
    assert edge.reason.startswith("spun phrases kept:") and '"outskirt"' in edge.reason


# -- the whole stage -------------------------------------------------------------------------


def test_find_reuse_on_the_fixtures() -> None:
    docs = [
        doc("orig", ORIGINAL),
        doc("spun", SPUN),
        doc("part", PARTIAL),
        doc("para", PARAPHRASE),
        doc("topic", SAME_TOPIC),
        doc("dup", ORIGINAL),
    ]
    res = find_reuse(docs, ReuseConfig())
    text = {d.doc_id: d.text for d in docs}
    pairs = {frozenset((e.source_doc, e.derived_doc)) for e in res.lineage}
    assert frozenset(("orig", "dup")) in pairs
    assert {frozenset(("orig", "spun")), frozenset(("orig", "part"))} <= pairs
    assert not any("topic" in p for p in pairs)
    assert {m.doc_id for m in res.clusters} == {"orig", "dup"}
    groups = {m.doc_id: m.cluster_id for m in res.groups}
    assert groups["topic"] != groups["orig"] == groups["spun"] == groups["part"] == groups["dup"]
    assert len(res.signals) == len(docs)
    for p in res.passages:
        assert 0 <= p.start_a < p.end_a <= len(text[p.doc_a])
        assert 0 <= p.start_b < p.end_b <= len(text[p.doc_b])


def test_find_reuse_handles_empty_and_tiny_inputs() -> None:
    assert find_reuse([], ReuseConfig()).groups == []
    res = find_reuse([doc("a", ""), doc("b", "Hi."), doc("c", "Hi.")], ReuseConfig())
    assert len(res.groups) == 3


def test_seeds_corpus_spun_copy_and_its_lineage() -> None:
    """Issue: the seeds corpus — 001 reuses 000's spun text; 003 is machine-translated."""
    docs = [doc(p.stem[:3], p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    res = find_reuse(docs, ReuseConfig())
    edges = {(e.source_doc, e.derived_doc): e for e in res.lineage}
    assert set(edges) == {("000", "001")}
    assert edges[("000", "001")].kind in ("spun", "paraphrase")
    assert {p.kind for p in res.passages} >= {"spun", "near_verbatim"}
    assert "no dates" in edges[("000", "001")].reason
    subs = {s for p in res.passages for s in p.substitutions}
    assert {("vitality goliath", "energy giant"), ("word reference", "dictionary")} <= subs
    signals = {s.doc_id: s for s in res.signals}
    assert signals["000"].spin_score >= 0.5 > max(signals[d].spin_score for d in ("002", "004"))
    assert signals["003"].mt_score >= 0.5 > max(signals[d].mt_score for d in ("000", "002"))


# -- quality gate on the labelled dev data (floors a little below the measured values) -------

FLOORS = {
    "spun_recall": 0.93,  # measured 0.964 (paragraph and document)
    "verbatim_recall": 0.97,  # measured 1.000
    "near_verbatim_recall": 0.95,  # measured 1.000
}
CEILINGS = {"same_topic_fpr": 0.02, "unrelated_fpr": 0.0}  # measured 0.013 and 0.000


def _records(root: Path) -> list[dict[str, object]]:
    out = []
    for name in ("mpc_spinbot", "mpc_neural", "etpc_msrp"):
        with gzip.open(root / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh]
    return out


def test_quality_gate_on_the_reuse_dev_split() -> None:
    records = _records(shared_path("benchmarks", "reuse"))
    cfg = AlignConfig()
    hits: dict[str, list[int]] = {}
    for r in records:
        a, b = str(r["a"]), str(r["b"])
        found = linked(align("a", a, "b", b, cfg), a, b, cfg)
        hits.setdefault(str(r["label"]), []).append(int(found))
    rate = {label: sum(v) / len(v) for label, v in hits.items()}
    assert rate["spun"] >= FLOORS["spun_recall"]
    assert rate["verbatim"] >= FLOORS["verbatim_recall"]
    assert rate["near_verbatim"] >= FLOORS["near_verbatim_recall"]
    assert rate["same_topic"] <= CEILINGS["same_topic_fpr"]
    assert rate["unrelated"] <= CEILINGS["unrelated_fpr"]


def test_words_match_sentence_tokens() -> None:
    assert words(ORIGINAL) == [t for s in sentences(ORIGINAL) for t in s.tokens]


def test_the_stage_keeps_no_aligned_text_once_it_is_done() -> None:
    """The aligner caches each text's sentences while pairs run; the stage drops them."""
    from dyadwatch.reuse.align import _side

    text = " ".join(
        f"Ministers of both countries met on day {i} to discuss trade." for i in range(30)
    )
    res = find_reuse([doc("a", text), doc("b", text + " They agreed.")], ReuseConfig())
    assert res.lineage  # the pair was aligned, so the cache was used
    assert _side.cache_info().currsize == 0
