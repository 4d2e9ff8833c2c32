"""Fine-tune a cross-encoder stance model end to end, within a fixed CPU budget.

What it does, in order (every step seeded, so a rerun on the same machine gives the same weights):
1. ``build_sets``: NewsMTSC train and FNC-1's official training set (related pairs, bodies reduced
   to the 2 sentences that share the most words with the headline, capped per label), each split
   into a training and a validation part by a hash of its group (a NewsMTSC sentence, an FNC-1
   headline-body component), so no sentence, headline or body is on both sides. FNC-1 training
   pairs whose headline is also a dev_* headline are left out, so dev_* stays held out.
2. ``train``: the encoder plus a 3-way classifier on ``[CLS] target [SEP] statement [SEP]``,
   AdamW with linear warmup and decay, length-bucketed batches (little padding), bf16 autocast on a
   GPU or an AMX CPU only (measured: no gain on AVX512-BF16 alone, scripts/bench_stance_training.py), a progress
   bar with an ETA on stderr; validated at the end of each checkpoint interval, and the best
   checkpoint by mean macro-F1 over the sources is kept (early stopping).
3. ``calibration.calibrate``: the temperature (validation NLL) and the neutral log bias (validation macro-F1,
   mean over sources) that the backend (pipeline/stance/cross.py) applies at inference.
"""
from __future__ import annotations

import copy
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

from ..progress import progress
from .calibration import calibrate, macro_f1_by_source
from .data import Example, cap_per_label, holdout_side, lexical_condense, load_fnc, load_newsmtsc

LABELS = ("favor", "against", "neutral")  # the model's output order (id2label)


@dataclass
class TrainConfig:
    datasets: tuple[str, ...] = ("fnc1", "newsmtsc")
    epochs: float = 1.7  # 9 min on 2 cores; NewsMTSC .745 vs .697 at 1 (benchmarks/results/stance_cross_epochs_*)
    batch_size: int = 32
    lr: float = 8e-5
    weight_decay: float = 0.01
    warmup: float = 0.06
    max_length: int = 96
    fnc_caps: dict[str, int] = field(default_factory=lambda: {"favor": 1200, "against": 800, "neutral": 1200})
    fnc_sentences: int = 2
    validation_fraction: float = 0.06
    evaluations: int = 3  # validation passes, evenly spaced; the last one is at the end
    freeze_embeddings: bool = True
    freeze_layers: int = 0  # the lowest N encoder layers (and all embeddings) stay fixed: no backward through them
    keep_layers: Optional[int] = None  # keep only the lowest N encoder layers (the top ones are dropped before training)
    bf16: Optional[bool] = None  # None: on a GPU that has bf16 or an AMX CPU (use_bf16)
    threads: Optional[int] = None
    seed: int = 0
    max_examples: Optional[int] = None  # tests: a small fixed subset of the training part


