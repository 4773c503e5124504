"""Trajectories: a later group's lessons get a home of their own, and the 2017 publication stays
exactly as it appeared. The content checks and `leren nieuw` on small fixtures; then the real site
built once with a second, test-only trajectory (tests/fixtures/ander-traject/) beside it."""

from __future__ import annotations

import json
import re
import shutil
from collections import deque
from pathlib import Path

import pytest
from playwright.sync_api import Page as BrowserPage
from pypdf import PdfReader

from leren.loader import load_content
from leren.problems import Severity
from leren.reproducible import last_commit_epoch
from tests.browsergates import axe_violations
from tests.conftest import LEREN, REPO, Build, leren, run_mkdocs, serve
from tests.gates import (
    broken_links,
    heading_outline_faults,
    text_alternative_faults,
)
from tests.htmlpage import Page, pages, targets

FIXTURE = Path(__file__).parent / "fixtures" / "ander-traject"
PUBLISHED = "leer-en-intervisietraject"
LESSON = "lessons/als-het-veilig-is.md"
CASE = "cases/proeftuin-de-ruwaard.md"
SECOND = """\
title: "Tweede groep"
period: "vanaf 2016"
participants: [oss]
intro: |
  Een tweede groep.
"""


def problems_of(root: Path) -> tuple[list[str], list[str]]:
    content, problems = load_content(root)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    warnings = [str(p) for p in problems if p.severity is Severity.WARNING]
    assert (content is None) == bool(errors)
    return errors, warnings


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_second_trajectory(root: Path) -> None:
    (root / "trajectories" / "tweede-groep.yml").write_text(SECOND, encoding="utf-8")


# The content checks of `leren controleer`.


def test_an_unknown_trajectory_names_file_line_and_the_choices(content_root: Path) -> None:
    edit(content_root / LESSON, f"trajectory: {PUBLISHED}", "trajectory: leer-en-intervisie")
    errors, _ = problems_of(content_root)
    assert errors == [
        f"{LESSON}:7: het traject 'leer-en-intervisie' bestaat niet (bedoelde je "
        f"'{PUBLISHED}'?); bestaande ids: {PUBLISHED}. Ids zijn de bestandsnamen in trajectories/"
    ]


def test_a_lesson_without_a_trajectory_is_refused(content_root: Path) -> None:
    edit(content_root / LESSON, f"trajectory: {PUBLISHED}\n", "")
    errors, _ = problems_of(content_root)
    assert errors == [f"{LESSON}:1: het verplichte veld 'trajectory' ontbreekt"]


def test_positions_count_within_trajectory_and_theme(content_root: Path) -> None:
    add_second_trajectory(content_root)
    second = content_root / "lessons" / "tweede-les.md"
    second.write_text(
        (content_root / LESSON)
        .read_text(encoding="utf-8")
        .replace("cases: [proeftuin-de-ruwaard]", "cases: []"),
        encoding="utf-8",
    )
    # Position 1 in the same theme, in the same trajectory: a clash.
    errors, _ = problems_of(content_root)
    assert errors == [
        "lessons/tweede-les.md:4: positie 1 in thema 'leren-te-leren' is ook gegeven aan "
        f"{LESSON}; geef elke les van het traject '{PUBLISHED}' in een thema een eigen positie"
    ]
    # The same position in another trajectory: no clash, and each is lesson 1 of 1.
    edit(second, f"trajectory: {PUBLISHED}", "trajectory: tweede-groep")
    assert problems_of(content_root) == ([], [])
    content = load_content(content_root)[0]
    assert content is not None
    for lesson in content.lessons.values():
        assert content.number_in_theme(lesson) == 1
        assert content.siblings(lesson) == [lesson]


