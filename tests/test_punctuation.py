"""Body fixes beyond the shared normalisation (qhgy.importer.punctuation): marks it leaves ASCII,
document numbers' brackets."""

from collections import Counter

from qhgy.importer.punctuation import document_number, normalize_more
from qhgy.textnorm import normalize


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_normalised_punctuation_and_digit_spacing(items_by_title, sample_plan):
    jobs = body(items_by_title["发挥工会积极作用 促进职工就业创业"])
    assert "我省六州790名职工" in jobs and "2016年，全省参加" in jobs
    assert "六州 790" not in jobs
    assert sample_plan.counts["ASCII ',' made full-width"] > 1000


def test_marks_the_shared_normalisation_leaves_are_made_full_width(items_by_title):
    counts = Counter()
    assert normalize_more(normalize("建制率91.6%;非公有制企业", counts), counts) == "建制率91.6%；非公有制企业"
    assert normalize_more(normalize("36个工种(项目),20多万职工", counts), counts) == "36个工种（项目），20多万职工"
    assert normalize_more("会议9:30开始; E-mail:qhgy@163.com", counts) == "会议9:30开始; E-mail:qhgy@163.com"
    assert "建制率91.6%；非公有制" in body(items_by_title["关于我省推进集体协商制度建设和实践探索的研究"])
    assert "工种（项目），20多万职工" in body(items_by_title["发挥工会积极作用 促进职工就业创业"])


def test_document_numbers_take_their_hexagonal_brackets(items_by_title, sample_plan):
    assert document_number("青总发[2017]37号", Counter()) == "青总发〔2017〕37号"
    assert document_number("全总办发（2018）12号", Counter()) == "全总办发〔2018〕12号"
    assert document_number("见[2017]号文件的规定。", Counter()) == "见[2017]号文件的规定。"  # not a number line
    notice = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert notice.startswith("青总发〔2017〕37号\n\n")
    assert sample_plan.counts["brackets of a document number made 〔〕"] == 2
