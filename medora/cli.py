"""The `medora` command: thin commands that open a workspace, call one library function and print."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from pydantic import ValidationError

from medora import build
from medora.errors import MedoraError
from medora.export import EXPORT_FORMATS
from medora.export.render import FORMATS
from medora.readers.audience import AUDIENCES
from medora.settings import Settings


def _workspace(progress: bool = False):  # noqa: ANN202 (a Workspace; imported late so --help stays fast)
    from medora.workspace import Workspace

    try:
        settings = Settings()
    except ValidationError as error:  # a bad MEDORA_* variable
        problems = "; ".join(
            f"MEDORA_{'__'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']} "
            f"(got {problem.get('input')!r})"
            for problem in error.errors()
        )
        raise click.ClickException(f"invalid configuration: {problems}") from error
    return Workspace(settings, show_progress=progress and sys.stderr.isatty())


class MedoraGroup(click.Group):
    """Turns Medora's own errors into a one-line message and exit code 1, wherever a command raises them."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201 (whatever the command returns)
        try:
            return super().invoke(ctx)
        except MedoraError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=MedoraGroup)
@click.version_option(package_name="medora")
def main() -> None:
    """Medora: clinical questions answered with structured, cited articles, offline.

    Data lives in MEDORA_HOME (default: your user data folder). Example:

        medora ask "How should L5 radiculopathy with foot drop be managed?"
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-embed", is_flag=True, help="Skip dense embeddings (faster; lexical retrieval only).")
@click.option(
    "--engine",
    "runner",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this process; ray: Ray Data stages, Parquet shards, then a bulk load (pip install 'medora[ray]').",
)
@click.option("--address", help="With --engine ray: the Ray cluster to join (default: start a local Ray, 2 CPUs).")
def ingest(paths: tuple[Path, ...], no_embed: bool, runner: str, address: str | None) -> None:
    """Ingest literature files or folders: PubMed XML (.xml/.xml.gz), PMC JATS, Markdown, HTML, PDF, JSONL.

    Re-running is safe: stored records are skipped. Approved articles for which a new source would now rank among
    the cited evidence are marked "new evidence available". Example:

        medora ingest pubmed24n0001.xml.gz guidelines/

        medora ingest --engine ray --address ray://head:10001 baseline/
    """
    if address and runner != "ray":
        raise click.UsageError("--address is for --engine ray")
    workspace = _workspace(progress=True)
    if no_embed:
        workspace.settings.ingest.embed = False
    from medora.review.living import flag_new_evidence, newest_source_id

    before = newest_source_id(workspace)
    report = workspace.ingest(list(paths), runner=runner, ray_address=address)
    flagged = flag_new_evidence(workspace, since_source_id=before) if report.sources_added else []
    click.echo(
        f"{report.files_read} file(s) read, {report.files_skipped} already ingested; "
        f"{report.sources_added} source(s) and {report.passages_added} passage(s) added, "
        f"{report.sources_already_stored} already stored ({report.seconds_total:.1f} s)."
    )
    for record in flagged:
        click.echo(f"new evidence for approved article {record.slug} (listed in the review queue)")
    for path, reason in report.failures:
        click.echo(f"error: {path}: {reason}", err=True)
    if report.failures:
        raise SystemExit(1)


def _prepared_workspace():  # noqa: ANN202 (a Workspace)
    """A workspace ready to answer: on a fresh or stale data folder the explicit setup step runs first, saying so."""
    workspace = _workspace(progress=True)
    if workspace.needs_prepare():
        if workspace.read_only:
            raise MedoraError(
                f"the data folder {workspace.settings.home} is read-only and not prepared: "
                "run `medora init` once with write access"
            )
        click.echo(f"Preparing the data folder {workspace.settings.home} (first run: about 40–50 s)…", err=True)
        started = time.perf_counter()
        workspace.prepare(on_step=lambda message: click.echo(f"  {message}", err=True))
        click.echo(f"  ready in {time.perf_counter() - started:.0f} s.", err=True)
    return workspace


@main.command()
def init() -> None:
    """Prepare the data folder: bring in the packaged library, build the indexes, register library articles.

    `ask` and `serve` do this by themselves on a fresh folder; run it to do it ahead of time. Example:

        MEDORA_HOME=/srv/medora medora init
    """
    workspace = _workspace(progress=True)
    workspace.prepare(on_step=lambda message: click.echo(message, err=True))
    from medora.articles import list_articles

    _page, total = list_articles(workspace, limit=1)
    click.echo(f"Ready: {workspace.settings.home} ({total} article(s)).")


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON (same as --format json).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="terminal", help="How to print the article.")
@click.option("--year-from", type=int, help="Only evidence published in or after this year.")
@click.option("--year-to", type=int, help="Only evidence published in or before this year.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only evidence of this kind (repeatable, any case): guideline, editorial summary, systematic review, "
    "meta-analysis, rct, cohort, case-control, case report, narrative review, consumer health, research article.",
)
@click.option(
    "--composer",
    type=click.Choice(["extractive", "llm"]),
    help="extractive (embedded default) or llm (the OpenAI-compatible endpoint in MEDORA_LLM__BASE_URL).",
)
@click.option("--fresh", is_flag=True, help="Answer again even if this question was answered before (a new version).")
@click.option("--debug", is_flag=True, help="Also show sentences that failed verification.")
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="clinician",
    show_default=True,
    help="Who reads it: clinician (as composed), student (with definitions) or patient (plain language).",
)
@click.option("--thread", "thread_id", help="Ask in this follow-up thread (an id `medora chat` printed).")
def ask(
    question: str,
    as_json: bool,
    output_format: str,
    year_from: int | None,
    year_to: int | None,
    kinds: tuple[str, ...],
    composer: str | None,
    fresh: bool,
    debug: bool,
    audience: str,
    thread_id: str | None,
) -> None:
    """Answer a clinical QUESTION with a cited article, stored for later (`medora export`, `medora serve`).

    Asking the same question again serves the stored article; --fresh answers again. Example:

        medora ask --audience patient "What is the best approach to managing L5 radiculopathy with foot drop?"
    """
    from medora.articles import ask as ask_and_store
    from medora.followups import LOCAL_OWNER, ask_in_thread
    from medora.retrieve.retriever import Filters

    workspace = _prepared_workspace()
    if composer:
        workspace.settings.compose.composer = composer
    streaming = workspace.settings.compose.composer == "llm" and sys.stderr.isatty()
    filters = Filters.parse(year_from=year_from, year_to=year_to, kinds=kinds)
    on_text = (lambda text: click.secho(text, err=True, dim=True, nl=False)) if streaming else None
    if workspace.read_only:
        from medora.answer import answer_question

        article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings,
                                  filters=filters, audience=audience, on_text=on_text)
        click.echo(f"note: the data folder {workspace.settings.home} is read-only; the article was not stored.", err=True)
        _print_article(article, output_format="json" if as_json else output_format, debug=debug)
        return
    if thread_id:
        asked = ask_in_thread(workspace, question, owner=LOCAL_OWNER, thread_id=thread_id, audience=audience,
                              filters=filters, fresh=fresh, on_text=on_text)
        stored = asked.stored
        if asked.standalone != question:
            click.echo(f"asked as: {asked.standalone}", err=True)
    else:
        stored = ask_and_store(workspace, question, filters=filters, audience=audience, fresh=fresh, on_text=on_text)
    _show(stored, output_format="json" if as_json else output_format, streaming=streaming, debug=debug)


def _show(stored, *, output_format: str, streaming: bool = False, debug: bool = False) -> None:  # noqa: ANN001
    """Print a stored article's notes to stderr and the article itself to stdout."""
    article = stored.article
    if streaming and not stored.reused:
        click.echo("\n(draft above; the verified article follows)\n", err=True)
    for note in article.provenance.notes:
        click.echo(f"note: {note}", err=True)
    if stored.reused and stored.earlier_build:
        click.echo(
            f"note: answered before ({stored.record.updated_at:%Y-%m-%d}) by an earlier build of Medora "
            f"({article.provenance.engine or 'not recorded'}); showing the stored article. "
            f"Use --fresh to answer again with this build ({build.engine_build()}).",
            err=True,
        )
    elif stored.reused:
        click.echo(
            f"note: answered before ({stored.record.updated_at:%Y-%m-%d}); showing the stored article. "
            "Use --fresh to answer again.",
            err=True,
        )
    click.echo(f"article: {stored.record.slug} (version {stored.version})", err=True)
    _print_article(article, output_format=output_format, debug=debug)


