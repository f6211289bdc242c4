"""Where one build's time goes (`invoke profile`): `qhgy build` in this process under pyinstrument's
sampling profiler, written as bench/profile.html (to explore in a browser) and bench/profile.txt.

The build's own process is sampled: the PDF workers and Pagefind show as the time the build waits
for them. Build the same output folder twice to profile a rebuild with nothing changed.
"""

from __future__ import annotations

from pathlib import Path

DEST = Path("bench")


def run(content_dir: str = "content", output_dir: str = "output", dest: Path = DEST) -> int:
    from pyinstrument import Profiler

    from qhgy.cli import main

    profiler = Profiler(interval=0.002)
    profiler.start()
    try:
        code = main(["build", "--content-dir", content_dir, "--output-dir", output_dir])
    finally:
        profiler.stop()
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "profile.html").write_text(profiler.output_html(), encoding="utf-8")
    (dest / "profile.txt").write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    print(f"profile: {(dest / 'profile.html').resolve()} and profile.txt")
    return code