def test_a_lesson_names_only_cases_of_its_own_trajectory(content_root: Path) -> None:
    add_second_trajectory(content_root)
    edit(content_root / LESSON, f"trajectory: {PUBLISHED}", "trajectory: tweede-groep")
    errors, _ = problems_of(content_root)
    assert errors == [
        f"{LESSON}:5: het praktijkvoorbeeld 'proeftuin-de-ruwaard' hoort bij het traject "
        f"'{PUBLISHED}' en deze les bij 'tweede-groep'; een les noemt alleen "
        "praktijkvoorbeelden uit haar eigen traject"
    ]


def test_a_case_of_an_organisation_outside_its_trajectory_is_a_warning(
    content_root: Path,
) -> None:
    (content_root / "organisations" / "venlo.yml").write_text(
        'name: "Gemeente Venlo"\nshort_name: "Venlo"\nform: "Gemeente"\nintro: "Venlo."\n',
        encoding="utf-8",
    )
    edit(content_root / CASE, "organisation: oss", "organisation: venlo")
    errors, warnings = problems_of(content_root)
    assert errors == []
    assert warnings == [
        f"{CASE}:3: waarschuwing: de organisatie 'venlo' is geen deelnemer aan het traject "
        f"'{PUBLISHED}'; zet 'venlo' bij 'participants' in trajectories/{PUBLISHED}.yml, of "
        "kies het traject waar het voorbeeld vandaan komt",
        "organisations/venlo.yml: waarschuwing: deze organisatie is geen deelnemer aan een "
        "traject; zet 'venlo' bij 'participants' van het traject waaraan ze deelneemt",
    ]


def test_trajectory_files_are_checked_like_every_other_file(content_root: Path) -> None:
    path = content_root / "trajectories" / f"{PUBLISHED}.yml"
    edit(path, "participants: [oss]", "participants: [os, oss, oss]")
    edit(path, 'date: "2017-06"', 'date: "juni 2017"')
    # Every problem of the file at once: the wrong date does not hide the participants.
    errors, _ = problems_of(content_root)
    assert errors == [
        f"trajectories/{PUBLISHED}.yml:3: de organisatie 'os' bestaat niet (bedoelde je 'oss'?); "
        "bestaande ids: oss. Ids zijn de bestandsnamen in organisations/",
        f"trajectories/{PUBLISHED}.yml:3: de organisatie 'oss' staat twee keer in 'participants'",
        f"trajectories/{PUBLISHED}.yml:8: 'publication.date' is ongeldig: schrijf de maand als "
        "JJJJ-MM tussen aanhalingstekens, zoals \"2019-06\", niet 'juni 2017'",
    ]
    edit(path, 'date: "juni 2017"', 'date: "2017-06"')
    edit(path, "participants: [os, oss, oss]", "participants: []")
    errors, _ = problems_of(content_root)
    assert errors == [
        f"trajectories/{PUBLISHED}.yml:3: 'participants' is leeg; noem er minstens één, zoals "
        "[eerste, tweede]"
    ]


def test_a_partner_needs_only_name_short_name_form_and_intro(content_root: Path) -> None:
    (content_root / "organisations" / "ziekenhuis.yml").write_text(
        'name: "Ziekenhuis"\nshort_name: "Ziekenhuis"\nform: "Ziekenhuis"\nintro: "Zorg."\n',
        encoding="utf-8",
    )
    add_second_trajectory(content_root)
    edit(content_root / "trajectories" / "tweede-groep.yml", "[oss]", "[oss, ziekenhuis]")
    assert problems_of(content_root) == ([], [])


def test_the_publication_holds_only_its_own_trajectory(content_root: Path) -> None:
    add_second_trajectory(content_root)
    (content_root / "lessons" / "later.md").write_text(
        '---\ntitle: "Later."\ntheme: leren-te-leren\nposition: 1\ntrajectory: tweede-groep\n'
        "---\nLater geleerd.\n",
        encoding="utf-8",
    )
    content = load_content(content_root)[0]
    assert content is not None
    assert content.publication is content.trajectories[PUBLISHED]
    assert [t.id for t in content.other_trajectories()] == ["tweede-groep"]
    assert list(content.publication_content.lessons) == ["als-het-veilig-is"]
    assert list(content.lessons) == ["als-het-veilig-is", "later"]


