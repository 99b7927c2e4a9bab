"""Language: every document gets one; text in another language is stored but not read by
the English extractor; a foreign paragraph in an English page is cut out with its reason.

The foreign sentences below were written for these tests, in the style of wire copy; the
identifier is py3langid's shipped model, not trained here.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.clean import clean_document
from dyadwatch.clean.language import identify
from dyadwatch.cli import app
from dyadwatch.config import Config
from dyadwatch.model import Document, RawDocument
from dyadwatch.store import Store
from tests.conftest import EXAMPLES, shared_path

FOREIGN = {
    "de": "Die Vereinigten Staaten und Russland haben am Montag in Genf ein Abkommen über die"
    " Begrenzung strategischer Waffen unterzeichnet. Der Wert von Exporten nach Russland stieg"
    " im vergangenen Jahr deutlich, teilte das Ministerium mit.",
    "fr": "La Russie et le Pakistan ont signé lundi à Moscou un accord de défense qui prévoit"
    " des exercices communs et la livraison d'hélicoptères, a indiqué le ministère.",
    "es": "Rusia y Pakistán firmaron el lunes en Moscú un acuerdo de defensa que prevé"
    " ejercicios conjuntos y el suministro de helicópteros, informó el ministerio.",
    "it": "La Russia e il Pakistan hanno firmato lunedì a Mosca un accordo di difesa che"
    " prevede esercitazioni congiunte e la fornitura di elicotteri, ha detto il ministero.",
    "ru": "Россия и Пакистан подписали в понедельник в Москве соглашение о сотрудничестве в"
    " области обороны, которое предусматривает совместные учения, сообщило министерство.",
    "nl": "De Verenigde Staten en Rusland hebben maandag in Genève een akkoord gesloten over de"
    " beperking van strategische wapens, meldde het ministerie van Buitenlandse Zaken.",
    "tr": "Rusya ve Pakistan pazartesi günü Moskova'da ortak tatbikatları ve helikopter"
    " teslimatını öngören bir savunma anlaşması imzaladı, bakanlık açıkladı.",
}
ENGLISH = [
    "Pakistan and Russia signed a defence pact in Moscow on Monday, officials said.",
    # English with many French names: still English.
    "The group comprising Federation Nationale du Batiment, Caisse Nationale de"
    " Surcompensation du Batiment et des Travaux Publics said it would issue bonds.",
]


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_foreign_text_is_named_for_its_language(lang: str) -> None:
    found, p = identify(FOREIGN[lang])
    assert found == lang and p >= 0.95


@pytest.mark.parametrize("text", ENGLISH)
def test_english_stays_english_even_full_of_foreign_names(text: str) -> None:
    assert identify(text)[0] == "en"


def test_short_text_is_not_judged() -> None:
    assert identify("Moskau, 3. März") == ("en", 0.0)


def _clean(text: str) -> Document:
    doc = clean_document(RawDocument(path="a.txt", content=text, fmt="text"), Config())
    assert isinstance(doc, Document)
    return doc


def test_a_foreign_paragraph_is_cut_from_an_english_page_with_its_reason() -> None:
    english = (
        "Pakistan and Russia signed a defence pact in Moscow on Monday, the Pakistani foreign"
        " ministry said in a statement released in Islamabad."
    )
    doc = _clean(f"{english}\n\n{FOREIGN['fr']}\n\n{english.replace('Monday', 'Tuesday')}")
    assert doc.lang == "en" and doc.lang_conf > 0.9
    assert FOREIGN["fr"] not in doc.text and "Tuesday" in doc.text
    (cut,) = doc.removed
    assert cut.text == FOREIGN["fr"] and cut.reason.startswith("paragraph in another language (fr")


def test_a_foreign_page_keeps_its_text_and_language() -> None:
    doc = _clean(FOREIGN["de"])
    assert doc.lang == "de" and doc.lang_conf >= 0.95
    assert doc.text.startswith("Die Vereinigten Staaten")


def test_foreign_documents_are_stored_listed_and_not_extracted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus, ignore=shutil.ignore_patterns("README.md"))
    (corpus / "ausland.txt").write_text(FOREIGN["de"] + "\n\n" + FOREIGN["de"], encoding="utf-8")
    (corpus / "etranger.txt").write_text(FOREIGN["fr"], encoding="utf-8")
    db = tmp_path / "s.duckdb"
    run = CliRunner().invoke(app, ["analyze", str(corpus), "--db", str(db)])
    assert run.exit_code == 0, run.output
    assert "2 documents in other languages" in run.output
    with Store(db, read_only=True) as store:
        langs = {r["lang"]: r["n"] for r in store.query(
            "SELECT lang, count(*) AS n FROM documents GROUP BY lang"
        )}  # fmt: skip
        assert langs == {"en": 5, "de": 1, "fr": 1}
        foreign = "SELECT doc_id FROM documents WHERE lang <> 'en'"
        for table in ("mentions", "events", "claims", "sentences"):
            found = store.scalar(f"SELECT count(*) FROM {table} WHERE doc_id IN ({foreign})")
            assert found == 0, table
        assert store.scalar("SELECT count(*) FROM events") > 0  # English still read
    summary = CliRunner().invoke(app, ["summary", "--db", str(db)])
    assert "languages: en 5, de 1, fr 1" in summary.output
    assert "2 in other languages stored, not extracted" in summary.output
    dossier = tmp_path / "d.md"
    args = ["report", "PAK", "RUS", "--db", str(db), "--format", "md", "-o", str(dossier)]
    report = CliRunner().invoke(app, args)
    assert report.exit_code == 0, report.output
    assert "2 documents of the store in other languages (de 1, fr 1) set aside" in (
        dossier.read_text()
    )


def test_no_wire_story_is_set_aside() -> None:
    """BBC news (2,225 English stories): none is taken for another language, and at most
    one in a thousand loses a paragraph."""
    path = shared_path("corpus", "news", "bbc_news_2225", "articles.jsonl.gz")
    docs = set_aside = cut = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            raw = RawDocument(path="bbc", content=r.get("text") or "", fmt="text")
            doc = clean_document(raw, Config())
            if not isinstance(doc, Document):
                continue
            docs += 1
            set_aside += doc.lang != "en"
            cut += any(x.reason.startswith("paragraph in another") for x in doc.removed)
    assert docs > 2000
    assert set_aside == 0
    assert cut <= docs // 1000
