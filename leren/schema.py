"""JSON Schema files for editors' tools, generated from the content model's own classes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from leren.command import leren_command
from leren.structure import (
    CaseFields,
    LessonFields,
    OrganisationFields,
    ThemeFields,
    TrajectoryFields,
)

SCHEMA_DIR = "schema"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "les.schema.json": (LessonFields, "Les: de front matter van lessons/<id>.md"),
    "casus.schema.json": (CaseFields, "Praktijkvoorbeeld: de front matter van cases/<id>.md"),
    "thema.schema.json": (ThemeFields, "Thema: themes/<id>.yml"),
    "organisatie.schema.json": (
        OrganisationFields,
        "Deelnemende organisatie: organisations/<id>.yml",
    ),
    "traject.schema.json": (TrajectoryFields, "Traject: trajectories/<id>.yml"),
}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser(
        "schema",
        help="werk de JSON Schema-bestanden in schema/ bij",
        description="Schrijft de JSON Schema-bestanden in schema/ opnieuw uit het inhoudsmodel. "
        "Editors zoals VS Code gebruiken ze om velden aan te vullen en te controleren.",
    )
    schema.add_argument(
        "--controleer",
        action="store_true",
        help="schrijf niets; stop met code 1 als een bestand niet meer klopt",
    )
    schema.set_defaults(run=run_schema)


def render(name: str) -> str:
    model, title = SCHEMAS[name]
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": name,
        **_without_generated_titles(model.model_json_schema()),
        "title": title,
    }
    # The model's docstring is for developers; editors' tools show this Dutch title instead.
    document.pop("description", None)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _without_generated_titles(node: Any) -> Any:
    """Drop pydantic's English titles ("Title", "Position"): the Dutch descriptions say more."""
    if isinstance(node, dict):
        return {
            key: _without_generated_titles(value)
            for key, value in node.items()
            if not (key == "title" and isinstance(value, str))
        }
    if isinstance(node, list):
        return [_without_generated_titles(value) for value in node]
    return node


def run_schema(arguments: argparse.Namespace) -> int:
    folder: Path = arguments.root / SCHEMA_DIR
    stale = [
        name
        for name in SCHEMAS
        if not (folder / name).is_file()
        or (folder / name).read_text(encoding="utf-8") != render(name)
    ]
    if arguments.controleer:
        for name in stale:
            print(
                f"{SCHEMA_DIR}/{name}: loopt niet gelijk met het inhoudsmodel; werk bij met: "
                + leren_command("schema", root=arguments.root)
            )
        return 1 if stale else 0
    folder.mkdir(exist_ok=True)
    for name in SCHEMAS:
        (folder / name).write_text(render(name), encoding="utf-8")
        print(f"{SCHEMA_DIR}/{name}")
    return 0
