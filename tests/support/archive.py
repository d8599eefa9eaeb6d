"""A generated filing archive for the batch tests: many agreements, each a variant of the
bundled example (its own id and title) with its two amendments, some broken on purpose."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = (ROOT / "agreements" / "symphony-exchange.yaml").read_text(encoding="utf-8")
AMENDMENTS = sorted((ROOT / "amendments" / "symphony-exchange").glob("*.yaml"))
FILED = ROOT / "amendments" / "symphony-exchange" / "filed" / "amendment-no-1.txt"


def write_archive(
    root: Path,
    count: int,
    *,
    broken: tuple[int, ...] = (),
    needs_review: tuple[int, ...] = (),
    filed: tuple[int, ...] = (),
    folders: int = 1,
) -> list[str]:
    """`count` agreements g0000... under root/part-K/agreements (K < `folders`, so that
    archives of several folders are covered); `broken` ones are not YAML (exit 3),
    `needs_review` ones have their first amendment as a filed document with a quotation
    the agreement does not hold (exit 11), `filed` ones that same document as filed
    (compiled and applied). Returns the ids."""
    ids = []
    for i in range(count):
        ident = f"g{i:04d}"
        ids.append(ident)
        base = root / f"part-{i % folders}" if folders > 1 else root
        (base / "agreements").mkdir(parents=True, exist_ok=True)
        folder = base / "amendments" / ident
        folder.mkdir(parents=True, exist_ok=True)
        text = AGREEMENT.replace("id: symphony-exchange", f"id: {ident}", 1).replace(
            "title: Securities Exchange Agreement", f"title: Securities Exchange Agreement {i}", 1
        )
        if i in broken:
            text = "title: [broken\n"
        (base / "agreements" / f"{ident}.yaml").write_text(text, encoding="utf-8")
        for n, path in enumerate(AMENDMENTS):
            if n == 0 and (i in needs_review or i in filed):
                words = FILED.read_text(encoding="utf-8")
                if i in needs_review:
                    words = words.replace('(the "NOTES")', '(the "NOTEZ")', 1)
                (folder / "001-amendment-no-1.txt").write_text(words, encoding="utf-8")
                continue
            own = path.read_text(encoding="utf-8").replace("amends: symphony-exchange", f"amends: {ident}")
            (folder / path.name).write_text(own, encoding="utf-8")
    return ids


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its path there, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def filed_amendment(fmt: str, path: Path) -> Path:
    """The example's first amendment as filed (EDGAR text), in another form a team may hold
    it in: EDGAR HTML (the text in <pre>), Markdown or Word (a paragraph each)."""
    import html
    import re

    text = FILED.read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("<Page>", "")) if p.strip()]
    if fmt in ("htm", "html"):
        path.write_text(f"<html><body><pre>{html.escape(text)}</pre></body></html>", encoding="utf-8")
    elif fmt == "md":
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    elif fmt == "docx":
        import docx

        document = docx.Document()
        for p in paras:
            document.add_paragraph(p)
        document.save(str(path))
    else:
        path.write_text(text, encoding="utf-8")
    return path
