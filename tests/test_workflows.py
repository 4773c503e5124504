"""The GitHub workflows and the lock files they install from: valid according to actionlint,
hardened, and doing what CONTRIBUTING.md promises."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(data: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(data["jobs"][job]["steps"])


def runs(data: dict[str, Any], job: str) -> list[str]:
    return [step["run"] for step in steps(data, job) if "run" in step]


def all_workflows() -> dict[str, dict[str, Any]]:
    return {path.name: workflow(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [str(ACTIONLINT), "-color=false"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(ACTIONLINT), "-color=false", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it() -> None:
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    pins: dict[str, set[str]] = {}
    lines = [
        (path.name, line)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    uses = [(name, match) for name, line in lines if (match := USES.match(line))]
    assert uses, "no 'uses:' lines found"
    for name, match in uses:
        pinned = PINNED.match(match["ref"])
        assert pinned, f"{name}: {match['ref']} is not pinned to a full commit SHA"
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", match["comment"]), (
            f"{name}: {match['ref']} has no '# vX.Y.Z' comment naming its release"
        )
        pins.setdefault(pinned["action"], set()).add(pinned["sha"] + match["comment"])
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


def test_checkouts_keep_no_credentials() -> None:
    checkouts = [
        step
        for data in all_workflows().values()
        for job in data["jobs"]
        for step in steps(data, job)
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_permissions_are_per_job_and_only_the_deploy_job_writes() -> None:
    writers = {}
    for name, data in all_workflows().items():
        assert data["permissions"] == {}, f"{name}: the workflow grants permissions to every job"
        for job, spec in data["jobs"].items():
            assert "permissions" in spec, f"{name}: job '{job}' does not say what it needs"
            granted = spec["permissions"]
            if "write" in granted.values():
                writers[f"{name}:{job}"] = granted
    assert writers == {"publiceren.yml:publiceren": {"pages": "write", "id-token": "write"}}


def test_the_deploy_job_runs_no_repository_code() -> None:
    deploy = steps(workflow("publiceren.yml"), "publiceren")
    assert [step.get("uses", "").split("@")[0] for step in deploy] == ["actions/deploy-pages"]
    assert not any("run" in step for step in deploy)


def test_publishing_checks_and_builds_strictly_before_it_deploys() -> None:
    data = workflow("publiceren.yml")
    assert data[True]["push"]["branches"] == ["main"]  # YAML reads the key "on" as True
    build = steps(data, "bouwen")
    order = [step.get("run") or step["uses"].split("@")[0] for step in build]
    expected = [
        "bash scripts/setup site",
        ".venv/bin/leren controleer",
        ".venv/bin/mkdocs build --strict --site-dir site",
        "actions/upload-pages-artifact",
    ]
    assert [item for item in order if item in expected] == expected
    assert data["jobs"]["publiceren"]["needs"] == "bouwen"


def test_pull_request_check_gives_its_verdict_on_content_first() -> None:
    data = workflow("controle.yml")
    assert "pull_request" in data[True]
    fast = runs(data, "inhoud")
    assert fast[-3:] == [
        "bash scripts/setup site",
        ".venv/bin/leren controleer",
        ".venv/bin/mkdocs build --strict --site-dir site",
    ]
    # Minimal: no test tools, no browser, no npm.
    assert not any(word in run for run in fast for word in ("scripts/test", "chrom", "npm"))
    uploads = [
        s for s in steps(data, "inhoud") if s.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_all_tests_run_after_the_verdict_in_parts_that_cover_every_test(tmp_path: Path) -> None:
    data = workflow("controle.yml")
    tests = data["jobs"]["tests"]
    assert tests["needs"] == "inhoud"
    parts = tests["strategy"]["matrix"]["deel"]
    browser_tests = data["env"]["BROWSER_TESTS"].split()
    # A renamed file would silently leave both parts.
    for name in browser_tests:
        assert (REPO / name).is_file(), f"BROWSER_TESTS names {name}, which does not exist"
    # Run the step's own script with a stand-in for scripts/test that prints its arguments.
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "test").write_text('printf "%s\\n" "$@"\n', encoding="utf-8")
    script = runs(data, "tests")[-1]
    arguments = {
        part: subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env={"DEEL": part, "BROWSER_TESTS": data["env"]["BROWSER_TESTS"]},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for part in parts
    }
    assert arguments == {
        "browser": browser_tests,
        "overig": [f"--ignore={name}" for name in browser_tests],
    }


def locked(lock: str) -> dict[str, set[str]]:
    """Package name -> versions pinned in a lock file (one per Python version marker)."""
    text = (REPO / lock).read_text(encoding="utf-8")
    pins: dict[str, set[str]] = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        requirement = Requirement(entry.split("\\")[0].strip())
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{lock}: {entry.splitlines()[0]} is not pinned"
        assert "--hash=sha256:" in entry, f"{lock}: {requirement.name} has no hashes"
        pins.setdefault(canonicalize_name(requirement.name), set()).add(specifier.version)
    return pins


def pyproject_requirements(*groups: str) -> list[Requirement]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lists = {
        "build": data["build-system"]["requires"],
        "site": data["project"]["dependencies"],
        "test": data["project"]["optional-dependencies"]["test"],
        "properdocs": data["dependency-groups"]["properdocs"],
    }
    return [Requirement(line) for group in groups for line in lists[group]]


def assert_lock_satisfies(lock: str, requirements: list[Requirement]) -> None:
    pins = locked(lock)
    for requirement in requirements:
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"{lock} lacks {requirement.name}: run 'bash scripts/lock'"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock} pins {requirement.name}=={version}, pyproject.toml asks {requirement}: "
                "run 'bash scripts/lock'"
            )


def test_the_lock_files_hold_what_pyproject_asks_for() -> None:
    assert_lock_satisfies("requirements.lock", pyproject_requirements("build", "site", "test"))
    assert_lock_satisfies("requirements-site.lock", pyproject_requirements("build", "site"))
    without_mkdocs = [
        requirement
        for requirement in pyproject_requirements("build", "site", "properdocs")
        if requirement.name != "mkdocs"
    ]
    assert_lock_satisfies("requirements-properdocs.lock", without_mkdocs)


def test_the_lock_files_agree_and_keep_each_environment_to_its_purpose() -> None:
    full, site, properdocs = (
        locked(lock)
        for lock in ("requirements.lock", "requirements-site.lock", "requirements-properdocs.lock")
    )
    assert {name: site[name] for name in site} == {name: full[name] for name in site}
    assert {name: properdocs[name] for name in properdocs if name in full} == {
        name: full[name] for name in properdocs if name in full
    }
    assert "pytest" in full and "pytest" not in site and "pytest" not in properdocs
    assert "mkdocs" in site and "mkdocs" not in properdocs
    assert "properdocs" in properdocs and "properdocs" not in full
