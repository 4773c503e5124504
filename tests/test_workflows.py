"""The GitHub workflows: valid according to actionlint, and doing what CONTRIBUTING.md promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(data: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(data["jobs"][job]["steps"])


def test_actionlint_finds_nothing() -> None:
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), "-color=false"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context }}\n",
        encoding="utf-8",
    )
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), "-color=false", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1


def test_pull_request_check_checks_builds_tests_and_keeps_the_site() -> None:
    data = workflow("controle.yml")
    assert "pull_request" in data[True]  # YAML reads the key "on" as True
    runs = [step.get("run", "") for step in steps(data, "controle")]
    assert ".venv/bin/leren controleer" in runs
    assert ".venv/bin/mkdocs build --strict --site-dir site" in runs
    assert "bash scripts/test" in runs
    uploads = [
        s
        for s in steps(data, "controle")
        if s.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_deploy_publishes_main_to_pages() -> None:
    data = workflow("publiceren.yml")
    assert data[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for job in data["jobs"] for step in steps(data, job)]
    assert any(use.startswith("actions/upload-pages-artifact") for use in uses)
    assert any(use.startswith("actions/deploy-pages") for use in uses)
    assert data["permissions"]["pages"] == "write"
