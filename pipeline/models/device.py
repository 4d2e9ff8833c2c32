"""Pick the device and dtype: the GPU in half precision when there is one, else the CPU."""
from __future__ import annotations

import functools

import torch


def pick_device(requested: str = "auto") -> torch.device:
    if requested != "auto":
        dev = torch.device(requested)
        if dev.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"models.device is {requested!r} but no CUDA GPU is available")
        return dev
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


@functools.lru_cache(maxsize=1)
def cpu_has_fast_bf16() -> bool:
    """AMX or AVX512-BF16 make bf16 matmuls faster than fp32 on the CPU; otherwise they are slower."""
    try:
        flags = open("/proc/cpuinfo").read()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def pick_dtype(requested: str, device: torch.device) -> torch.dtype:
    if requested != "auto":
        try:
            return {"float32": torch.float32, "fp32": torch.float32, "bfloat16": torch.bfloat16,
                    "bf16": torch.bfloat16, "float16": torch.float16, "fp16": torch.float16}[requested]
        except KeyError:
            raise ValueError(f"models.dtype: unknown dtype {requested!r}; known: auto, float32, bfloat16, float16") from None
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "cpu" and cpu_has_fast_bf16():
        return torch.bfloat16
    return torch.float32
