"""qhgy_model: the journal's typed objects (qhgy.model) for everything the build makes.

Each article and page Pelican reads gets its model object as `.model` (templates read their
metadata there, never from Pelican's raw attributes); the templates get the site being built
(`here`: its language, its names of things and its links, qhgy.site_language), the journal, its
issues newest first, the latest issue, its editorial office's contact (`contact`, what every
page's footer shows: a page that reads only this is not rendered again when an issue is added)
the newest call for submissions, the submission form's rules (qhgy.submission) and the legal marks
(`legal`, qhgy.legal). Once every generator has built its context (the images step
has set each photo), each model object in the run's language takes the body as the site prints
it, for the PDFs and the search index."""

from pelican import signals
from pelican.contents import Article as PelicanArticle
from pelican.urlwrappers import Author as PelicanAuthor

from qhgy.legal import LEGAL_MARKS_SETTING, legal_marks
from qhgy.model import SUBMISSION
from qhgy.settings import plugin_settings
from qhgy.submission import template_rules
from qhgy.site import JOURNAL_SETTING
from qhgy.site_language import site_language


# A page's purpose decides its template: the submission page carries the form (theme/templates/submit.html).
PURPOSE_TEMPLATES = {SUBMISSION: "submit"}


def attach(content) -> None:
    content.model = content.settings[JOURNAL_SETTING].item_at(content.source_path)
    template = PURPOSE_TEMPLATES.get(getattr(content.model, "purpose", ""))
    if template:
        content.template = template
    if isinstance(content, PelicanArticle) and content.model is not None:
        list_credited_writers(content)


def list_credited_writers(content) -> None:
    """Pelican makes author pages from the `authors` key; the writer a credit line names (文稿：朱爱丽)
    is an author too (qhgy.model), so her page lists the piece."""
    named = {a.name for a in getattr(content, "authors", [])}
    credited = []
    for author in content.model.authors:
        if author.name not in named:
            wrapper = PelicanAuthor(author.name, content.settings)
            wrapper.slug = author.id  # its stored URL id (content/ids.yaml), as qhgy_ids gives the others
            credited.append(wrapper)
    if credited:
        content.authors = [*getattr(content, "authors", []), *credited]


def give_templates_the_journal(generator) -> None:
    own = plugin_settings(generator.settings, "qhgy_model")  # a wrong SUBMISSION_ENDPOINT or LEGAL stops the build here
    journal = generator.settings[JOURNAL_SETTING]
    legal = generator.settings[LEGAL_MARKS_SETTING] = legal_marks(own["LEGAL"])  # the PDFs' 版权 block prints them too
    generator.context.update(here=site_language(generator.settings), journal=journal, issues=journal.issues,
                             legal=legal,
                             issues_by_year=journal.issues_by_year,
                             latest_issue=journal.latest_issue, call_for_submissions=journal.call_for_submissions,
                             submission_page=journal.submission_page, submission_rules=template_rules(),
                             contact=journal.latest_issue.contact if journal.latest_issue else None)


def take_bodies(generators) -> None:
    """Each piece in this run's language takes its body; a piece in another language is its own run's."""
    here = site_language(generators[0].settings)
    for gen in generators:
        for name in ("articles", "translations", "pages"):
            for content in getattr(gen, name, []):
                if getattr(content, "model", None) is not None and here.same(content.model.lang):
                    content.model.html = content.content


def register() -> None:
    # in the order of a build: generators made, content read, every context built
    signals.generator_init.connect(give_templates_the_journal)
    signals.content_object_init.connect(attach)
    signals.all_generators_finalized.connect(take_bodies)