def _print_article(article, *, output_format: str, debug: bool) -> None:  # noqa: ANN001 (an Article)
    from medora.export.render import print_terminal, to_html, to_json, to_markdown

    if output_format == "json":
        click.echo(to_json(article))
    elif output_format == "markdown":
        click.echo(to_markdown(article))
    elif output_format == "html":
        click.echo(to_html(article))
    else:
        print_terminal(article)
    if debug and article.dropped_statements:
        click.echo("\nDropped (failed verification):", err=True)
        for statement in article.dropped_statements:
            click.echo(f"  - {statement.text} ({'; '.join(statement.flags)})", err=True)


@main.command()
@click.option(
    "--audience", type=click.Choice(AUDIENCES), default="clinician", show_default=True, help="Who reads the answers."
)
@click.option("--thread", "thread_id", help="Go on with this thread instead of starting one.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="terminal", help="How to print each article.")
def chat(audience: str, thread_id: str | None, output_format: str) -> None:
    """Ask questions one per line (typed, or piped in); each follow-up is read in the context of the ones before,
    and every answer is a cited article. An empty line or end of input stops. Example:

        printf 'How is gout treated?\nwhat about in kidney disease?\n' | medora chat --audience patient
    """
    from medora.followups import LOCAL_OWNER, ask_in_thread

    workspace = _prepared_workspace()
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            click.echo("question> ", nl=False, err=True)
        line = sys.stdin.readline()
        question = line.strip()
        if not question:
            break
        try:
            asked = ask_in_thread(workspace, question, owner=LOCAL_OWNER, thread_id=thread_id, audience=audience)
        except MedoraError as error:
            click.echo(f"error: {error}", err=True)
            continue
        if thread_id is None:
            click.echo(f"thread: {asked.thread.id} (go on later with: medora ask --thread {asked.thread.id} …)", err=True)
        thread_id = asked.thread.id
        if asked.standalone != question:
            click.echo(f"asked as: {asked.standalone}", err=True)
        _show(asked.stored, output_format=output_format)
        click.echo("")


@main.command()
@click.argument("article")
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), default="md", help="What to write.")
@click.option("--version", "version", type=int, help="Export this version (default: the current one).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: SLUG.EXT).")
def export(article: str, export_format: str, version: int | None, output: Path | None) -> None:
    """Export a stored ARTICLE (its slug or id) as Markdown, PDF, or its references as RIS or BibTeX. Example:

        medora export lumbar-radiculopathy-foot-drop --format ris
    """
    from medora.articles import get_article
    from medora.export import export_article

    workspace = _workspace()
    stored = get_article(workspace, article, version=version)
    data, _media_type, extension = export_article(stored.article, export_format)
    target = output or Path(f"{stored.record.slug}.{extension}")
    target.write_bytes(data)
    click.echo(f"{target} ({len(data):,} bytes)")


