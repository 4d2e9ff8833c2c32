"""runner: ray gives the same files as the local runner (a local Ray instance, a few articles)."""
from __future__ import annotations

import json

import pytest

from fixtures.io.corpus import light_config, outputs, write_corpus
from pipeline.config import ConfigError


def test_ray_missing_says_how_to_install(monkeypatch, tmp_path):
    import builtins

    from pipeline.runner import ray_runner

    real = builtins.__import__

    def no_ray(name, *a, **k):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    write_corpus(tmp_path / "in", 1)
    with pytest.raises(ConfigError, match=r'pip install "\.\[ray\]"'):
        ray_runner.run_pipeline_ray(light_config([tmp_path / "in"], tmp_path / "out", "runner=ray"))
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_ray_matches_local(ray_local, tmp_path):
    from pipeline.runner.local import run_pipeline
    from pipeline.runner.ray_runner import run_pipeline_ray

    d = tmp_path / "in"
    write_corpus(d, 4)
    (d / "dup.txt").write_bytes((d / "art_002.txt").read_bytes())
    (d / "empty.txt").write_text("  \n")
    (d / "feed.jsonl").write_text(json.dumps({"headline": "Seoul reacts", "body": (d / "art_003.txt").read_text()}) + "\n")
    local_out, ray_out = tmp_path / "local", tmp_path / "ray"
    s_local = run_pipeline(light_config([d], local_out), progress=False)
    s_ray = run_pipeline_ray(light_config([d], ray_out, "runner=ray"), progress=False)
    assert (s_ray.done, s_ray.failed, s_ray.duplicates) == (s_local.done, s_local.failed, s_local.duplicates) == (6, 1, 1)
    assert outputs(ray_out) == outputs(local_out)
    # a rerun on Ray redoes nothing
    s2 = run_pipeline_ray(light_config([d], ray_out, "runner=ray"), progress=False)
    assert s2.skipped_cached == 6
    assert set(json.loads((ray_out / "run.json").read_text())["execution"]["computed"].values()) == {0}
