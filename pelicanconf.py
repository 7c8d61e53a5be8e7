"""Pelican settings for the Briefings site. `briefings build` runs Pelican with these."""

AUTHOR = "Briefings"
SITENAME = "Briefings"
SITE_DESCRIPTION = "Briefings on Ukraine, Russia and NATO, extracted from news reports."
# Pages link to each other relatively (the site works from any folder or host); feeds and
# canonical links need the absolute address: `briefings build --siteurl` or BRIEFINGS_SITEURL.
SITEURL = ""
SITE_ABSOLUTE_URL = "https://briefings.example.org"
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = "content"
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
THEME = "theme"
THEME_STATIC_DIR = "theme"
OUTPUT_PATH = "output"
# The build renders into a staging copy of the last site and writes only what changed
# (generator/site/output.py), removing what nothing produced: Pelican must not wipe it.
DELETE_OUTPUT_DIRECTORY = False
THEME_STATIC_PATHS: list[str] = []  # copied by the plugin, only when changed

PLUGIN_PATHS: list[str] = []
PLUGINS = ["generator.site"]

# Readable, stable URLs.
ARTICLE_URL = "briefings/{slug}/"
ARTICLE_SAVE_AS = "briefings/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DEFAULT_CATEGORY = "briefings"
USE_FOLDER_AS_CATEGORY = False

# The home page (newest briefings) and every other list are the plugin's own, cut into
# pages by year so that a new briefing changes a few pages, not every later one.
DIRECT_TEMPLATES: list[str] = []
DEFAULT_PAGINATION = False

# Pages Pelican would make that this site does not have.
for _kind in (
    "CATEGORY",
    "CATEGORIES",
    "TAG",
    "TAGS",
    "AUTHOR",
    "AUTHORS",
    "ARCHIVES",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
    "DRAFT",
    "DRAFT_PAGE",
):
    globals()[f"{_kind}_SAVE_AS"] = ""
    globals()[f"{_kind}_URL"] = ""
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Pelican's own feeds are off: the chronology feed is ours (generator/site/feeds.py).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
FEED_MAX_ITEMS = 100  # the chronology feeds
SUBJECT_FEED_MAX_ITEMS = 20  # the feed of each actor and topic (each item is a whole briefing)

CHRONOLOGY_FEED = "feeds/chronology.xml"
LOAD_CONTENT_CACHE = False

# Everything from a seed is text: templates escape by default; only the Markdown the
# reader rendered (raw HTML off) is marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

from generator.site.filters import FILTERS  # noqa: E402

JINJA_FILTERS = FILTERS
CHRONOLOGY_ATOM_FEED = "feeds/chronology.atom"
