"""The `leren` command as an editor uses it: Dutch help, checks, and scaffolding new files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import LEREN, REPO, Build, leren
from tests.htmlpage import Page, targets


def typed(command: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """A command line as an editor types it in a shell, without this project's tools on PATH."""
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": "/usr/local/bin:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )


def test_printed_commands_work_as_typed_after_the_readmes_setup(content_root: Path) -> None:
    # The README's setup leaves the tool in .venv/bin/ of the site's folder, not on PATH.
    (content_root / ".venv").symlink_to(LEREN.parent.parent)
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("position: 1", "position: drie"),
        encoding="utf-8",
    )
    result = typed(".venv/bin/leren controleer", cwd=content_root)
    assert result.stdout.endswith("controleer opnieuw met: .venv/bin/leren controleer\n")
    refused = typed(
        '.venv/bin/leren nieuw casus "Wijkteams in Oss" --organisatie oss', content_root
    )
    suggested = refused.stderr.rsplit("maak een nieuw traject met: ", 1)[1].strip()
    assert suggested == ".venv/bin/leren nieuw traject 'Naam van het traject'"
    made = typed(suggested, content_root)
    assert made.returncode == 0, made.stderr
    new = typed(
        '.venv/bin/leren nieuw casus "Wijkteams in Oss" --organisatie oss '
        "--traject naam-van-het-traject",
        content_root,
    )
    assert new.stdout.endswith("controleer daarna met: .venv/bin/leren controleer\n")


def test_help_is_dutch() -> None:
    result = leren("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: leren")
    assert "toon deze hulp en stop" in result.stdout
    assert "controleer alle inhoud zonder de site te bouwen" in result.stdout
    nested = leren("nieuw", "les", "--help")
    assert re.search(r"--thema THEMA +id van het thema \(bestandsnaam in themes/\)", nested.stdout)
    assert re.search(r"--traject TRAJECT +id van het traject waaruit de les komt", nested.stdout)


def test_help_gives_the_exit_codes() -> None:
    help_text = " ".join(leren("--help").stdout.split())
    assert (
        "Afsluitcode: 0 als alles gelukt is, 1 als de inhoud fouten bevat (elke melding noemt het "
        "bestand en de regel), 2 bij verkeerd gebruik of als er iets ontbreekt om het werk te doen"
    ) in help_text
    assert "Foutmeldingen staan op stderr" in help_text


def test_commands_keep_to_the_exit_codes(tmp_path: Path, content_root: Path) -> None:
    """Something missing around the command: 2. Errors in the content: 1. Both on stderr."""
    for command in ("pdf", "offline"):
        missing = leren("--map", str(tmp_path), command)
        assert missing.returncode == 2, command
        assert missing.stdout == ""
        assert missing.stderr.startswith("leren: fout: "), command
        assert "ontbreekt" in missing.stderr

    (content_root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("position: 1", "position: drie"),
        encoding="utf-8",
    )
    broken = leren("pdf", cwd=content_root)
    assert broken.returncode == 1
    assert broken.stdout == ""
    lines = broken.stderr.splitlines()
    assert (
        "lessons/als-het-veilig-is.md:4: 'position' moet een heel getal zijn (zoals 3), niet 'drie'"
        in lines
    )
    assert lines[-1] == "leren: fout: de inhoud bevat 1 fout; herstel die eerst"


def test_usage_errors_are_dutch() -> None:
    result = leren("nieuw", "les", "Een titel")
    assert result.returncode == 2
    assert "leren nieuw les: fout: deze argumenten ontbreken: --thema" in result.stderr


def test_check_passes_on_the_publication() -> None:
    result = leren("controleer")
    assert result.returncode == 0, result.stdout
    assert (
        result.stdout
        == "In orde: 16 lessen, 6 praktijkvoorbeelden, 3 thema's, 5 organisaties en 1 traject.\n"
    )


