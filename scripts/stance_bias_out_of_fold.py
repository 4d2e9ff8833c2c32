#!/usr/bin/env python
"""Does fitting the neutral log bias pay off on items it was not fitted on? Judged inside the training
data's validation part only (never the held-out sets), per trained cross-encoder folder:

    python scripts/stance_bias_out_of_fold.py --out benchmarks/results/stance_neutral_bias_out_of_fold_session27.json \
        ~/.cache/govstance/trained/stance-minilm-cross-ad220c95e141 /tmp/s27/mp6-e05

It rebuilds the validation part (pipeline/stance/train_cross.build_sets, default recipe), scores it with
the model, fits the temperature, and reports pipeline.stance.calibration.bias_out_of_fold (repeated
2-fold splits by group) beside the bias a fit on the whole part picks.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line  # noqa: E402


def validation_logits(folder: str, val) -> "object":
    """The model's logits on the validation part, computed as training computes them for calibration
    (train_cross.tokenize and predict_logits, at the model's own max_length, fp32 on the CPU)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from pipeline.stance.cross import read_cross_config
    from pipeline.stance.train_cross import predict_logits, tokenize

    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True)
    rows = tokenize(tok, val, int(read_cross_config(folder).get("max_length", 96)))
    return predict_logits(model, tok, rows, False, torch.device("cpu")).astype("float64")


def main(argv=None) -> int:
    import numpy as np

    from pipeline.stance.calibration import bias_out_of_fold, fit_label_bias, fit_temperature
    from pipeline.stance.train_cross import LABELS, TrainConfig, build_sets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("models", nargs="+", help="trained cross-encoder folders")
    args = ap.parse_args(argv)
    _, val, _ = build_sets(Path(args.data), TrainConfig())
    y = np.array([LABELS.index(e.label) for e in val])
    src = [e.meta.get("source", "all") for e in val]
    result = {"command": command_line(__file__, argv),
              "validation_pairs": len(val), "models": {}}
    for folder in args.models:
        logits = validation_logits(folder, val)
        t = fit_temperature(logits, y)
        check = bias_out_of_fold(logits, y, LABELS.index("neutral"), t, [e.group for e in val], src)
        check["fitted_on_all"] = fit_label_bias(logits, y, LABELS.index("neutral"), t, groups=src)
        result["models"][folder] = {"temperature": t, **check}
        print(folder, result["models"][folder], flush=True)
    write_json_atomic(Path(args.out), result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
