"""The journal's submission receiver: the address the submission form posts to when the site sets
SUBMISSION_ENDPOINT (README, Submissions). It runs on the journal's own server behind nginx
(`qhgy receive --config /etc/qhgy/receiver.toml`, deploy/qhgy-receiver.service), keeps every
submission in a folder of its own and mails it to the editorial office."""

from __future__ import annotations

import logging
from pathlib import Path


def serve(config_path: Path) -> None:
    """Load the settings (a wrong one stops here, named), then serve with waitress until stopped."""
    import waitress

    from qhgy.receiver.app import ReceiverApp
    from qhgy.receiver.config import load

    config = load(config_path)
    config.storage.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("qhgy.receiver").info("receiving submissions on %s, kept in %s", config.listen, config.storage)
    # nginx in front: its X-Forwarded-For names the contributor (for the hourly limit); the header is
    # believed from trusted_proxy only, so no one else can pose as another address.
    waitress.serve(ReceiverApp(config), host=config.host, port=config.port, threads=4,
                   trusted_proxy=config.trusted_proxy, trusted_proxy_headers={"x-forwarded-for"},
                   clear_untrusted_proxy_headers=True, max_request_body_size=config.max_body, ident="qhgy-receiver")