# ----------------------------------------------------------------------------------------- data
def build_sets(data: Path, cfg: TrainConfig) -> tuple[list[Example], list[Example], dict[str, Any]]:
    """(train, validation, description) from the datasets under `data` (fnc1/, newsmtsc/)."""
    train: list[Example] = []
    val: list[Example] = []
    info: dict[str, Any] = {}
    if "newsmtsc" in cfg.datasets:
        ex = load_newsmtsc(data / "newsmtsc" / "train.jsonl")
        for e in ex:
            e.meta["source"] = "newsmtsc"
        v = [e for e in ex if holdout_side(e.group, cfg.validation_fraction)]
        t = [e for e in ex if not holdout_side(e.group, cfg.validation_fraction)]
        train += t
        val += v
        info["newsmtsc"] = {"file": "newsmtsc/train.jsonl", "train": _counts(t), "validation": _counts(v)}
    if "fnc1" in cfg.datasets:
        ex = load_fnc(data / "fnc1", prefix="train")
        dev_heads = _dev_headlines(data / "fnc1")
        dropped = sum(e.target in dev_heads for e in ex)
        ex = [e for e in ex if e.target not in dev_heads]
        v = [e for e in ex if holdout_side(e.group, cfg.validation_fraction)]
        t = [e for e in ex if not holdout_side(e.group, cfg.validation_fraction)]
        t = cap_per_label(t, cfg.fnc_caps, cfg.seed)
        v = cap_per_label(v, {k: max(1, int(c * cfg.validation_fraction * 2)) for k, c in cfg.fnc_caps.items()},
                          cfg.seed)
        t = lexical_condense(t, k=cfg.fnc_sentences)
        v = lexical_condense(v, k=cfg.fnc_sentences)
        for e in t + v:
            e.meta["source"] = "fnc1"
        train += t
        val += v
        info["fnc1"] = {"file": "fnc1/train_*.csv (related pairs)", "train": _counts(t), "validation": _counts(v),
                        "left_out_dev_headline_pairs": dropped,
                        "condensed": f"{cfg.fnc_sentences} sentences sharing the most IDF-weighted words with the "
                                     f"headline, at most 120 words", "caps": cfg.fnc_caps}
    if cfg.max_examples:
        rng = np.random.RandomState(cfg.seed)
        train = [train[i] for i in sorted(rng.choice(len(train), min(cfg.max_examples, len(train)), replace=False))]
    return train, val, info


def _dev_headlines(folder: Path) -> set[str]:
    if not (folder / "dev_stances.csv").is_file():
        return set()
    return {e.target for e in load_fnc(folder, prefix="dev", keep_govbench=True)}


def _counts(ex: list[Example]) -> dict[str, int]:
    return {lab: sum(e.label == lab for e in ex) for lab in LABELS}


# ------------------------------------------------------------------------------------- batches
def length_batches(lengths: list[int], batch_size: int, rng: np.random.RandomState, pool: int = 50) -> list[list[int]]:
    """One epoch: shuffled, then sorted by length within pools of `pool` batches, batch order shuffled."""
    order = rng.permutation(len(lengths))
    out: list[list[int]] = []
    span = batch_size * pool
    for s in range(0, len(order), span):
        chunk = sorted(order[s:s + span].tolist(), key=lambda i: lengths[i])
        out += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    return [out[i] for i in rng.permutation(len(out))]


# -------------------------------------------------------------------------------------- training
def use_bf16(cfg: TrainConfig, device: Any) -> bool:
    if cfg.bf16 is not None:
        return cfg.bf16
    if device.type == "cuda":
        import torch

        return torch.cuda.is_bf16_supported()
    return cpu_has_amx()


def cpu_has_amx() -> bool:
    """bf16 autocast pays off in training only with AMX tiles: on a CPU with AVX512-BF16 alone (AMD EPYC
    here) a training step took as long in bf16 as in fp32 (benchmarks/results/stance_training_bf16_vs_fp32.json)."""
    try:
        return "amx_bf16" in open("/proc/cpuinfo").read()
    except OSError:
        return False


def truncate_layers(model: Any, keep: Optional[int]) -> None:
    """Keep the encoder's lowest `keep` layers: a step costs about keep/N of the full model's, forward and
    backward, and the saved model is the smaller one (Sajjad et al. 2023, "On the effect of dropping
    layers of pre-trained transformer models": the top layers are the ones to drop)."""
    if keep is None:
        return
    if (layers := getattr(getattr(model.base_model, "encoder", None), "layer", None)) is None:
        raise ValueError(f"keep_layers: {type(model.base_model).__name__} has no encoder.layer list (BERT-like encoders only)")
    if not 0 < keep <= len(layers):
        raise ValueError(f"keep_layers={keep}: the encoder has {len(layers)} layers")
    model.base_model.encoder.layer = layers[:keep]
    model.config.num_hidden_layers = keep


