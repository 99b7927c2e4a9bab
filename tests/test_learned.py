"""The learned second opinion of the coder: the model's arithmetic, which verbs reach it, and
how its category becomes an event that the rules still shape."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from dyadwatch.extract.learned import (
    NONE,
    CategoryModel,
    load_model,
    reset_model,
    use_model,
)
from dyadwatch.extract.pipeline import code_sentence
from dyadwatch.extract.vocab import load_vocab


def _model(weights: dict[str, list[float]], threshold: float = 0.5) -> CategoryModel:
    labels = (NONE, "PROTEST", "ASSAULT")
    return CategoryModel(
        labels=labels,
        bias=np.array([1.0, 0.0, 0.0]),
        weights={f: np.array(w) for f, w in weights.items()},
        codes={"PROTEST": "140", "ASSAULT": "180"},
        threshold=threshold,
    )


@pytest.fixture
def swap() -> Iterator[None]:
    yield
    reset_model()


def test_probabilities_are_a_softmax_of_summed_rows() -> None:
    m = _model({"v=shun": [0.0, 3.0, 0.0], "o=work": [0.0, 1.0, 0.5]})
    p = m.probabilities(["v=shun", "o=work", "unseen"])
    z = np.array([1.0, 4.0, 0.5])
    assert np.allclose(p, np.exp(z) / np.exp(z).sum())
    assert m.predict(["v=shun"]) == ("PROTEST", pytest.approx(float(p.max()), rel=0.2))
    assert m.code(["v=shun"]) == "140"
    assert m.code([]) is None  # NONE wins on the bias alone
    assert _model({"v=shun": [0.0, 3.0, 0.0]}, threshold=0.99).code(["v=shun"]) is None


def test_model_survives_its_json_form() -> None:
    m = _model({"v=shun": [0.0, 3.0, 0.0]})
    back = CategoryModel.from_json(m.to_json())
    assert back.labels == m.labels and back.codes == m.codes
    assert back.predict(["v=shun"]) == m.predict(["v=shun"])


def test_shipped_model_loads_and_codes_every_category_it_knows() -> None:
    model = load_model()
    assert model is not None
    assert NONE in model.labels
    v = load_vocab()
    for label in model.labels:
        if label == NONE:
            continue
        coding = v.coding(model.codes[label])
        assert coding is not None and coding.plover == label


def test_a_verb_no_dictionary_knows_is_coded_by_the_model(swap: None) -> None:
    text = "Palestinians heckled the Israeli envoy."
    use_model(None)
    assert not code_sentence(text).events
    use_model(_model({"v=heckle": [0.0, 4.0, 0.0]}))
    found = {(e.source, e.target, e.plover) for e in code_sentence(text).events}
    assert ("PSE", "ISR", "PROTEST") in found


def test_the_rules_still_judge_what_the_model_codes(swap: None) -> None:
    use_model(_model({"v=heckle": [0.0, 4.0, 0.0]}))
    # a negated act is no event, a verb the dictionary knows never reaches the model
    assert not code_sentence("Palestinians did not heckle the Israeli envoy.").events
    use_model(_model({"v=attack": [0.0, 9.0, 0.0]}))
    found = {e.plover for e in code_sentence("Iraq attacked Iran.").events}
    assert found == {"ASSAULT"}
