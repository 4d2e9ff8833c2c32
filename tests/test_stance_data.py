"""Training-data helpers of pipeline/stance/data.py: the cheap sentence splitter, lexical condensing,
the validation hold-out by group hash, and per-label caps."""
from __future__ import annotations

from pipeline.stance.data import Example, cap_per_label, holdout_side, lexical_condense, quick_sentences


def test_quick_sentences_split_on_punctuation_and_newlines():
    text = 'He said "No." She left. Then 3 more came!\nA new line? Yes'
    assert quick_sentences(text) == ['He said "No."', "She left.", "Then 3 more came!", "A new line?", "Yes"]
    assert quick_sentences("") == []
    assert quick_sentences("U.S. officials met.") == ["U.S. officials met."]  # no break before a lower-case word


def test_lexical_condense_keeps_the_sentences_about_the_target_in_text_order():
    body = ("The weather was fine. Iran denied building a nuclear weapon. Markets rose. "
            "Officials in Iran called the nuclear report false. Sports results followed.")
    (e,) = lexical_condense([Example(body, "Iran builds a nuclear weapon", "against", "g")], k=2)
    assert e.statement == "Iran denied building a nuclear weapon. Officials in Iran called the nuclear report false."
    assert e.label == "against" and e.meta["condensed"] == "lexical"
    short = lexical_condense([Example("One. Two.", "x", "favor", "g")], k=3)[0]
    assert short.statement == "One. Two."
    capped = lexical_condense([Example("word " * 300 + ".", "word", "favor", "g")], k=1, max_words=50)[0]
    assert len(capped.statement.split()) == 50


def test_holdout_is_fixed_by_the_group_and_near_the_fraction():
    groups = [f"g{i}" for i in range(4000)]
    side = [holdout_side(g, 0.1) for g in groups]
    assert side == [holdout_side(g, 0.1) for g in groups]
    assert 0.08 < sum(side) / len(side) < 0.12
    assert [holdout_side(g, 0.1, salt="other") for g in groups] != side


def test_cap_per_label_keeps_file_order_and_the_caps():
    ex = [Example(f"s{i}", "t", ["favor", "against", "neutral"][i % 3], f"g{i}") for i in range(30)]
    out = cap_per_label(ex, {"favor": 2, "neutral": 100})
    assert sum(e.label == "favor" for e in out) == 2 and sum(e.label == "neutral" for e in out) == 10
    assert sum(e.label == "against" for e in out) == 10  # no cap given: all kept
    assert [int(e.statement[1:]) for e in out] == sorted(int(e.statement[1:]) for e in out)
    assert out == cap_per_label(ex, {"favor": 2, "neutral": 100})


def test_training_data_does_not_depend_on_the_string_hash_seed():
    """Set order follows PYTHONHASHSEED: summing IDF weights in set order broke near-ties differently in
    each process, so two first-use trainings on the same data differed (found by comparing two runs)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (data / "fnc1" / "train_stances.csv").is_file():
        import pytest

        pytest.skip("needs ../shared/data/fnc1/train_*.csv")
    code = ("import hashlib, json; from pathlib import Path\n"
            "from pipeline.stance.train_cross import TrainConfig, build_sets\n"
            f"tr, va, _ = build_sets(Path({str(data)!r}), TrainConfig(datasets=('fnc1',)))\n"
            "print(hashlib.sha256(json.dumps([(e.statement, e.target, e.label) for e in tr + va]).encode()).hexdigest())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outs) == 1
