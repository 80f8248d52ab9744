"""Where a path in the data leads in the model: the expected type, the allowed fields.

Used to word problems (did you mean, what a text looks like) and to walk data that may not be
valid yet, so that language checks run even when the model rejects the file.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeGuard

from pydantic import BaseModel, RootModel

from .model import Report
from .problems import FieldPath
from .texts import Text


def key_through_ids(path: FieldPath, id_at: Callable[[FieldPath], str | None]) -> str:
    """The model path through ids (``shortcomings/complaints/title``): below its top-level part,
    each item with an id (``id_at`` the path to it) stands for the whole path to it, so moving
    items changes no key. Used by the translation lock and by the diff of two versions."""
    parts = [str(path[0])] if path else []
    for end in range(2, len(path) + 1):
        ident = id_at(path[:end])
        parts = [str(path[0]), ident] if ident else [*parts, str(path[end - 1])]
    return "/".join(parts)


def walk(node: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every model object, list item and Text in the report, with its path."""
    yield path, node
    if isinstance(node, Text):
        return
    if isinstance(node, RootModel):
        yield from walk(node.root, path)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is not None:
                yield from walk(value, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from walk(item, (*path, key))


def walk_data(data: Any, annotation: Any = Report, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any, Any]]:
    """Every value of raw (possibly invalid) data with the model type expected there."""
    annotation = unwrap(annotation, data)
    yield path, annotation, data
    if is_model(annotation) and issubclass(annotation, RootModel):
        if annotation is not Text:
            yield from walk_data(data, annotation.model_fields["root"].annotation, path)
    elif is_model(annotation) and isinstance(data, dict):
        for name, value in data.items():
            if name in annotation.model_fields:
                yield from walk_data(value, annotation.model_fields[name].annotation, (*path, name))
    elif typing.get_origin(annotation) is list and isinstance(data, list):
        (item,) = typing.get_args(annotation)
        for index, value in enumerate(data):
            yield from walk_data(value, item, (*path, index))
    elif typing.get_origin(annotation) is dict and isinstance(data, dict):
        _, item = typing.get_args(annotation)
        for key, value in data.items():
            yield from walk_data(value, item, (*path, key))


def annotation_at(path: FieldPath, model: Any = Report) -> Any:
    """The model type expected at ``path`` (None when the path leaves the model)."""
    annotation: Any = model
    for part in path:
        annotation = unwrap(annotation)
        origin = typing.get_origin(annotation)
        if isinstance(part, int) and origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        elif is_model(annotation) and part in annotation.model_fields and not issubclass(annotation, RootModel):
            annotation = annotation.model_fields[part].annotation
        elif is_model(annotation) and issubclass(annotation, RootModel) and annotation is not Text:
            annotation = annotation_at((part,), annotation.model_fields["root"].annotation)
        else:
            return None
    return unwrap(annotation)


def length_bounds(path: FieldPath, model: Any) -> dict[str, int]:
    """The declared min_length and max_length of the list at ``path`` (pydantic reports only one)."""
    parent = annotation_at(path[:-1], model) if path else None
    if parent is None or not (is_model(parent) and path[-1] in parent.model_fields):
        return {}
    bounds: dict[str, int] = {}
    for constraint in parent.model_fields[path[-1]].metadata:
        for name in ("min_length", "max_length"):
            if getattr(constraint, name, None) is not None:
                bounds[name] = getattr(constraint, name)
    return bounds


def field_names(path: FieldPath, model: type[BaseModel] = Report) -> list[str]:
    """The field names the model allows at ``path`` (for "did you mean")."""
    annotation = annotation_at(path, model)
    if is_model(annotation) and not issubclass(annotation, RootModel):
        return list(annotation.model_fields)
    return []


def is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def unwrap(annotation: Any, data: Any = None) -> Any:
    """Optional[X] -> X; Annotated[X, ...] -> X; a union -> its model when the data is a mapping."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if is_model(a)]
            annotation = models[0] if models and (data is None or isinstance(data, dict)) else args[0]
        else:
            return annotation