def _freeze(model: Any, cfg: TrainConfig) -> None:
    """Freezing the whole embedding module as well as the lowest layers is what saves time: the backward
    pass then stops at the first trainable layer."""
    base = model.base_model
    if cfg.freeze_embeddings:
        base.embeddings.word_embeddings.weight.requires_grad_(False)
    if cfg.freeze_layers:
        layers = base.encoder.layer
        if not 0 < cfg.freeze_layers < len(layers):
            raise ValueError(f"freeze_layers={cfg.freeze_layers}: the encoder has {len(layers)} layers")
        for module in [base.embeddings, *layers[:cfg.freeze_layers]]:
            module.requires_grad_(False)


def tokenize(tok: Any, examples: list[Example], max_length: int) -> list[list[int]]:
    enc = tok([e.target for e in examples], [e.statement for e in examples], truncation="longest_first",
              max_length=max_length)
    types = enc["token_type_ids"] if "token_type_ids" in enc else [[0] * len(x) for x in enc["input_ids"]]
    return [list(zip(ids, tt)) for ids, tt in zip(enc["input_ids"], types)]


def _collate(tok: Any, rows: list[list[tuple[int, int]]]) -> dict[str, Any]:
    import torch

    n = max(len(r) for r in rows)
    ids = torch.full((len(rows), n), tok.pad_token_id, dtype=torch.long)
    tt = torch.zeros((len(rows), n), dtype=torch.long)
    mask = torch.zeros((len(rows), n), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor([a for a, _ in r])
        tt[i, :len(r)] = torch.tensor([b for _, b in r])
        mask[i, :len(r)] = 1
    out = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in getattr(tok, "model_input_names", ()):  # BERT yes; RoBERTa/MPNet have no segment ids
        out["token_type_ids"] = tt
    return out


def predict_logits(model: Any, tok: Any, rows: list[list[tuple[int, int]]], bf16: bool, device: Any,
                   batch_size: int = 64) -> np.ndarray:
    import torch

    model.eval()
    out = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
    with torch.inference_mode(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            batch = {k: v.to(device) for k, v in _collate(tok, [rows[i] for i in idx]).items()}
            out[idx] = model(**batch).logits.float().cpu().numpy()
    return out


def train(base: Path, train_ex: list[Example], val_ex: list[Example], cfg: TrainConfig,
          log: Callable[[str], None] = print) -> tuple[Any, Any, dict[str, Any]]:
    """Fine-tune `base` (a BERT-like folder); returns (model, tokenizer, record) with the best checkpoint loaded."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = np.random.RandomState(cfg.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    bf16 = use_bf16(cfg, device)
    t_start, cpu_start = time.perf_counter(), time.process_time()

    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={lab: i for i, lab in enumerate(LABELS)},
        use_safetensors=True)
    truncate_layers(model, cfg.keep_layers)
    model.to(device)
    _freeze(model, cfg)
    rows = tokenize(tok, train_ex, cfg.max_length)
    val_rows = tokenize(tok, val_ex, cfg.max_length)
    y = torch.tensor([LABELS.index(e.label) for e in train_ex])
    lengths = [len(r) for r in rows]
    steps_per_epoch = math.ceil(len(rows) / cfg.batch_size)
    total = max(1, int(round(cfg.epochs * steps_per_epoch)))
    batches: list[list[int]] = []
    while len(batches) < total:
        batches += length_batches(lengths, cfg.batch_size, rng)
    batches = batches[:total]
    eval_at = sorted({int(round(total * (k + 1) / cfg.evaluations)) for k in range(cfg.evaluations)})

    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr)
    warm = max(1, int(cfg.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    log(f"training {type(model).__name__} from {base.name}: {len(rows)} pairs, {total} steps of {cfg.batch_size} "
        f"({cfg.epochs} epochs), {sum(p.numel() for p in params) / 1e6:.1f}M trainable parameters, "
        f"{torch.get_num_threads()} threads, {'bf16 autocast' if bf16 else 'fp32'} on {device}")

    history, best, best_state, tokens, losses = [], None, None, 0, []
    best_logits: Optional[np.ndarray] = None
    bar = progress(total=total, desc="training stance cross-encoder", unit="step", every_s=15.0)
    model.train()
    for step, idx in enumerate(batches, 1):
        batch = {k: v.to(device) for k, v in _collate(tok, [rows[i] for i in idx]).items()}
        tokens += int(batch["attention_mask"].sum())
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            logits = model(**batch).logits
        loss = torch.nn.functional.cross_entropy(logits.float(), y[idx].to(device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        bar.update(1)
        losses.append(float(loss.item()))
        if step in eval_at and val_rows:
            vl = predict_logits(model, tok, val_rows, bf16, device)
            scores = macro_f1_by_source(vl, val_ex, LABELS)
            history.append({"step": step, **scores})
            log(f"validation at step {step}/{total} (train loss {np.mean(losses[-50:]):.3f}): " + " ".join(f"{k}={v}" for k, v in scores.items()))
            if best is None or scores["mean_macro_f1"] > best["mean_macro_f1"]:
                best = {"step": step, **scores}
                best_state = copy.deepcopy({k: v.detach().clone() for k, v in model.state_dict().items()})
                best_logits = vl
            model.train()
    bar.close()
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    record = {
        "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(cfg).items()},
        "steps": total, "train_pairs": len(rows), "validation_pairs": len(val_rows), "tokens_seen": tokens,
        "bf16_autocast": bf16, "device": str(device), "threads": torch.get_num_threads(),
        "validation_history": history, "best": best,
        "train_loss_by_tenth": [round(float(np.mean(c)), 4) for c in np.array_split(np.array(losses), 10) if len(c)],
        "seconds": round(time.perf_counter() - t_start, 1), "cpu_seconds": round(time.process_time() - cpu_start, 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    record["validation_logits"] = best_logits
    return model, tok, record


# ------------------------------------------------------------------------------------------ CLI
def save(out: Path, model: Any, tok: Any, cfg_json: dict[str, Any]) -> Path:
    """The model folder, written atomically: transformers files (safetensors) and govstance_cross.json."""
    import json

    from ..models.cache import atomic_dir
    from .cross import CROSS_CONFIG

    with atomic_dir(Path(out)) as tmp:
        model.to("cpu").save_pretrained(tmp, safe_serialization=True)
        tok.save_pretrained(tmp)
        (tmp / CROSS_CONFIG).write_text(json.dumps(cfg_json, indent=2) + "\n")
    return Path(out)


def main(argv: Optional[list[str]] = None) -> int:
    import argparse
    import json
    import platform

    ap = argparse.ArgumentParser(prog="python -m pipeline.stance.train_cross",
                                 description="Fine-tune the cross-encoder stance model (see the module docstring).")
    ap.add_argument("--out", required=True, help="model folder to write")
    ap.add_argument("--data", default="../shared/data", help="folder with fnc1/ and newsmtsc/")
    ap.add_argument("--datasets", default="fnc1,newsmtsc")
    ap.add_argument("--base", default="minilm", help="registry name or folder of the encoder to fine-tune")
    d = TrainConfig()
    ap.add_argument("--epochs", type=float, default=d.epochs)
    ap.add_argument("--batch-size", type=int, default=d.batch_size)
    ap.add_argument("--lr", type=float, default=d.lr)
    ap.add_argument("--max-length", type=int, default=d.max_length)
    ap.add_argument("--fnc-caps", default=",".join(f"{k}={v}" for k, v in d.fnc_caps.items()),
                    help="FNC-1 training pairs per label, e.g. favor=1200,against=800,neutral=1200")
    ap.add_argument("--fnc-sentences", type=int, default=d.fnc_sentences)
    ap.add_argument("--evaluations", type=int, default=d.evaluations)
    ap.add_argument("--train-embeddings", action="store_true", help="also train the word embeddings (frozen by default)")
    ap.add_argument("--freeze-layers", type=int, default=d.freeze_layers,
                    help="keep the lowest N encoder layers fixed (faster: no backward through them)")
    ap.add_argument("--keep-layers", type=int, default=d.keep_layers,
                    help="keep only the lowest N encoder layers (faster steps, a smaller model)")
    ap.add_argument("--bf16", choices=["auto", "on", "off"], default="auto")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--max-examples", type=int, default=None, help="train on a fixed subset (tests, smoke runs)")
    ap.add_argument("--no-calibration", action="store_true")
    ap.add_argument("--metrics-out", help="also write the training record here (JSON)")
    args = ap.parse_args(argv)

    caps = {}
    for part in filter(None, (x.strip() for x in args.fnc_caps.split(","))):
        k, sep, v = part.partition("=")
        if not sep or k not in LABELS or not v.isdigit():
            ap.error(f"--fnc-caps: expected label=count for favor/against/neutral, got {part!r}")
        caps[k] = int(v)
    cfg = TrainConfig(datasets=tuple(x.strip() for x in args.datasets.split(",") if x.strip()), epochs=args.epochs,
                      batch_size=args.batch_size, lr=args.lr, max_length=args.max_length, fnc_caps=caps,
                      fnc_sentences=args.fnc_sentences, evaluations=args.evaluations,
                      freeze_embeddings=not args.train_embeddings, freeze_layers=args.freeze_layers,
                      keep_layers=args.keep_layers,
                      bf16=None if args.bf16 == "auto" else args.bf16 == "on", threads=args.threads, seed=args.seed,
                      max_examples=args.max_examples)
    unknown = set(cfg.datasets) - {"fnc1", "newsmtsc"}
    if unknown or not cfg.datasets:
        ap.error(f"--datasets: known: fnc1, newsmtsc; got {args.datasets!r}")
    t0 = time.perf_counter()
    base, base_sha = _resolve_base(args.base)
    train_ex, val_ex, info = build_sets(Path(args.data), cfg)
    if not train_ex:
        ap.error(f"no training pairs under {args.data} for {args.datasets}")
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731 - stdout is not shown by the manager
    log(f"data ready in {time.perf_counter() - t0:.0f}s: " + json.dumps(info))
    model, tok, record = train(base, train_ex, val_ex, cfg, log)
    val_logits = record.pop("validation_logits")
    cal = {"temperature": 1.0, "log_bias": {}} if args.no_calibration else calibrate(val_logits, val_ex, LABELS)
    log(f"calibration: {json.dumps(cal)}")
    import torch
    import transformers

    record.update(seconds_total=round(time.perf_counter() - t0, 1), data=info,
                  versions={"torch": torch.__version__, "transformers": transformers.__version__,
                            "python": platform.python_version()})
    cfg_json = {"format": "govstance-stance-cross-encoder", "version": 1, "labels": list(LABELS),
                "input": "[CLS] target [SEP] statement [SEP], truncated longest first", "max_length": cfg.max_length,
                "base": {"name": args.base, "sha256": base_sha}, "calibration": cal, "training": record}
    out = save(Path(args.out), model, tok, cfg_json)
    if args.metrics_out:
        Path(args.metrics_out).write_text(json.dumps(cfg_json, indent=2) + "\n")
    log(f"saved {out} in {time.perf_counter() - t0:.0f}s (best validation {record['best']})")
    return 0


def _resolve_base(name: str) -> tuple[Path, dict[str, str]]:
    """A registry encoder (verified by sha256) or a local folder (hashed here)."""
    from ..models import ModelManager

    mgr = ModelManager()
    r = mgr.resolve(name)
    return Path(r.path), dict(r.sha256)


if __name__ == "__main__":
    sys.exit(main())
