"""The content model on small fixtures: valid content loads, and every bad input explains itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from leren.loader import load_content
from leren.problems import Problem, Severity


def errors_of(root: Path) -> list[str]:
    content, problems = load_content(root)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    # Markup the sanitiser removes is an error that still lets the build make (cleaned) pages.
    blocking = [error for error in errors if "valt weg" not in error]
    assert content is None if blocking else content is not None
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
    ("markup", "message"),
    [
        ("<script>alert(1)</script>", "het HTML-element <script> is niet toegestaan"),
        ('<img src="x.png" onerror="alert(1)">', "het attribuut 'onerror' op <img> valt weg"),
        ("[klik](javascript:alert(1))", "de link 'javascript:alert(1)' valt weg"),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "de link 'javascript:alert(1)' valt weg"),
        ("<details open ontoggle=alert(1)>x</details>", "het HTML-element <details>"),
        ("<svg/onload=alert(1)>", "het HTML-element <svg>"),
        ('<base href="https://example.net/">', "het HTML-element <base>"),
        ("![foto](https://example.net/foto.png)", "de afbeelding 'https://example.net/foto.png'"),
    ],
)
def test_markup_the_sanitiser_removes_is_named_with_its_line(
    content_root: Path, markup: str, message: str
) -> None:
    replace(content_root / LESSON, "aan collega's.", f"aan collega's.\n\nNog een zin. {markup}")
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:11: {message}")


def test_an_attribute_on_the_next_line_is_found_on_its_line(content_root: Path) -> None:
    replace(
        content_root / LESSON,
        "aan collega's.",
        'aan collega\'s.\n\n<img src="x.png"\nonerror="alert(1)">',
    )
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:12: het attribuut 'onerror' op <img> valt weg")


def test_prose_with_angle_brackets_and_quotes_is_text(content_root: Path) -> None:
    """<, >, quotes and & are legal in Dutch prose; the templates escape them, the loader
    accepts them."""
    replace(content_root / CASE, 'region: "Oss"', """region: 'Oss <"Brabant"> & omgeving'""")
    replace(
        content_root / LESSON,
        'title: "Als het veilig is, leer je veel beter."',
        """title: 'Les <svg/onload=alert(1)> "x" & titel'""",
    )
    assert errors_of(content_root) == []


def test_every_problem_is_reported_in_one_run(content_root: Path) -> None:
    replace(content_root / LESSON, "position: 1", "position: drie")
    replace(content_root / LESSON, "cases: [proeftuin-de-ruwaard]", "cases: [proeftuin]")
    replace(content_root / LESSON, "tags: [zorg en welzijn]", "tags: [zorg]")
    replace(content_root / CASE, "organisation: oss", "organisation: os")
    (content_root / "cases" / "notitie.txt").write_text("los", encoding="utf-8")
    errors = errors_of(content_root)
    assert [error.split(": ", 1)[0] for error in errors] == [
        "cases/notitie.txt",
        f"{CASE}:3",
        f"{LESSON}:4",
        f"{LESSON}:5",
        f"{LESSON}:6",
    ]
    assert "'position' moet een heel getal zijn" in errors[2]
    assert "het praktijkvoorbeeld 'proeftuin' bestaat niet" in errors[3]
    assert "het onderwerp 'zorg' staat niet in tags.yml" in errors[4]


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


ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_yaml_aliases_are_refused_before_they_expand(content_root: Path) -> None:
    (content_root / "themes" / "bom.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    assert errors_of(content_root) == [
        "themes/bom.yml:1: ongeldige YAML: ankers en verwijzingen ('&naam' en '*naam') zijn niet "
        "toegestaan; schrijf de waarde voluit"
    ]


def test_a_huge_single_line_file_is_refused_by_its_size(content_root: Path) -> None:
    (content_root / LESSON).write_text("<" * 1_000_000, encoding="utf-8")
    [error] = errors_of(content_root)
    assert error == (
        f"{LESSON}: dit bestand is te groot: 1.000.000 bytes, hoogstens 200.000; verdeel de "
        "tekst over meer bestanden"
    )


def test_a_very_long_line_is_named(content_root: Path) -> None:
    replace(content_root / LESSON, "aan collega's.", "aan collega's.\n\n" + "<a " * 5000)
    [error] = errors_of(content_root)
    assert error.startswith(f"{LESSON}:11: deze regel is te lang: 15.000 tekens, hoogstens 10.000")


def test_symbolic_links_are_refused_even_when_dangling(content_root: Path) -> None:
    (content_root / "lessons" / "weg.md").symlink_to("/nergens/weg.md")
    (content_root / "cases" / "geheim.md").symlink_to("/etc/passwd")
    assert [error.split(": ", 1) for error in errors_of(content_root)] == [
        ["cases/geheim.md", "dit is een symbolische link; links naar andere bestanden zijn "
         "niet toegestaan. Zet het bestand zelf in de map"],
        ["lessons/weg.md", "dit is een symbolische link; links naar andere bestanden zijn "
         "niet toegestaan. Zet het bestand zelf in de map"],
    ]  # fmt: skip


def test_tags_file_that_is_not_utf8(content_root: Path) -> None:
    (content_root / "tags.yml").write_bytes("- zorg en welzijn\n- financi\xebn\n".encode("latin-1"))
    errors = errors_of(content_root)
    assert errors[-1].startswith("tags.yml:2: dit bestand is geen UTF-8-tekst")


def test_a_tag_with_markup_characters_is_refused(content_root: Path) -> None:
    (content_root / "tags.yml").write_text(
        '- zorg en welzijn\n- financiën\n- "<img src=x onerror=alert(1)>"\n', encoding="utf-8"
    )
    errors = errors_of(content_root)
    assert "tags.yml:3: het onderwerp '<img src=x onerror=alert(1)>' bevat tekens" in errors[0]


def write_page(root: Path, name: str, text: str) -> None:
    path = root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('--8<-- ".git/config"', "een invoeging ('--8<--') mag alleen in de vorm"),
        ('--8<-- "../../mkdocs.yml"', "een invoeging ('--8<--') mag alleen in de vorm"),
        ('Tekst ervoor ;--8<-- "tabel.md"', "een invoeging ('--8<--') mag alleen in de vorm"),
        ('-8<- "tabel.md"', "een invoeging ('--8<--') mag alleen in de vorm"),
        ('--8<-- "ontbreekt.md"', "de invoeging 'ontbreekt.md' bestaat niet in docs/_fragmenten/"),
        ('--8<-- "omgeving.md"', "de invoeging 'omgeving.md' is een symbolische link"),
    ],
)
def test_snippets_come_only_from_the_fragments_folder(
    content_root: Path, line: str, message: str
) -> None:
    write_page(content_root, "_fragmenten/tabel.md", "| a | b |\n| --- | --- |\n| 1 | 2 |\n")
    (content_root / "docs" / "_fragmenten" / "omgeving.md").symlink_to("/proc/self/environ")
    write_page(content_root, "pagina.md", f"---\ntitle: Pagina\n---\n\nTekst.\n\n{line}\n")
    replace(content_root / LESSON, "aan collega's.", f"aan collega's.\n\n{line}")
    errors = [e for e in errors_of(content_root) if "symbolische link; links" not in e]
    assert [error.split(": ", 1)[0] for error in errors] == ["docs/pagina.md:7", f"{LESSON}:11"]
    assert all(error.split(": ", 1)[1].startswith(message) for error in errors)


def test_a_snippet_from_the_fragments_folder_is_allowed(content_root: Path) -> None:
    write_page(content_root, "_fragmenten/tabel.md", "| a | b |\n| --- | --- |\n| 1 | 2 |\n")
    write_page(content_root, "pagina.md", '---\ntitle: Pagina\n---\n\n--8<-- "tabel.md"\n')
    assert errors_of(content_root) == []


def test_pages_in_docs_are_checked_like_lessons(content_root: Path) -> None:
    write_page(
        content_root,
        "pagina.md",
        "---\ntitle: Pagina\ntemplate: redirect.html\nlocation: x\n---\n\n"
        'Tekst.\n\n<iframe src="https://example.net"></iframe>\n',
    )
    assert errors_of(content_root) == [
        "docs/pagina.md:3: 'template' moet een van deze zijn: home.html, samenvatting.html, niet "
        "'redirect.html'",
        "docs/pagina.md:4: onbekend veld 'location'; toegestane velden: description, hide, "
        "template, title",
        "docs/pagina.md:9: het HTML-element <iframe> is niet toegestaan en valt weg (met wat erin "
        "staat als het <script> of <style> is); gebruik gewone tekst en Markdown",
    ]
