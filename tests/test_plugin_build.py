"""The in-process build of the tests (tests/plugin_build.py): a build runs exactly the plugins
it lists, whatever a stale receiver or an earlier build left connected, and sees every warning
it logs, even one an earlier build in this process logged already."""

from plugin_build import build, connected_receivers, plugins


def test_a_receiver_left_connected_before_a_build_does_not_run_in_it(tmp_path):
    from pelican import signals

    calls = []

    def stale_plugin(sender):  # as a plugin registered by an earlier build would be
        calls.append(sender)

    signals.finalized.connect(stale_plugin)
    try:
        result = build(tmp_path, plugins())
    finally:
        signals.finalized.disconnect(stale_plugin)
    assert calls == []
    assert result.problems() == [] and "index.html" in result.files()
    modules = {name.split(".")[0] for names in result.receivers.values() for name in names}
    assert modules == {"qhgy_check", "qhgy_ids", "pelican", "qhgy_lang", "qhgy_model", "qhgy_qr", "qhgy_i18n"}
    assert connected_receivers() == {}


def test_every_build_sees_its_own_warnings_even_one_logged_before(tmp_path):
    # Pelican's LimitFilter would drop a warning already logged once in the process
    empty = tmp_path / "no-translations"
    empty.mkdir()
    first = build(tmp_path / "one", plugins(), I18N_TRANSLATIONS_DIR=str(empty))
    second = build(tmp_path / "two", plugins(), I18N_TRANSLATIONS_DIR=str(empty))
    assert first.problems() and second.problems() == first.problems()
    assert all(p.startswith("WARNING qhgy_i18n: qhgy_i18n: no catalog") for p in second.problems())