# `leren nieuw traject` and `leren nieuw les --traject`, as an editor uses them.


def test_new_trajectory_is_scaffolded_with_every_field_explained(content_root: Path) -> None:
    result = leren("nieuw", "traject", "Oss en haar lokale partners", cwd=content_root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == "trajectories/oss-en-haar-lokale-partners.yml"
    text = (content_root / "trajectories" / "oss-en-haar-lokale-partners.yml").read_text(
        encoding="utf-8"
    )
    for field in ('title: "Oss en haar lokale partners"', 'period: ""', "participants: []"):
        assert f"\n{field}\n" in text
    assert "\nintro: |\n" in text
    assert "\n# publication:\n" in text  # only once the lessons have appeared
    # Unfinished, it fails the check with what to fill in; filled in, it passes.
    check = leren("controleer", cwd=content_root)
    assert check.returncode == 1
    assert "trajectories/oss-en-haar-lokale-partners.yml:8: 'period' is leeg" in check.stdout
    again = leren("nieuw", "traject", "Oss en haar lokale partners", cwd=content_root)
    assert again.returncode == 2
    assert "de id 'oss-en-haar-lokale-partners' bestaat al" in again.stderr


def test_new_lesson_goes_into_the_trajectory_it_names(content_root: Path) -> None:
    add_second_trajectory(content_root)
    result = leren(
        "nieuw",
        "les",
        "Een nieuwe les.",
        "--thema",
        "leren-te-leren",
        "--traject",
        "tweede-groep",
        cwd=content_root,
    )
    assert result.returncode == 0, result.stdout
    text = (content_root / "lessons" / "een-nieuwe-les.md").read_text(encoding="utf-8")
    assert "\ntrajectory: tweede-groep\n" in text
    assert "\nposition: 1\n" in text


def test_new_lesson_into_the_published_trajectory_is_refused(content_root: Path) -> None:
    arguments = ("nieuw", "les", "Een nieuwe les.", "--thema", "leren-te-leren")
    refused = leren(*arguments, "--traject", PUBLISHED, cwd=content_root)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"leren: fout: het traject '{PUBLISHED}' hoort bij de publicatie “Leren van elkaar” "
        "(juni 2017), die al is verschenen; de les zou erin komen alsof de auteurs het hadden "
        "geschreven. Nieuwe lessen horen in een eigen traject: maak een nieuw traject met: "
        f"{LEREN} nieuw traject 'Naam van het traject' (zie CONTRIBUTING.md). Hoort de les echt "
        "in die publicatie, geef dan ook --toevoegen-aan-publicatie\n"
    )
    assert not (content_root / "lessons" / "een-nieuwe-les.md").exists()
    # Asked for explicitly, it is done, at the publication's next free position.
    asked = leren(
        *arguments, "--traject", PUBLISHED, "--toevoegen-aan-publicatie", cwd=content_root
    )
    assert asked.returncode == 0, asked.stdout
    text = (content_root / "lessons" / "een-nieuwe-les.md").read_text(encoding="utf-8")
    assert f"\ntrajectory: {PUBLISHED}\n" in text
    assert "\nposition: 2\n" in text


