"""Split source lines into blocks (paragraph-sized runs between blank lines), dropping page furniture."""

from __future__ import annotations

from dataclasses import dataclass

from qhgy.journal import PAGE_FURNITURE
from qhgy.textnorm import join_lines


@dataclass
class Block:
    lines: list[str]
    line: int  # 1-based source line of the block's first line
    gap: int = 1  # blank lines before the block
    page_break: bool = False  # page furniture (a running header…) stood right before it

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def is_furniture(line: str) -> bool:
    line = line.strip()
    return any(p.match(line) for p in PAGE_FURNITURE)


def split_blocks(lines: list[str], start: int = 0, end: int | None = None) -> tuple[list[Block], int]:
    """Blocks of lines[start:end] and the number of furniture lines dropped."""
    end = len(lines) if end is None else end
    blocks: list[Block] = []
    current: Block | None = None
    gap, page_break, dropped = 0, False, 0
    for i in range(start, end):
        line = lines[i].strip()
        if not line:
            current = None
            gap += 1
            continue
        if is_furniture(line):
            current = None
            page_break = True
            dropped += 1
            continue
        if current is None:
            # Several blank lines mark where the layout put a photo or a column/page break.
            current = Block(lines=[line], line=i + 1, gap=gap, page_break=page_break or gap >= 3)
            blocks.append(current)
            gap, page_break = 0, False
        else:
            current.lines.append(line)
    return blocks, dropped