def test_check_lists_every_problem_and_keeps_warnings_apart(content_root: Path) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8")
        .replace("position: 1", "position: drie")
        .replace("cases: [proeftuin-de-ruwaard]", "cases: []"),
        encoding="utf-8",
    )
    (content_root / "lessons" / "les.docx").write_bytes(b"PK")
    result = leren("controleer", cwd=content_root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "lessons/als-het-veilig-is.md:4: 'position' moet een heel getal zijn (zoals 3), niet 'drie'"
    )
    assert lines[1].startswith("lessons/les.docx: dit bestand wordt niet gebruikt")
    assert lines[2] == ""
    assert lines[3].startswith("cases/proeftuin-de-ruwaard.md: waarschuwing: ")
    message, command = lines[-1].split(": ", 1)
    assert message == "2 fouten en 1 waarschuwing. Herstel de fouten en controleer opnieuw met"
    # The printed command works as typed, and checks the same content again.
    again = typed(command, cwd=content_root)
    assert again.returncode == 1
    assert again.stdout == result.stdout


def test_check_with_only_warnings_passes(content_root: Path) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("cases: [proeftuin-de-ruwaard]", "cases: []"),
        encoding="utf-8",
    )
    result = leren("controleer", cwd=content_root / "lessons")
    assert result.returncode == 0
    assert result.stdout.endswith(
        "In orde: 1 les, 1 praktijkvoorbeeld, 1 thema, 1 organisatie en 1 traject, met 1 "
        "waarschuwing.\n"
    )


def test_a_very_long_title_is_refused(content_root: Path) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    long_title = "Leren gaat beter als " + "we heel veel woorden gebruiken en " * 10 + "stoppen."
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            "Als het veilig is, leer je veel beter.", long_title
        ),
        encoding="utf-8",
    )
    result = leren("controleer", cwd=content_root)
    assert result.returncode == 1
    assert (
        f"lessons/als-het-veilig-is.md:2: 'title' is te lang: {len(long_title)} tekens, "
        "hoogstens 300; houd het kort en zet de uitleg in de tekst eronder"
    ) in result.stdout


def test_new_lesson_from_scaffold_to_site(
    content_root: Path, build_fixture_site: Callable[[Path], Build]
) -> None:
    # A lesson from a new group gets a trajectory of its own (the fixture's has been published).
    trajectory = leren("nieuw", "traject", "Tweede groep gemeenten", cwd=content_root)
    assert trajectory.stdout.splitlines()[0] == "trajectories/tweede-groep-gemeenten.yml"
    trajectory_path = content_root / "trajectories" / "tweede-groep-gemeenten.yml"
    trajectory_path.write_text(
        trajectory_path.read_text(encoding="utf-8")
        .replace('period: ""', 'period: "vanaf 2016"')
        .replace("participants: []", "participants: [oss]")
        .replace("intro: |\n", "intro: |\n  Een tweede groep van vijf gemeenten.\n"),
        encoding="utf-8",
    )
    created = leren(
        "nieuw",
        "les",
        "Leren kost tijd, en die tijd loont.",
        "--thema",
        "leren-te-leren",
        "--traject",
        "tweede-groep-gemeenten",
        cwd=content_root,
    )
    assert created.returncode == 0, created.stdout
    assert created.stdout.splitlines()[0] == "lessons/leren-kost-tijd-en-die-tijd-loont.md"
    path = content_root / "lessons" / "leren-kost-tijd-en-die-tijd-loont.md"
    text = path.read_text(encoding="utf-8")
    for field in (
        "title:",
        "theme: leren-te-leren",
        "trajectory: tweede-groep-gemeenten",
        "position: 1",  # the first of its trajectory in this theme
        "cases: []",
        "tags: []",
    ):
        assert f"\n{field}" in text
    assert text.count("\n# ") >= 6  # every field explained

    unfinished = leren("controleer", cwd=content_root)
    assert unfinished.returncode == 1
    assert (
        "lessons/leren-kost-tijd-en-die-tijd-loont.md:17: de tekst van deze les is leeg; "
        "schrijf de tekst onder de afsluitende '---'"
    ) in unfinished.stdout

    case = leren(
        "nieuw",
        "casus",
        "Wijkteams in Oss",
        "--organisatie",
        "oss",
        "--traject",
        "tweede-groep-gemeenten",
        cwd=content_root,
    )
    assert case.returncode == 0, case.stdout
    case_path = content_root / "cases" / "wijkteams-in-oss.md"
    case_path.write_text(
        case_path.read_text(encoding="utf-8")
        .replace('region: ""', 'region: "Oss"')
        .replace('period: ""\n', "")
        .replace(
            "<!-- Schrijf hieronder het verhaal van het praktijkvoorbeeld en haal deze regel weg. -->",
            "In Oss werken wijkteams samen.",
        ),
        encoding="utf-8",
    )
    path.write_text(
        text.replace("cases: []", "cases: [wijkteams-in-oss]").replace(
            "<!-- Schrijf hieronder de uitwerking van de les, in gewone alinea's, en haal deze regel weg. -->",
            "Door de overvolle agenda's gunnen we ons zelf vaak niet de tijd.",
        ),
        encoding="utf-8",
    )
    assert leren("controleer", cwd=content_root).returncode == 0

    build = build_fixture_site(content_root)
    assert build.returncode == 0, build.output
    theme = Page(build.site / "themas" / "leren-te-leren" / "index.html", build.site)
    assert "lessen/leren-kost-tijd-en-die-tijd-loont/index.html" in targets(theme, theme.main_links)
    case_page = Page(build.site / "casussen" / "wijkteams-in-oss" / "index.html", build.site)
    assert "lessen/leren-kost-tijd-en-die-tijd-loont/index.html" in targets(
        case_page, case_page.main_links
    )


