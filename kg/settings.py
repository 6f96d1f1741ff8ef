"""The one place where configuration is read from the environment."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The password of the managed, loopback-only development server when NEO4J_PASSWORD is unset.
#: Documented in the README; any real deployment sets NEO4J_PASSWORD.
LOCAL_DEFAULT_PASSWORD = "kg-local-dev"


class Settings(BaseSettings):
    """Settings from the environment (and an optional `.env` file).

    `NEO4J_URI` unset means "use the server that `kg neo4j` manages under KG_HOME";
    set, it names an external server (Docker, Aura, a cluster) and kg never starts one.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(
        default=SecretStr(LOCAL_DEFAULT_PASSWORD), alias="NEO4J_PASSWORD"
    )
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    kg_home: Path = Field(default=Path(".kg"), alias="KG_HOME")
    bolt_port: int = Field(default=7687, alias="KG_BOLT_PORT", ge=1, le=65535)
    http_port: int = Field(default=7474, alias="KG_HTTP_PORT", ge=1, le=65535)
    # Sized for a 2-core, 24 GiB machine that also runs the API, the tests and a browser.
    heap_size: str = Field(default="2g", alias="KG_NEO4J_HEAP")
    # The page cache holds the store (taken as pages are read, not at start): a graph of
    # 2,000 documents is 1.9 GB on disk, and with 1g a document's load cost grew 1.45x
    # from 100 to 2,000 documents; with 4g it grew 1.03-1.22x (bench/load_speed.py).
    pagecache_size: str = Field(default="4g", alias="KG_NEO4J_PAGECACHE")
    start_timeout: float = Field(default=120.0, alias="KG_NEO4J_START_TIMEOUT", gt=0)

    api_host: str = Field(default="127.0.0.1", alias="KG_API_HOST")
    api_port: int = Field(default=8000, alias="KG_API_PORT", ge=1, le=65535)
    # The API's address as others reach it (links in the Browser guide); never taken from
    # a request's Host header, which a caller controls.
    api_url: str | None = Field(default=None, alias="KG_API_URL")
    query_timeout: float = Field(default=5.0, alias="KG_QUERY_TIMEOUT", gt=0)
    max_rows: int = Field(default=1000, alias="KG_MAX_ROWS", ge=1)
    # A folder of the user's own lexicon rows (same file names as ingest/data/), added to
    # the packaged lexicon: a local gazetteer of companies, places or departments.
    lexicon_extra: Path | None = Field(default=None, alias="KG_LEXICON_EXTRA")

    @property
    def managed(self) -> bool:
        """True when kg runs its own server (no external NEO4J_URI)."""
        return not self.neo4j_uri

    @property
    def uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def public_api_url(self) -> str:
        if self.api_url:
            return self.api_url.rstrip("/")
        host = "127.0.0.1" if self.api_host in ("0.0.0.0", "::", "") else self.api_host
        return f"http://{host}:{self.api_port}"

    @property
    def browser_url(self) -> str:
        if self.managed:
            return f"http://127.0.0.1:{self.http_port}/browser/"
        return "(external server: see its own Browser URL)"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.neo4j_password.get_secret_value())

    @property
    def neo4j_home(self) -> Path:
        return (self.kg_home / "neo4j").resolve()
