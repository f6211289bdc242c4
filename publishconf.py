"""Pelican settings for publishing: development settings plus absolute URLs and feeds."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405 (pelicanconf: QHGY_SITEURL, or the example address)
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/sections/{slug}.atom.xml"
FEED_MAX_ITEMS = 60

# The submission form's receiver: `qhgy receive` behind the site's nginx, at /api/submit
# (README, Submissions). Unset, the form prepares an e-mail to the editorial office instead.
SUBMISSION_ENDPOINT = os.environ.get("QHGY_SUBMISSION_ENDPOINT") or None