def test_scaffold_refuses_an_existing_id(content_root: Path) -> None:
    result = leren(
        "nieuw",
        "les",
        "Als het veilig is",
        "--thema",
        "leren-te-leren",
        "--traject",
        "leer-en-intervisietraject",
        "--toevoegen-aan-publicatie",
        cwd=content_root,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "leren: fout: de id 'als-het-veilig-is' bestaat al (lessons/als-het-veilig-is.md); kies een "
        "andere titel of geef een eigen id, bijvoorbeeld: --id als-het-veilig-is-2\n"
    )


def test_scaffold_refuses_an_unknown_theme(content_root: Path) -> None:
    result = leren("nieuw", "les", "Nieuwe les", "--thema", "leren-te-lere", cwd=content_root)
    assert result.returncode == 2
    assert result.stderr == (
        "leren: fout: het thema 'leren-te-lere' bestaat niet (bedoelde je "
        "'leren-te-leren'?); kies uit: leren-te-leren\n"
    )
    assert not (content_root / "lessons" / "nieuwe-les.md").exists()


def test_scaffold_case_and_organisation(content_root: Path) -> None:
    trajectory = ("--traject", "leer-en-intervisietraject", "--toevoegen-aan-publicatie")
    case = leren(
        "nieuw", "casus", "Wijkteams in Oss", "--organisatie", "oss", *trajectory, cwd=content_root
    )
    assert case.stdout.splitlines()[0] == "cases/wijkteams-in-oss.md"
    assert "\norganisation: oss\n" in (content_root / "cases" / "wijkteams-in-oss.md").read_text(
        encoding="utf-8"
    )
    outside = leren("nieuw", "casus", "Mooi voorbeeld uit Tilburg", *trajectory, cwd=content_root)
    assert "\norganisation:" not in (
        content_root / "cases" / "mooi-voorbeeld-uit-tilburg.md"
    ).read_text(encoding="utf-8")
    assert outside.returncode == 0
    organisation = leren("nieuw", "organisatie", "Gemeente Tilburg", cwd=content_root)
    assert organisation.stdout.splitlines()[0] == "organisations/gemeente-tilburg.yml"
    check = leren("controleer", cwd=content_root)
    assert "organisations/gemeente-tilburg.yml:8: 'short_name' is leeg" in check.stdout


