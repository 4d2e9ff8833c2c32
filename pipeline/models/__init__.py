"""The model layer: a registry of named models, verified weights, cached loading."""
from .cache import HashMismatchError
from .fetch import FetchError
from .manager import ModelManager, ModelUnavailableError, ResolvedModel
from .spec import ModelSpec, load_registry

__all__ = ["ModelManager", "ModelUnavailableError", "ResolvedModel", "ModelSpec", "load_registry",
           "HashMismatchError", "FetchError"]