def test_new_lesson_or_case_with_an_unknown_or_missing_trajectory_is_refused(
    content_root: Path,
) -> None:
    unknown = leren(
        "nieuw",
        "les",
        "Een les.",
        "--thema",
        "leren-te-leren",
        "--traject",
        "leer-en-intervisie",
        cwd=content_root,
    )
    assert unknown.returncode == 2
    assert unknown.stderr == (
        f"leren: fout: het traject 'leer-en-intervisie' bestaat niet (bedoelde je '{PUBLISHED}'?); "
        f"kies uit: {PUBLISHED}, of maak een nieuw traject met: {LEREN} nieuw traject 'Naam van "
        "het traject'\n"
    )
    missing = leren("nieuw", "casus", "Een casus", cwd=content_root)
    assert missing.returncode == 2
    assert missing.stderr.startswith(
        "leren: fout: geef met --traject het traject waaruit het praktijkvoorbeeld komt; "
        f"kies uit: {PUBLISHED}, of maak"
    )
    published = leren("nieuw", "casus", "Een casus", "--traject", PUBLISHED, cwd=content_root)
    assert published.returncode == 2
    assert "die al is verschenen" in published.stderr
    assert sorted(path.name for path in (content_root / "lessons").iterdir()) == [
        "als-het-veilig-is.md"
    ]
    assert sorted(path.name for path in (content_root / "cases").iterdir()) == [
        "proeftuin-de-ruwaard.md"
    ]


# The real site with a second trajectory beside it.


