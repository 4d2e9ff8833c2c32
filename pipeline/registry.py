"""Typed registries: components are registered by name and chosen by config.

An unknown name raises an error that lists the known ones, so a typo in a
config fails with a message a user can act on (cf. lm-eval's registry).

Entries may be lazy, in lm-eval-harness's style: ``register_lazy(name,
"package.module:Class")`` records only the import path, and the module is
imported the first time the entry is used. A lazy entry may also name light
attributes by path (``Params="package.params:ClassParams"``), so that a config
can be validated without importing the component's module (and the model
libraries it imports).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterator, TypeVar

T = TypeVar("T")


class UnknownComponentError(KeyError):
    """A config named a component that is not registered."""

    def __init__(self, kind: str, name: str, known: list[str]):
        self.kind, self.name, self.known = kind, name, known
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(known) or '(none)'}")

    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return self.args[0]


def import_path(path: str) -> Any:
    """The object at ``"package.module:attr"`` (``attr`` may be dotted)."""
    module, sep, attr = path.partition(":")
    if not sep or not module or not attr:
        raise ValueError(f"import path {path!r}: expected 'package.module:attribute'")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


@dataclass(frozen=True)
class LazyEntry:
    """A component known by its import path; `attributes` are light attributes known by path too."""

    target: str
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def names(self, obj: Any) -> bool:
        """Whether `obj` is the object this entry points to (without importing anything)."""
        module, _, attr = self.target.partition(":")
        return getattr(obj, "__module__", None) == module and getattr(obj, "__qualname__", None) == attr


class Registry(Generic[T]):
    """A name -> component mapping for one kind of component."""

    def __init__(self, kind: str):
        self.kind = kind
        self._items: dict[str, Any] = {}  # T, or LazyEntry until first use
        self._lazy: dict[str, LazyEntry] = {}  # every lazy registration, kept after it is resolved

    def register(self, name: str) -> Callable[[T], T]:
        def decorator(obj: T) -> T:
            current = self._items.get(name)
            if isinstance(current, LazyEntry):
                if not current.names(obj):
                    raise ValueError(f"{self.kind} {name!r} is registered lazily as {current.target}, "
                                     f"not {getattr(obj, '__module__', '?')}:{getattr(obj, '__qualname__', '?')}")
            elif current is not None and current is not obj:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = obj
            return obj

        return decorator

    def unregister(self, name: str) -> None:
        """Remove a component (tests that register a throwaway backend clean up after themselves)."""
        self._items.pop(name, None)
        self._lazy.pop(name, None)

    def register_lazy(self, name: str, target: str, **attributes: str) -> None:
        """Register ``"module:Class"`` without importing it; `attributes` are light ``"module:attr"`` paths."""
        if not isinstance(target, str) or ":" not in target:
            raise ValueError(f"{self.kind} {name!r}: lazy target must be 'package.module:Class', got {target!r}")
        entry = LazyEntry(target, dict(attributes))
        current = self._items.get(name)
        if current is not None and not (isinstance(current, LazyEntry) and current == entry) \
                and not entry.names(current):
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._lazy[name] = entry
        if current is None or isinstance(current, LazyEntry):
            self._items[name] = entry

    def get(self, name: str) -> T:
        try:
            item = self._items[name]
        except KeyError:
            raise UnknownComponentError(self.kind, name, self.names()) from None
        if isinstance(item, LazyEntry):
            obj = import_path(item.target)
            for attr, path in item.attributes.items():
                if getattr(obj, attr, None) is not import_path(path):
                    raise ValueError(f"{self.kind} {name!r}: {item.target}.{attr} is not {path} "
                                     f"(the lazy registration and the class disagree)")
            self._items[name] = obj
            item = obj
        return item

    def attribute(self, name: str, attr: str) -> Any:
        """``get(name).<attr>``, without importing the component when its lazy entry names `attr` by path."""
        entry = self._lazy.get(name)
        if entry is not None and attr in entry.attributes and isinstance(self._items.get(name), LazyEntry):
            return import_path(entry.attributes[attr])
        return getattr(self.get(name), attr)

    def module_of(self, name: str) -> str:
        """The module that defines the component (for a lazy entry: without importing it)."""
        item = self._items.get(name)
        if item is None:
            raise UnknownComponentError(self.kind, name, self.names())
        return item.module if isinstance(item, LazyEntry) else getattr(item, "__module__", "")

    def is_loaded(self, name: str) -> bool:
        return name in self._items and not isinstance(self._items[name], LazyEntry)

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())