@main.command("articles")
@click.option("--query", "-q", help="Words that must appear in the question or title.")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True, help="How many to list.")
def list_stored_articles(query: str | None, limit: int) -> None:
    """List stored articles, newest first. Example:

        medora articles -q "heart failure"
    """
    from medora.articles import list_articles

    workspace = _workspace()
    page, total = list_articles(workspace, query=query, limit=limit)
    for record in page:
        click.echo(f"{record.slug}\t{record.status}\tv{record.version}\t{record.updated_at:%Y-%m-%d}\t{record.title}")
    click.echo(f"{len(page)} of {total} article(s).", err=True)


@main.command()
@click.option("--force", is_flag=True, help="Rebuild whole, merging delta segments, even when the indexes are current.")
@click.option("--embed-missing", is_flag=True, help="First embed passages ingested with --no-embed.")
def index(force: bool, embed_missing: bool) -> None:
    """Build or refresh the search indexes from the store. Example:

        medora index --embed-missing
    """
    workspace = _workspace(progress=True)
    if embed_missing:
        click.echo(f"{workspace.embed_missing()} passage(s) embedded.")
    manifest = workspace.refresh_indexes(force=force or embed_missing)
    shown = {key: value for key, value in (manifest or {}).items() if key != "files"}
    click.echo(json.dumps(shown, indent=2) if manifest else "Indexes are current.")


@main.command()
def stats() -> None:
    """Show what the store holds. Example:

        medora stats
    """
    from medora.store import repository

    workspace = _workspace()
    with workspace.engine.connect() as conn:
        click.echo(
            f"data directory: {workspace.settings.home}\n"
            f"sources: {repository.count_sources(conn)}\npassages: {repository.count_passages(conn)}"
        )


@main.group()
def library() -> None:
    """The packaged editorial library of topic overviews. Example:

        medora library check
    """


