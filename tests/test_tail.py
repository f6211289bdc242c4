"""What closes an article (qhgy.importer.tail): attributions, captions, a source unit run on."""


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_attributions_at_the_end(items_by_title):
    assert items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"].draft.source_unit == "省总研究室"
    # printed at the end of the last paragraph, not on a line of its own
    answer = items_by_title["努力向省委和职工群众交上一份合格答卷"]
    assert answer.draft.source_unit == "省总办公室" and not body(answer).endswith("）")
    theory = items_by_title["关于推进工会改革向基层延伸的总体思考"]
    assert theory.draft.author_note == "省总党组书记、常务副主席"
    assert theory.draft.roles == {"李忠": "省总党组书记、常务副主席"}
    letters = items_by_title["抗战烽火中的朱德家书"]
    assert letters.draft.reprinted_from == "《党史纵横》"
    assert letters.draft.authors == ["刘建"]  # from (作者刘建:…)
    assert items_by_title["毛岸英代父省亲慰乡愁"].draft.reprinted_from == "《党史纵览》"
    cover = items_by_title["省委群团改革工作座谈会在西宁召开"]
    assert cover.draft.credits == "文稿：朱爱丽 摄影：石彬" and cover.draft.authors == []


def test_captions_are_figures_not_paragraphs(items_by_title):
    cover = body(items_by_title["省委群团改革工作座谈会在西宁召开"])
    assert cover.count("<figcaption") == 3
    assert "<figcaption markdown=\"span\">座谈会现场</figcaption>" in cover
    assert "\n\n座谈会现场" not in cover
    last = body(items_by_title["省总工会召开十三届九次委员会议"])
    assert last.count("<figcaption") == 2 and "会议现场</figcaption>" in last
