"""Index pages: actors, topics and the chronology of events, as a Pelican generator."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from ..knowledge import load_knowledge
from .index import SiteIndex, build_index


def briefing_records(articles: list) -> list[dict]:
    return [a.record for a in articles if hasattr(a, "record")]


class IndexPagesGenerator(Generator):
    """Writes `actors/`, `actors/<id>/`, `topics/`, `topics/<id>/` and `chronology/`."""

    def generate_context(self) -> None:
        kb = load_knowledge(Path(self.settings["PATH"]))
        index = build_index(briefing_records(self.context.get("articles") or []), kb)
        articles = {a.record["slug"]: a for a in self.context.get("articles") or [] if hasattr(a, "record")}
        self.index = index
        self.context["site_index"] = index
        self.context["kb"] = kb
        self.context["briefing_by_slug"] = articles

    def generate_output(self, writer) -> None:
        index: SiteIndex = self.index
        self._write(writer, "actors/", "actors")
        for actor in index.actors.values():
            self._write(writer, actor.url, "actor", actor=actor)
        self._write(writer, "topics/", "topics")
        for topic in index.topics.values():
            self._write(writer, topic.url, "topic", topic=topic)
        self._write(writer, "chronology/", "chronology")
        writer.write_file(
            "404.html", self.get_template("404"), self.context, relative_urls=False, url="404.html"
        )
        self._copy_raw_seeds(index)

    def _write(self, writer, url: str, template: str, **page) -> None:
        writer.write_file(
            f"{url}index.html",
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=url,
            page_name=template,
            **page,
        )

    def _copy_raw_seeds(self, index: SiteIndex) -> None:
        """The raw seed behind each briefing, always served as plain text (never as HTML)."""
        root = Path(self.settings["PATH"]).parent
        target = Path(self.output_path) / "seeds"
        for article in self.context.get("articles") or []:
            record = getattr(article, "record", None)
            if record is None:
                continue
            source = root / record["seed"]
            if source.is_file() and not source.is_symlink():
                target.mkdir(parents=True, exist_ok=True)
                (target / raw_seed_name(record["seed"])).write_bytes(source.read_bytes())


def raw_seed_name(seed: str) -> str:
    name = Path(seed).name
    return name if name.endswith(".txt") else f"{name}.txt"
