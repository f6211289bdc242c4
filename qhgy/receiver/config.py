"""The receiver's settings: one TOML file on the journal's server (`qhgy receive --config FILE`).

Every key is checked when the receiver starts, so a wrong one stops it with the key named, not the
first contributor's send. The SMTP password is read from a file of its own (`password_file`), which
only the receiver's user can read, never from the settings file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from qhgy.errors import QhgyError
from qhgy.i18n import _

SECURITY = ("ssl", "starttls", "none")


class ReceiverConfigError(QhgyError):
    """The receiver's settings file is missing, malformed or has a wrong value."""


@dataclass(frozen=True)
class MailSettings:
    to: tuple[str, ...]
    sender: str
    host: str
    port: int = 465
    security: str = "ssl"
    user: str = ""
    password: str = field(default="", repr=False)
    # Larger submissions are not attached: the mail says which folder on the server holds them.
    # Chinese mail services take about 50 MB a message; base64 makes files a third larger.
    attach_max_mb: int = 20
    timeout: float = 30


@dataclass(frozen=True)
class ReceiverConfig:
    storage: Path
    allowed_origins: tuple[str, ...]
    max_mb: int = 20  # the site's SUBMISSION_MAX_MB: the manuscript, and the photographs together
    per_hour: int = 20  # sends one address may make in an hour
    listen: str = "127.0.0.1:8025"
    trusted_proxy: str = "127.0.0.1"  # nginx in front: its X-Forwarded-For names the contributor
    mail: MailSettings | None = None

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0]

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])

    @property
    def max_body(self) -> int:
        """The largest POST: a manuscript and photographs at the limit, and the fields."""
        return (2 * self.max_mb + 1) * 1024 * 1024


def _origin(value) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value)
    if value == "*" or (parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/")):
        return value.rstrip("/")
    return None


def _wrong(path: Path, key: str, expected: str) -> ReceiverConfigError:
    return ReceiverConfigError(path, _("`{key}` is wrong").format(key=key), expected)


def load(path: Path) -> ReceiverConfig:
    path = Path(path)
    try:
        with path.open("rb") as fp:
            data = tomllib.load(fp)
    except FileNotFoundError:
        raise ReceiverConfigError(path, _("the receiver's settings file does not exist"),
                                  _("copy deploy/receiver.toml there and fill it in")) from None
    except tomllib.TOMLDecodeError as err:
        raise ReceiverConfigError(path, _("not a valid TOML file: {error}").format(error=err),
                                  _("compare it with deploy/receiver.toml")) from None

    known = {"storage", "allowed_origins", "max_mb", "per_hour", "listen", "trusted_proxy", "mail"}
    for key in data:
        if key not in known:
            raise _wrong(path, key, _("no such key; the keys are: {keys}").format(keys=", ".join(sorted(known))))
    storage = data.get("storage")
    if not isinstance(storage, str) or not storage:
        raise _wrong(path, "storage", _("give the folder that keeps the submissions, e.g. \"/var/lib/qhgy-receiver\""))
    origins = data.get("allowed_origins")
    if not isinstance(origins, list) or not origins or any(_origin(o) is None for o in origins):
        raise _wrong(path, "allowed_origins", _("give the site's address, e.g. [\"https://www.example.cn\"]"))
    for key, default in (("max_mb", 20), ("per_hour", 20)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _wrong(path, key, _("give a whole number of at least 1"))
    listen = data.get("listen", "127.0.0.1:8025")
    if not isinstance(listen, str) or ":" not in listen or not listen.rsplit(":", 1)[1].isdigit():
        raise _wrong(path, "listen", _("give an address and a port, e.g. \"127.0.0.1:8025\""))
    proxy = data.get("trusted_proxy", "127.0.0.1")
    if not isinstance(proxy, str):
        raise _wrong(path, "trusted_proxy", _("give the address nginx connects from, e.g. \"127.0.0.1\""))
    mail = _mail(data.get("mail"), path) if "mail" in data else None
    return ReceiverConfig(storage=Path(storage), allowed_origins=tuple(_origin(o) for o in origins),
                          max_mb=data.get("max_mb", 20), per_hour=data.get("per_hour", 20), listen=listen,
                          trusted_proxy=proxy, mail=mail)


def _mail(data, path: Path) -> MailSettings:
    if not isinstance(data, dict):
        raise _wrong(path, "mail", _("a [mail] table with to, sender and host"))
    known = {"to", "sender", "host", "port", "security", "user", "password_file", "attach_max_mb", "timeout"}
    for key in data:
        if key not in known:
            raise _wrong(path, f"mail.{key}", _("no such key; the keys are: {keys}").format(keys=", ".join(sorted(known))))
    to = data.get("to")
    if isinstance(to, str):
        to = [to]
    if not isinstance(to, list) or not to or not all(isinstance(a, str) and "@" in a for a in to):
        raise _wrong(path, "mail.to", _("give the editorial office's address, e.g. [\"tougao@example.cn\"]"))
    for key in ("sender", "host"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise _wrong(path, f"mail.{key}", _("this key is required"))
    security = data.get("security", "ssl")
    if security not in SECURITY:
        raise _wrong(path, "mail.security", _("one of: {values}").format(values=", ".join(SECURITY)))
    port = data.get("port", {"ssl": 465, "starttls": 587, "none": 25}[security])
    if not isinstance(port, int) or not 0 < port < 65536:
        raise _wrong(path, "mail.port", _("give a port number, e.g. 465"))
    password = ""
    if data.get("password_file"):
        secret = Path(data["password_file"])
        try:
            password = secret.read_text(encoding="utf-8").strip()
        except OSError as err:
            raise _wrong(path, "mail.password_file", _("cannot read {file}: {error}").format(
                file=secret, error=err.strerror or err)) from None
    attach = data.get("attach_max_mb", 20)
    if not isinstance(attach, int) or isinstance(attach, bool) or attach < 0:
        raise _wrong(path, "mail.attach_max_mb", _("give a whole number of MB (0: never attach the files)"))
    timeout = data.get("timeout", 30)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise _wrong(path, "mail.timeout", _("give a number of seconds"))
    return MailSettings(to=tuple(to), sender=data["sender"], host=data["host"], port=port, security=security,
                        user=data.get("user", ""), password=password, attach_max_mb=attach, timeout=timeout)