@library.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def library_check(paths: tuple[Path, ...]) -> None:
    """Validate overview files (default: the packaged library). Example:

        medora library check
    """
    from medora.library import overview_paths
    from medora.library.descriptions import description_problems
    from medora.library.validate import validate_library
    from medora.readers.plain_check import check_all

    problems = validate_library(list(paths) or overview_paths())
    if not paths:
        problems += check_all()  # the plain-language versions are checked against the packaged overviews
        problems += description_problems()  # and the everyday descriptions that route lay questions to them
    for problem in problems:
        click.echo(problem, err=True)
    files = len(list(paths) or overview_paths())
    if problems:
        raise click.ClickException(
            f"{len(problems)} problem(s) in {files} overview(s), their plain versions and everyday descriptions"
        )
    click.echo(f"{files} overview(s) valid.")


@library.command("plain")
@click.argument("topic")
@click.option("--write", is_flag=True, help="update medora/library/plain/TOPIC.yaml in place instead of printing it")
def library_plain(topic: str, write: bool) -> None:
    """The plain-language file for one overview: each of its sentences, with the plain versions written so far
    (empty where none is; an entry whose sentence was edited since is dropped). Fill in the missing ones and run
    `medora library check`. Example:

        medora library plain gout --write
    """
    import yaml

    from medora.library import overview_paths
    from medora.library.plain_versions import plain_dir, read_entries, skeleton

    overview = next((p for p in overview_paths() if p.stem == topic), None)
    if overview is None:
        raise click.ClickException(f"no library overview '{topic}' (the file names in medora/library/overviews are the topics)")
    existing = plain_dir() / f"{topic}.yaml"
    try:
        entries = read_entries(existing)[1] if existing.exists() else []  # read before anything is written
    except (MedoraError, yaml.YAMLError) as error:
        raise click.ClickException(f"{error}; mend it by hand first") from error
    text = skeleton(overview, entries)
    if write:
        existing.write_text(text, encoding="utf-8")
        click.echo(f"wrote {existing}")
    else:
        click.echo(text, nl=False)


@main.group()
def users() -> None:
    """User accounts: reviewers (the Medical Advisory Board), editors and admins."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reviewer", "editor", "admin"]), required=True, help="What the account may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
def users_add(name: str, role: str, password_stdin: bool) -> None:
    """Add an account NAME with a ROLE; the password is prompted for (twice), or read from stdin. Example:

        medora users add "Ada Lovelace" --role reviewer
    """
    from medora.accounts.users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(_workspace().engine, name=name, role=role, password=password, added_by="medora users add")
    click.echo(f"Added {user.role} {user.name!r}.")


@users.command("list")
def users_list() -> None:
    """List accounts and their roles. Example:

        medora users list
    """
    from medora.accounts.users import list_users

    for user in list_users(_workspace().engine):
        click.echo(f"{user.name}\t{user.role}\t{user.created_at:%Y-%m-%d}")


@main.command()
@click.argument("article")
def audit(article: str) -> None:
    """Print the audit log of a stored ARTICLE (slug or id) as JSON: who, when, from which state to which, why.

    Example:

        medora audit lumbar-radiculopathy-foot-drop > audit.json
    """
    from medora.review.workflow import audit_export

    click.echo(json.dumps(audit_export(_workspace(), article), indent=2, ensure_ascii=False))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Server processes answering on the port (each loads its own models; about one per core).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve Medora on the web: the ask page, articles, the library and the JSON API (docs at /api/docs).

    A fresh or stale data folder is prepared first, once, before any worker starts. With --workers N, N processes
    share the port; each opens its own store connections and indexes from the same MEDORA_* settings. Example:

        MEDORA_DATABASE_URL=postgresql://medora@db/medora medora serve --host 0.0.0.0 --port 8080 --workers 2
    """
    import uvicorn

    from medora.web.app import create_app

    workspace = _prepared_workspace()
    click.echo(f"Serving Medora at http://{host}:{port}/ with {workers} worker(s) (Ctrl+C stops).", err=True)
    if workers == 1:
        uvicorn.run(create_app(workspace.settings, workspace), host=host, port=port)
        return
    workspace.engine.dispose()  # the workers are new processes (spawned): none inherits this one's connections
    uvicorn.run("medora.web.app:create_app", factory=True, host=host, port=port, workers=workers)


if __name__ == "__main__":
    main()
