#!/usr/bin/env python
"""Re-fit a trained cross-encoder's calibration with the current code, into a copy of its folder:

    python scripts/stance_recalibrate.py /tmp/s27/mp6-e05 /tmp/s27/mp6-e05-cal

The weights are copied unchanged; the validation part is rebuilt with the default recipe
(pipeline/stance/train_cross.build_sets) and pipeline.stance.calibration.calibrate replaces the
"calibration" block of govstance_cross.json. This is what training with the current code would write
for the same weights, without spending the training time again.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from stance_bias_out_of_fold import validation_logits  # noqa: E402


def main(argv=None) -> int:
    from pipeline.stance.calibration import calibrate
    from pipeline.stance.cross import CROSS_CONFIG
    from pipeline.stance.train_cross import LABELS, TrainConfig, build_sets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="trained cross-encoder folder")
    ap.add_argument("out", help="folder to write (a copy with the new calibration)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args(argv)
    src, dst = Path(args.model), Path(args.out)
    if dst.resolve() == src.resolve():
        ap.error("out must be a new folder: the source keeps its calibration")
    _, val, _ = build_sets(Path(args.data), TrainConfig())
    cal = calibrate(validation_logits(str(src), val), val, LABELS)
    cfg = json.loads((src / CROSS_CONFIG).read_text(encoding="utf-8"))
    print(f"before: {json.dumps(cfg.get('calibration'))}\nafter:  {json.dumps(cal)}")
    shutil.copytree(src, dst, dirs_exist_ok=True)
    cfg["calibration"] = cal
    write_json_atomic(dst / CROSS_CONFIG, cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
