"""Pelican settings for publishing: development settings plus absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("QHGY_SITEURL", "https://qhgy.example.org")
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
DELETE_OUTPUT_DIRECTORY = True
