"""Where the CJK fonts are: Debian's fonts-noto-cjk, for the print PDFs and the generated covers."""

from pathlib import Path

from qhgy.i18n import N_

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FIX = N_("install the Noto CJK fonts: run `bash scripts/setup.sh`, or `apt-get install fonts-noto-cjk`")