def test_scaffolded_files_show_every_field_of_the_schema(content_root: Path) -> None:
    from leren.structure import CaseFields, LessonFields, OrganisationFields

    trajectory = ("--traject", "leer-en-intervisietraject", "--toevoegen-aan-publicatie")
    leren("nieuw", "les", "Een les", "--thema", "leren-te-leren", *trajectory, cwd=content_root)
    leren("nieuw", "casus", "Een casus", "--organisatie", "oss", *trajectory, cwd=content_root)
    leren("nieuw", "organisatie", "Een organisatie", cwd=content_root)
    for path, model in (
        ("lessons/een-les.md", LessonFields),
        ("cases/een-casus.md", CaseFields),
        ("organisations/een-organisatie.yml", OrganisationFields),
    ):
        text = (content_root / path).read_text(encoding="utf-8")
        for field in model.model_fields:
            assert f"\n{field}:" in text, f"{path} lacks {field}"


def test_schema_files_are_in_sync_with_the_model() -> None:
    result = leren("schema", "--controleer")
    assert result.returncode == 0, result.stdout


def test_schema_check_notices_a_stale_file(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    stale = tmp_path / "schema" / "les.schema.json"
    stale.write_text(
        stale.read_text(encoding="utf-8").replace('"position"', '"plaats"'), encoding="utf-8"
    )
    result = leren("--map", str(tmp_path), "schema", "--controleer")
    assert result.returncode == 1
    message, command = result.stdout.rstrip("\n").split("; werk bij met: ")
    assert message == "schema/les.schema.json: loopt niet gelijk met het inhoudsmodel"
    assert typed(command).returncode == 0
    assert leren("--map", str(tmp_path), "schema", "--controleer").returncode == 0


@pytest.mark.parametrize(
    "bad",
    [
        b"---\ntitle: [\n---\ntekst\n",
        b"\xff\xfe\x00t",
        b"---\ntitle: 'open\n---\n",
    ],
)
def test_bad_input_never_gives_a_traceback(content_root: Path, bad: bytes) -> None:
    (content_root / "lessons" / "als-het-veilig-is.md").write_bytes(bad)
    result = leren("controleer", cwd=content_root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("lessons/als-het-veilig-is.md:")


def test_contributing_explains_every_message(content_root: Path) -> None:
    """Each kind of problem the tool reports has a row in CONTRIBUTING.md's table of messages."""
    import re

    from leren import loader

    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    from leren import sanitise

    source = Path(loader.__file__).read_text(encoding="utf-8") + Path(sanitise.__file__).read_text(
        encoding="utf-8"
    )
    # The fixed opening words of every message the loader can produce.
    stems = {
        "de front matter ontbreekt",
        "de front matter wordt niet afgesloten",
        "er staat een tab",
        "een aanhalingsteken wordt niet gesloten",
        "een waarde bevat een dubbele punt",
        "staat twee keer in dit bestand",
        "onbekend veld",
        "het verplichte veld",
        "moet een heel getal zijn",
        "moet tekst zijn",
        "moet een lijst zijn",
        "is leeg",
        "is te lang",
        "moet een id zijn",
        "bestaat niet",
        "staat niet in",
        "is ook gegeven aan",
        "wordt ook gebruikt door",
        "de tekst van deze",
        "is geen UTF-8-tekst",
        "dit bestand wordt niet gebruikt",
        "is geen geldige id",
        "is niet toegestaan en valt weg",
        "de klasse",
        "de stijl",
        "de link",
        "de afbeelding",
        "opmaak die bij het opschonen wegvalt",
        "dit is een symbolische link",
        "dit bestand is te groot",
        "deze regel is te lang",
        "ankers en verwijzingen",
        "mag alleen in de vorm",
        "de invoeging",
        "bevat tekens die niet in een onderwerp horen",
        "moet een van deze zijn",
        "illustreert nog geen les",
        "wordt door geen les",
        "hoort bij het traject",
        "is geen deelnemer aan",
    }
    for stem in stems:
        assert stem in source, f"the loader no longer says {stem!r}: update this list"
        assert stem in guide, f"CONTRIBUTING.md does not explain {stem!r}"
    assert re.search(r"`leren controleer`", guide)
