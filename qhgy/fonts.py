"""Where the CJK fonts are: Debian's fonts-noto-cjk, for the print PDFs and the generated covers."""

from pathlib import Path

from qhgy.i18n import N_

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
# Debian's fonts-noto-core: Noto Serif (the Latin of the PDFs of translations) and Noto Serif
# Tibetan. Used where it is installed (the setup installs it).
OTHER_FONT_DIR = Path("/usr/share/fonts/truetype/noto")
OTHER_FONTS = ("NotoSerif-", "NotoSerifTibetan-")  # the faces of that folder the PDFs may use
FONT_FIX = N_("install the Noto CJK fonts: run `bash scripts/setup.sh`, or `apt-get install fonts-noto-cjk`")
