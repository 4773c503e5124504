"""The content model on small fixtures: valid content loads, and every bad input explains itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from leren.loader import load_content
from leren.problems import Problem, Severity


def errors_of(root: Path) -> list[str]:
    content, problems = load_content(root)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert content is None if errors else content is not None
    return errors


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


LESSON = "lessons/als-het-veilig-is.md"
CASE = "cases/proeftuin-de-ruwaard.md"


def test_valid_content_loads_and_links_both_ways(content_root: Path) -> None:
    content, problems = load_content(content_root)
    assert problems == []
    assert content is not None
    lesson = content.lessons["als-het-veilig-is"]
    case = content.cases["proeftuin-de-ruwaard"]
    assert content.cases_of_lesson(lesson) == [case]
    assert content.lessons_of_case(case) == [lesson]
    assert content.cases_of_organisation(content.organisations["oss"]) == [case]
    assert content.theme_of(lesson).fields.title == "Leren te leren"


def test_missing_front_matter(content_root: Path) -> None:
    (content_root / LESSON).write_text("Alleen tekst.\n", encoding="utf-8")
    assert errors_of(content_root) == [
        f"{LESSON}:1: de front matter ontbreekt: begin het bestand met een regel '---', dan de "
        "velden (zoals 'title: ...'), dan weer een regel '---'"
    ]


def test_unclosed_front_matter(content_root: Path) -> None:
    replace(
        content_root / LESSON, "leer-en-intervisietraject\n---\n", "leer-en-intervisietraject\n"
    )
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:1: de front matter wordt niet afgesloten")


def test_tab_indentation_names_the_line(content_root: Path) -> None:
    replace(content_root / LESSON, "position: 1\n", "position: 1\n\tcases: []\n")
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:5: ongeldige YAML: er staat een tab")


def test_unclosed_quote(content_root: Path) -> None:
    replace(content_root / LESSON, 'leer je veel beter."', "leer je veel beter.")
    [error] = errors_of(content_root)
    assert f"{LESSON}:" in error and "aanhalingsteken wordt niet gesloten" in error


def test_duplicate_key(content_root: Path) -> None:
    replace(content_root / LESSON, "position: 1\n", "position: 1\nposition: 2\n")
    assert errors_of(content_root) == [
        f"{LESSON}:5: het veld 'position' staat twee keer in dit bestand (ook op regel 4); "
        "houd er één over"
    ]


def test_misspelt_field_suggests_the_right_one(content_root: Path) -> None:
    replace(content_root / LESSON, "title:", "titel:")
    errors = errors_of(content_root)
    assert (
        f"{LESSON}:2: onbekend veld 'titel' (bedoelde je 'title'?); toegestane velden: "
        "title, theme, position, cases, tags, trajectory" in errors
    )
    assert f"{LESSON}:1: het verplichte veld 'title' ontbreekt" in errors


def test_missing_required_field(content_root: Path) -> None:
    replace(content_root / CASE, 'region: "Oss"\n', "")
    assert errors_of(content_root) == [f"{CASE}:1: het verplichte veld 'region' ontbreekt"]


def test_wrong_type_position_in_words(content_root: Path) -> None:
    replace(content_root / LESSON, "position: 1", "position: drie")
    assert errors_of(content_root) == [
        f"{LESSON}:4: 'position' moet een heel getal zijn (zoals 3), niet 'drie'"
    ]


def test_nested_fact_error_points_at_its_line(content_root: Path) -> None:
    replace(content_root / CASE, '    what: "Start van de trekker."\n', "")
    assert errors_of(content_root) == [f"{CASE}:7: het verplichte veld 'facts[1].what' ontbreekt"]


def test_unknown_references_suggest_the_closest_id(content_root: Path) -> None:
    replace(content_root / LESSON, "theme: leren-te-leren", "theme: leren-te-leeren")
    replace(content_root / LESSON, "cases: [proeftuin-de-ruwaard]", "cases: [proeftuin-ruwaard]")
    replace(content_root / CASE, "organisation: oss", "organisation: os")
    replace(content_root / CASE, "tags: [zorg en welzijn, financiën]", "tags: [financien]")
    errors = errors_of(content_root)
    assert errors == [
        f"{CASE}:3: de organisatie 'os' bestaat niet (bedoelde je 'oss'?); bestaande ids: oss. "
        "Ids zijn de bestandsnamen in organisations/",
        f"{CASE}:9: het onderwerp 'financien' staat niet in tags.yml (bedoelde je 'financiën'?); "
        "kies een bestaand onderwerp of voeg het toe aan tags.yml",
        f"{LESSON}:3: het thema 'leren-te-leeren' bestaat niet (bedoelde je 'leren-te-leren'?); "
        "bestaande ids: leren-te-leren. Ids zijn de bestandsnamen in themes/",
        f"{LESSON}:5: het praktijkvoorbeeld 'proeftuin-ruwaard' bestaat niet (bedoelde je "
        "'proeftuin-de-ruwaard'?); bestaande ids: proeftuin-de-ruwaard. Ids zijn de "
        "bestandsnamen in cases/",
    ]


def test_two_items_with_the_same_id(content_root: Path) -> None:
    second = content_root / "lessons" / "traject-2" / "als-het-veilig-is.md"
    second.parent.mkdir()
    second.write_text(
        (content_root / LESSON).read_text(encoding="utf-8").replace("position: 1", "position: 2"),
        encoding="utf-8",
    )
    assert errors_of(content_root) == [
        "lessons/traject-2/als-het-veilig-is.md: de id 'als-het-veilig-is' wordt ook gebruikt "
        f"door {LESSON}; geef een van beide bestanden een andere naam"
    ]


def test_two_lessons_on_the_same_position(content_root: Path) -> None:
    (content_root / "lessons" / "tweede-les.md").write_text(
        (content_root / LESSON).read_text(encoding="utf-8"), encoding="utf-8"
    )
    [error] = errors_of(content_root)
    assert error.startswith("lessons/tweede-les.md:4: positie 1 in thema 'leren-te-leren' is ook")


def test_empty_body(content_root: Path) -> None:
    replace(
        content_root / LESSON, "Het is toch een stap om een vraag te stellen aan collega's.\n", "\n"
    )
    assert errors_of(content_root) == [
        f"{LESSON}:9: de tekst van deze les is leeg; schrijf de tekst onder de afsluitende '---'"
    ]


def test_file_that_is_not_utf8(content_root: Path) -> None:
    (content_root / LESSON).write_bytes(
        (content_root / LESSON)
        .read_text(encoding="utf-8")
        .replace("collega's", "caf\u00e9")
        .encode("latin-1")
    )
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:9: dit bestand is geen UTF-8-tekst")


@pytest.mark.parametrize("name", ["les.docx", "les.md.txt", "Nieuwe les.md"])
def test_stray_files_are_never_silently_ignored(content_root: Path, name: str) -> None:
    (content_root / "lessons" / name).write_bytes(b"iets")
    [error] = errors_of(content_root)
    assert error.startswith(f"lessons/{name}: ")


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        "[klik](javascript:alert(1))",
    ],
)
def test_markup_that_runs_script_is_rejected(content_root: Path, markup: str) -> None:
    replace(content_root / LESSON, "aan collega's.", f"aan collega's. {markup}")
    assert errors_of(content_root) == [
        f"{LESSON}:9: hier staat HTML die code kan uitvoeren (<script>, een 'on...='-attribuut of "
        "een 'javascript:'-link); dat is niet toegestaan. Gebruik gewone tekst en Markdown-links"
    ]


def test_script_in_a_field_is_rejected(content_root: Path) -> None:
    replace(content_root / CASE, 'region: "Oss"', 'region: "<script>x</script>"')
    [error] = errors_of(content_root)
    assert error.startswith(f"{CASE}:4: hier staat HTML die code kan uitvoeren")


def test_every_problem_is_reported_in_one_run(content_root: Path) -> None:
    replace(content_root / LESSON, "position: 1", "position: drie")
    replace(content_root / CASE, "organisation: oss", "organisation: os")
    (content_root / "cases" / "notitie.txt").write_text("los", encoding="utf-8")
    assert len(errors_of(content_root)) == 3


def test_unused_tag_is_a_warning(content_root: Path) -> None:
    replace(content_root / CASE, "tags: [zorg en welzijn, financiën]", "tags: []")
    content, problems = load_content(content_root)
    assert content is not None
    assert [str(p) for p in problems] == [
        "tags.yml: waarschuwing: het onderwerp 'financiën' wordt door geen les of "
        "praktijkvoorbeeld gebruikt; gebruik het of haal het weg"
    ]


def test_case_that_illustrates_no_lesson_is_a_warning(content_root: Path) -> None:
    replace(content_root / LESSON, "cases: [proeftuin-de-ruwaard]", "cases: []")
    content, problems = load_content(content_root)
    assert content is not None
    assert problems == [
        Problem(
            CASE,
            None,
            (
                "dit praktijkvoorbeeld illustreert nog geen les; noem 'proeftuin-de-ruwaard' bij 'cases' "
                "van de les die het illustreert"
            ),
            Severity.WARNING,
        )
    ]
