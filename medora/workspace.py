"""A workspace is one data directory: its store, its indexes and the models that read them.

It is the object the CLI and the web app open once and pass down. Opening it and reading from it never writes:
bringing in the packaged library and building indexes is the explicit :meth:`Workspace.prepare` step, which
`medora init` runs (and `medora ask` / `medora serve` on a home that needs it). A long-running process sees a new
index version (built by a later `medora ingest`) on its next question, without a restart."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from medora.ingest.pipeline import IngestReport, file_sha256, ingest_paths
from medora.library import overview_paths
from medora.library.descriptions import everyday_descriptions, outside_descriptions
from medora.retrieve import postgres
from medora.retrieve.delta import update_indexes
from medora.retrieve.embed import Embedder, MiniLMEmbedder, passage_text_for_embedding
from medora.retrieve.expand import QueryExpander, load_mesh_terms
from medora.retrieve.indexes import POINTER, build_indexes, is_current, load_indexes
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.store import open_store, repository
from medora.store.database import checkpoint, is_read_only, prepare_lock


class Workspace:
    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        show_progress: bool = False,
        with_library: bool = True,
    ) -> None:
        self.settings = settings
        self.show_progress = show_progress
        self.with_library = with_library  # benchmarks on a fixed corpus turn the packaged library off
        self._embedder = embedder
        self._retriever: Retriever | None = None
        self._retriever_signature: tuple | None = None
        self._retriever_lock = threading.Lock()

    @cached_property
    def engine(self) -> Engine:
        return open_store(self.settings.resolved_database_url)

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only (its folder cannot be written): answer, but store nothing."""
        return is_read_only(self.engine)

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or MiniLMEmbedder(provider=self.settings.ingest.embed_provider)

    @property
    def index_dir(self) -> Path:
        return self.settings.index_dir

    def ingest(
        self,
        paths: list[Path],
        *,
        replace: bool = False,
        refresh: bool = True,
        runner: str = "local",
        ray_address: str | None = None,
    ) -> IngestReport:
        """Ingest files, then (unless ``refresh`` is off, e.g. to time it apart) bring the indexes up to date.
        ``runner`` "ray" runs the same steps on Ray Data (a local Ray, or the cluster at ``ray_address``).

        A replaced source's deletion marks, in its transaction, the stored article versions citing its old passages
        (``report.replaced_evidence``): once search covers the store again, the next ask of their question answers it
        anew."""
        if runner == "ray":
            report = self._ingest_with_ray(paths, replace=replace, address=ray_address)
        else:
            report = ingest_paths(
                paths,
                engine=self.engine,
                settings=self.settings.ingest,
                embedder=self.embedder if self.settings.ingest.embed else None,
                show_progress=self.show_progress,
                replace=replace,
            )
        if report.sources_added and refresh:
            self.refresh_indexes()
        return report

    def _ingest_with_ray(self, paths: list[Path], *, replace: bool, address: str | None) -> IngestReport:
        from functools import partial

        from medora.ingest.ray_runner import ingest_paths_with_ray

        if replace:
            raise ValueError("the Ray runner adds new records only; replacing stored ones is the local runner's job")
        # each Ray worker builds its own one-thread model (a built one holds an onnxruntime session, which cannot travel)
        factory = partial(MiniLMEmbedder, threads=1, provider=self.settings.ingest.embed_provider)
        if self._embedder is not None:
            factory = partial(_given, self._embedder)
        return ingest_paths_with_ray(
            paths,
            engine=self.engine,
            settings=self.settings.ingest,
            staging=self.settings.home / "ray-ingest",
            embedder_factory=factory,
            model=self.embedder_model_name,
            address=address,
            show_progress=self.show_progress,
        )

    def embed_missing(self, *, batch: int = 256) -> int:
        """Embed passages stored without a vector (ingested with --no-embed); returns how many were embedded."""
        done = 0
        model = self.embedder.model_name
        while True:
            with self.engine.connect() as conn:
                rows = repository.passages_without_embedding(conn, model=model, limit=batch)
            if not rows:
                return done
            vectors = self.embedder.embed([passage_text_for_embedding(title, text) for _id, title, text in rows])
            with self.engine.begin() as conn:
                repository.insert_embeddings(conn, passage_ids=[row[0] for row in rows], vectors=vectors, model=model)
            done += len(rows)

    def library_changes(self) -> list[Path]:
        """Packaged overviews whose bytes are not what the store last read from them (new, edited, or an edit
        reverted): one hash each."""
        if not self.with_library:
            return []
        with self.engine.connect() as conn:
            return [
                path for path in overview_paths()
                if not repository.is_current_file(conn, sha256=file_sha256(path), path=str(path))
            ]

    def sync_library(self) -> IngestReport | None:
        """Bring the packaged library into the store: new overviews are added, edited ones replace their old
        version (the quickstart path on an empty store)."""
        changed = self.library_changes()
        return self.ingest(changed, replace=True) if changed else None

    def needs_prepare(self) -> bool:
        """True when the library, the indexes or the library's articles lag behind what is installed and stored."""
        if self.library_changes() or not self.indexes_current():
            return True
        from medora.articles import library_articles_missing

        return self.with_library and library_articles_missing(self)

    def prepare(self, *, on_step: Callable[[str], None] | None = None) -> None:
        """Explicit setup: sync the packaged library, bring the indexes up to date, register library articles.
        ``on_step`` hears each stage as it starts (the CLI prints them on every stream, not only on a terminal)."""
        say = on_step or (lambda _message: None)
        waiting = "Another process is preparing this data folder; waiting for it to finish…"
        with prepare_lock(self.engine, on_wait=lambda: say(waiting)):  # then finds the work done
            self._prepare(say)

    def _prepare(self, say: Callable[[str], None]) -> None:
        if self.with_library and (changed := self.library_changes()):
            embedding = " (embedding them)" if self.settings.ingest.embed else ""
            say(f"Adding {len(changed)} packaged overview(s) to the store{embedding}…")
            asked = self.ingest(changed, replace=True, refresh=False).replaced_evidence  # asked articles only
            if asked:
                say(f"{len(asked)} asked article(s) quote an overview that changed: answered anew when next asked")
        if not self.indexes_current():
            say("Building the search indexes…")
            self.refresh_indexes()
        if self.with_library:
            from medora.articles import library_articles_missing, register_library_articles

            if library_articles_missing(self) or changed:
                say("Registering the library's articles…")
            register_library_articles(self)
        checkpoint(self.engine)

    @property
    def search_backend(self) -> str:
        """'postgres' when search runs in the store's PostgreSQL database, else 'embedded' (files in the data folder)."""
        chosen = self.settings.retrieve.backend
        if chosen == "auto":
            return "postgres" if postgres.is_postgres(self.engine) else "embedded"
        if chosen == "postgres" and not postgres.is_postgres(self.engine):
            raise ValueError("retrieve.backend = postgres needs a PostgreSQL store (MEDORA_DATABASE_URL=postgresql://…)")
        return chosen

    def indexes_current(self) -> bool:
        """Whether search sees the store as it is now (every passage, and no deleted one): the index files match
        the store on disk, or PostgreSQL's search rows are synced. A marked article waits for this to be answered."""
        model = self.embedder_model_name if self.settings.ingest.embed else None
        if self.search_backend == "postgres":
            return postgres.is_synced(self.engine, model=model)
        bm25 = (self.settings.retrieve.bm25_k1, self.settings.retrieve.bm25_b)
        storage = self.settings.retrieve.vector_storage
        return is_current(self.index_dir, engine=self.engine, model=model, bm25=bm25, vector_storage=storage)

    @property
    def embedder_model_name(self) -> str:
        return self._embedder.model_name if self._embedder is not None else MiniLMEmbedder.model_name

    def refresh_indexes(self, *, force: bool = False) -> dict | None:
        model = self.embedder.model_name if self.settings.ingest.embed else None
        if self.search_backend == "postgres":  # in place: rows for what is new, nothing rebuilt
            return postgres.sync(self.engine, model=model)
        bm25 = (self.settings.retrieve.bm25_k1, self.settings.retrieve.bm25_b)
        storage, int8_from = self.settings.retrieve.vector_storage, self.settings.retrieve.int8_from_passages
        if force or not is_current(self.index_dir, engine=self.engine, model=model, bm25=bm25, vector_storage=storage):
            share = self.settings.retrieve.delta_share
            store = {"engine": self.engine, "model": model, "bm25": bm25, "vector_storage": storage}
            if not force and (updated := update_indexes(self.index_dir, **store, max_share=share)) is not None:
                return updated  # a delta segment: the main index files stay as they are
            return build_indexes(
                self.index_dir, engine=self.engine, model=model, bm25=bm25, show_progress=self.show_progress,
                vector_storage=storage, int8_from=int8_from,
            )
        return None

    def _index_signature(self) -> tuple | None:
        if self.search_backend == "postgres":  # always live; the state only names the version articles record
            with self.engine.connect() as conn:
                return ("postgres", *repository.passage_state(conn).values())
        try:
            stat = (self.index_dir / POINTER).stat()  # replaced atomically by every index build
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    @property
    def retriever(self) -> Retriever:
        """The retriever over the current indexes, reloaded when a newer index version appears on disk."""
        signature = self._index_signature()
        if self._retriever is not None and signature == self._retriever_signature:
            return self._retriever
        with self._retriever_lock:
            if self._retriever is None or signature != self._retriever_signature:
                mesh = load_mesh_terms(self.settings.mesh_descriptors) if self.settings.mesh_descriptors else None
                self._retriever = Retriever(
                    engine=self.engine,
                    indexes=self._load_indexes(),
                    embedder=self.embedder if self.settings.ingest.embed else None,
                    settings=self.settings.retrieve,
                    expander=QueryExpander(mesh_terms=mesh),
                    descriptions=everyday_descriptions() if self.with_library else None,
                    outside=outside_descriptions() if self.with_library else None,
                    descriptions_cache=self.index_dir / "descriptions.npz",
                    sentences_cache=self.index_dir / "sentences.npz",
                )
                self._retriever_signature = signature
            return self._retriever

    def _load_indexes(self):
        if self.search_backend == "postgres":
            model = self.embedder_model_name if self.settings.ingest.embed else None
            bm25 = (self.settings.retrieve.bm25_k1, self.settings.retrieve.bm25_b)
            return postgres.load_postgres_indexes(self.engine, model=model, bm25=bm25)
        return load_indexes(self.index_dir)


def _given(embedder: Embedder) -> Embedder:
    """A factory's body for an embedder passed in (it must pickle: tests pass small deterministic ones)."""
    return embedder