@pytest.fixture(scope="module")
def with_second(tmp_path_factory: pytest.TempPathFactory, built_site_with_pdf: Build) -> Build:
    """A copy of the real site plus the test-only trajectory, built with the PDF and the same
    clock as the real site's build."""
    root = tmp_path_factory.mktemp("twee-trajecten") / "site"
    for name in ("docs", "overrides", "lessons", "cases", "themes", "organisations"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "trajectories", root / "trajectories")
    for name in ("mkdocs.yml", "tags.yml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("trajectories", "lessons", "cases", "organisations"):
        for path in (FIXTURE / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    epoch = last_commit_epoch(REPO)
    env = {"LEREN_PDF": "true", **({"SOURCE_DATE_EPOCH": str(epoch)} if epoch else {})}
    build = run_mkdocs(root, root.parent / "built", env=env)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def site(with_second: Build) -> dict[str, Page]:
    return pages(with_second.site)


def pdf_text(site: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(site / "leren-van-elkaar.pdf").pages]


def article(path: Path) -> str:
    """A page's content (its <article>), without when its source last changed: that comes from
    git, which the copied site has not."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    content = html[start : html.index('<footer class="md-footer">', start)]
    return " ".join(re.sub(r'<p class="lve-page-footer">.*?</p>', "", content, flags=re.S).split())


def test_the_publication_pdf_is_unchanged(built_site_with_pdf: Build, with_second: Build) -> None:
    text = pdf_text(with_second.site)
    assert text == pdf_text(built_site_with_pdf.site)
    assert not any("Testles" in page or "Testziekenhuis" in page for page in text)


def test_summary_numbering_counts_and_decks_are_unchanged(
    built_site_with_pdf: Build, with_second: Build, site: dict[str, Page]
) -> None:
    real, second = built_site_with_pdf.site, with_second.site
    assert article(second / "samenvatting" / "index.html") == article(
        real / "samenvatting" / "index.html"
    )
    # Every lesson of the publication keeps its place: "Les 3 van 5" and its neighbours.
    for lesson in (REPO / "lessons").glob("*.md"):
        page = f"lessen/{lesson.stem}/index.html"
        assert article(second / page) == article(real / page), page
    home = (second / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="lve-themas">Drie thema(\'|&#39;)s, 16 lessen</h2>', home)
    # The publication's decks, slide for slide.
    decks = [
        path.relative_to(real).as_posix()
        for path in (real / "presentatie").glob("*/index.html")
        if path.parent.name != "eigen"
    ]
    assert len(decks) == 3 + 1 + 6  # per theme, all lessons, per case
    for deck in decks:
        assert (second / deck).read_bytes() == (real / deck).read_bytes(), deck


def reachable(site: dict[str, Page], start: str, clicks: int) -> set[str]:
    """The pages a reader reaches from `start` in at most `clicks` clicks on a page's content."""
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        name, depth = queue.popleft()
        if depth == clicks:
            continue
        for target in targets(site[name], site[name].main_links):
            if target in site and target not in seen:
                seen.add(target)
                queue.append((target, depth + 1))
    return seen


NEW_LESSONS = (
    "lessen/testles-samen-met-partners/index.html",
    "lessen/testles-regionale-partners/index.html",
)
LABEL = "Uit het traject Testtraject met lokale partners (testperiode)"


def text_of(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def test_new_lessons_are_two_clicks_from_home_and_say_where_they_come_from(
    with_second: Build, site: dict[str, Page]
) -> None:
    assert set(NEW_LESSONS) <= reachable(site, "index.html", 2)
    for lesson in (*NEW_LESSONS, "casussen/testcasus-ziekenhuis/index.html"):
        assert LABEL in text_of(with_second.site / lesson), lesson
        assert "trajecten/testtraject-lokale-partners/index.html" in targets(
            site[lesson], site[lesson].main_links
        )
    publication_lesson = with_second.site / "lessen" / "als-het-veilig-is" / "index.html"
    assert "Uit de publicatie Leren van elkaar (VGS, juni 2017)" in text_of(publication_lesson)


def section_of(path: Path, heading: str) -> str:
    """The HTML from the heading that contains `heading` to the next heading of its level."""
    html = path.read_text(encoding="utf-8")
    match = re.search(rf"<(h[1-6]|p)[^>]*>(?:(?!</\1>).)*{re.escape(heading)}", html, re.S)
    assert match, f"{heading!r} not in {path}"
    rest = html[match.end() :]
    end = re.search(rf"<{match.group(1)}[ >]", rest)
    return rest[: end.start()] if end else rest


def test_new_lessons_are_apart_and_labelled_on_theme_and_topic_pages(with_second: Build) -> None:
    built = with_second.site
    theme = built / "themas" / "leren-te-leren" / "index.html"
    # The chapter's own lessons first, as in the publication; the test lesson apart, after them.
    html = theme.read_text(encoding="utf-8")
    assert html.index("van-verschillen-leer-je-meer/") < html.index("testles-samen-met-partners/")
    later = section_of(theme, "Testtraject met lokale partners")
    assert "testles-samen-met-partners/" in later
    assert "als-het-veilig-is/" not in later
    mine = section_of(theme, "De lessen van dit thema")
    assert "testles-samen-met-partners/" not in mine
    topic = built / "onderwerpen" / "maatschappelijke-partners" / "index.html"
    later = section_of(topic, "Testtraject met lokale partners")
    assert "testles-regionale-partners/" in later and "lef-en-geduld/" not in later
    assert "lef-en-geduld/" in section_of(topic, "Uit de publicatie")
    overview = built / "lessen" / "index.html"
    assert "testles-regionale-partners/" in section_of(overview, "Testtraject met lokale partners")
    prepare = (built / "presentatie" / "index.html").read_text(encoding="utf-8")
    group = prepare[prepare.index("<legend>Testtraject met lokale partners (testperiode)") :]
    assert 'value="les-testles-samen-met-partners"' in group.split("</fieldset>")[0]


def test_search_finds_new_lessons_with_their_trajectory(with_second: Build) -> None:
    index = json.loads(
        (with_second.site / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    [entry] = [doc for doc in index["docs"] if "Kamelenkaravaan" in doc["text"]]
    assert entry["location"] == "lessen/testles-samen-met-partners/"
    assert "Testtraject met lokale partners" in entry["text"].split("Kamelenkaravaan")[0]


def test_a_partner_without_inhabitants_shows_no_empty_or_zero_values(with_second: Build) -> None:
    built = with_second.site
    page = (built / "organisaties" / "testziekenhuis" / "index.html").read_text(encoding="utf-8")
    facts = re.search(r'<dl class="lve-facts">.*?</dl>', page, re.S)
    assert facts
    profile = " ".join(re.sub(r"<[^>]+>", " ", facts.group()).split())
    assert profile.startswith("Vorm Ziekenhuis Deelnemer aan Testtraject met lokale partners")
    for wrong in ("inwoners", "Bestuur", "Historie", "Fase", "None"):
        assert wrong not in profile, wrong
    assert "None" not in page and "0 inwoners" not in page
    overview = built / "organisaties" / "index.html"
    table = section_of(overview, "Testtraject met lokale partners")
    cells = re.findall(r"<td>(.*?)</td>", table, re.S)
    assert cells and all(cell.strip() for cell in cells)
    assert '<span class="lve-visually-hidden">niet opgegeven</span>' in table
    assert "None" not in table


# Pages that change when a second trajectory is there: on the real site the quality gates see
# none of these states.
CHANGED_PAGES = [
    "",
    "themas/leren-te-leren/",
    "trajecten/testtraject-lokale-partners/",
    "trajecten/leer-en-intervisietraject/",
    "lessen/testles-samen-met-partners/",
    "casussen/testcasus-ziekenhuis/",
    "lessen/",
    "casussen/",
    "organisaties/",
    "organisaties/oss/",
    "organisaties/testziekenhuis/",
    "onderwerpen/maatschappelijke-partners/",
    "presentatie/",
]


def test_a_second_trajectory_keeps_the_quality_gates(
    page: BrowserPage, with_second: Build, site: dict[str, Page], axe: str
) -> None:
    faults = broken_links(with_second.site)
    faults += [
        fault
        for built in site.values()
        for fault in heading_outline_faults(built) + text_alternative_faults(built)
    ]
    with serve(with_second.site) as url:
        for path in CHANGED_PAGES:
            page.goto(url + path)
            faults += axe_violations(page, axe)
    assert faults == []


# No count or publication date is typed into a template or the code: they come from the content.

COUNTED = (
    r"lessen|les|thema's|thema|hoofdstukken|deelnemers|organisaties|gemeenten|"
    r"praktijkvoorbeelden|trajecten|dia's|jaar"
)
NUMBER_WORDS = r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|zestien|zeventien"
MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# A count ("vijf deelnemers", "16 lessen") or a month with its year ("juni 2017") anywhere; in a
# template also a year on its own.
TYPED = re.compile(
    rf"\b(?:(?:{NUMBER_WORDS}|\d+)\s+(?:{COUNTED})\b|(?:{MONTHS})\s+(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def typed_counts_and_dates(path: Path) -> list[tuple[int, str]]:
    """Lines of a template or module that type a count or a date, outside comments."""
    found = []
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".md"):
        # Jinja comments, kept as empty lines so that line numbers stay right.
        text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), start=1):
        code = line
        if path.suffix in (".py", ".yml"):
            code = line.split("#", 1)[0]
        elif path.parent.name == "archetypes" and line.lstrip().startswith("#"):
            code = ""  # an archetype's explanation for editors, with examples
        if TYPED.search(code) or (path.suffix in (".html", ".md") and YEAR.search(code)):
            found.append((number, line.strip()))
    return found


def test_no_count_or_publication_date_is_typed_into_templates_or_code() -> None:
    files = [
        path
        for folder in ("overrides", "leren")
        for path in sorted((REPO / folder).rglob("*"))
        if path.suffix in (".html", ".py", ".md", ".yml", ".js") and path.name != "dutch.py"
    ]
    assert len(files) > 30
    typed = [
        f"{path.relative_to(REPO)}:{number}: {line}"
        for path in files
        for number, line in typed_counts_and_dates(path)
    ]
    assert typed == []


def test_the_typed_text_check_finds_what_it_is_for(tmp_path: Path) -> None:
    sample = tmp_path / "voorbeeld.html"
    sample.write_text(
        "<h2>Drie thema's, {{ n }} lessen</h2>\n"
        "{# de vijf deelnemers, in een commentaar #}\n"
        "<p>VGS · juni 2017</p>\n"
        "<p>© 2017</p>\n"
        "<h2>De {{ n | telwoord }} deelnemers vergeleken</h2>\n"
        "<p>De vijf deelnemers, 16 lessen.</p>\n",
        encoding="utf-8",
    )
    assert [number for number, _ in typed_counts_and_dates(sample)] == [1, 3, 4, 6]
