"""The Check-ins screen, kiosk, paper tally and projector panel, as a facilitator uses them."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import aiohttp
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from attune_desktop.app import Core
from attune_desktop.core.checkin_texts import text
from attune_desktop.net.checkin_server import CheckInServer, JoinInfo
from attune_desktop.ui.checkins.checkins_view import CheckInsView
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.checkins.pictures import pictograms_dir
from attune_desktop.ui.checkins.projector_panel import CheckInProjectorPanel
from attune_desktop.ui.checkins.scale_editor import ScaleEditorDialog
from attune_desktop.ui.checkins.tally_dialog import TallyDialog
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def session_id(empty_core: Core) -> int:
    return empty_core.sessions.create_session("Arriving").id or 0


@pytest.fixture
def view(qtbot, empty_context: UiContext, session_id: int) -> CheckInsView:
    widget = CheckInsView(empty_context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def open_round_through_dialog(qtbot, view: CheckInsView, scale: str = "weather") -> int:
    view.open_button.click()
    dialog = view.dialog
    assert dialog is not None
    dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
    with qtbot.waitSignal(dialog.opened) as opened:
        dialog.findChild(type(view.open_button), "roundOpenButton").click()
    return opened.args[0].round_id


def test_a_round_is_opened_tallied_closed_and_hidden_when_too_few(
    qtbot, view: CheckInsView, empty_core: Core
) -> None:
    # GIVEN the facilitator opens a weather round from the Check-ins screen
    round_id = open_round_through_dialog(qtbot, view)
    panel = view.round_panel
    assert panel.round_id == round_id
    assert panel.answered.text().startswith("Answered so far: 0")
    # WHEN the paper tally has a word where a number belongs
    panel.tally_button.click()
    tally = panel.tally
    assert isinstance(tally, TallyDialog)
    tally.fields["sunny"].setText("two")
    tally._on_save()
    # THEN a clear message names the field and nothing is saved
    assert "“Sunny” must be a whole number" in tally.message.text()
    assert empty_core.checkins.answered(round_id) == 0
    # WHEN it is typed right
    tally.fields["sunny"].setText("2")
    tally.fields["rainy"].setText("1")
    with qtbot.waitSignal(tally.saved):
        tally._on_save()
    qtbot.waitUntil(lambda: panel.answered.text().startswith("Answered so far: 3"))
    # THEN the room's preview still shows how to join, never a count
    assert not view.preview.showing_results()
    # WHEN the round closes with 3 answers and the default minimum of 5
    panel.close_button.click()
    qtbot.waitUntil(lambda: not panel.close_button.isVisible())
    # THEN only the "too few" message shows, to the facilitator first
    assert panel.chart.summary() == text("en", "too_few", n=5)
    assert "3" not in panel.chart.summary()
    assert not view.preview.showing_results()
    # WHEN the facilitator shows it to the room, THEN the room sees the same, without numbers
    panel.show_button.click()
    qtbot.waitUntil(view.preview.showing_results)
    assert view.preview.chart.summary() == text("en", "too_few", n=5)


def test_the_minimum_goes_down_to_three_with_a_warning_and_can_be_undone(
    qtbot, view: CheckInsView, empty_context: UiContext, empty_core: Core
) -> None:
    round_id = open_round_through_dialog(qtbot, view)
    panel = view.round_panel
    assert panel.minimum.minimum() == 3  # never below the floor
    panel.minimum.setValue(3)
    qtbot.waitUntil(lambda: "easier to guess" in panel.warning.text())
    assert empty_core.checkins.get_round(round_id).min_responses == 3
    empty_context.undo.undo()
    assert empty_core.checkins.get_round(round_id).min_responses == 5
    qtbot.waitUntil(lambda: panel.minimum.value() == 5)


def test_results_with_enough_answers_band_a_single_answer(
    qtbot, view: CheckInsView, empty_core: Core
) -> None:
    round_id = open_round_through_dialog(qtbot, view, "regulation4")
    empty_core.checkins.set_tally(round_id, {"calm": 3, "wobbly": 2, "flat": 1})
    view.round_panel.close_button.click()
    qtbot.waitUntil(lambda: "Calm: 3" in view.round_panel.chart.summary())
    summary = view.round_panel.chart.summary()
    assert "answered" not in summary  # 6 − 3 − 2 would give the single answer away
    assert "Calm: 3" in summary and "Flat: fewer than 2" in summary
    assert "Stormy: fewer than 2" in summary  # nobody chose it: banded too


def test_the_kiosk_thanks_then_clears_and_keeps_no_trace(
    qtbot, empty_core: Core, session_id: int
) -> None:
    round_id = empty_core.checkins.open_round(session_id, "opening", "weather").id or 0
    kiosk = KioskWindow(empty_core.checkins, round_id, thanks_ms=30, hold_ms=40)
    qtbot.addWidget(kiosk)
    kiosk.show()
    # WHEN one person taps "Stormy"
    qtbot.mouseClick(kiosk.buttons["stormy"], Qt.MouseButton.LeftButton)
    # THEN a thank-you shows, then the same clean page comes back
    assert kiosk.pages.currentWidget() is kiosk.thanks
    qtbot.waitUntil(lambda: kiosk.pages.currentIndex() == 0)
    for button in kiosk.buttons.values():
        assert not button.isDown() and not button.isChecked() and not button.hasFocus()
        # a tap never takes the focus (Tab does: tests/ui/test_tab_walk.py)
        assert not button.focusPolicy() & Qt.FocusPolicy.ClickFocus
    assert not any(
        str(n) in label.text()
        for n in range(1, 10)
        for label in kiosk.findChildren(type(kiosk.thanks))
    )
    assert empty_core.checkins.counts_of(round_id)["stormy"] == 1
    # AND Escape or closing the window does not leave the kiosk
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    kiosk.close()
    assert kiosk.isVisible()


def test_leaving_the_kiosk_needs_a_long_press_or_a_confirmed_shortcut(
    qtbot, empty_core: Core, session_id: int
) -> None:
    round_id = empty_core.checkins.open_round(session_id, "opening", "five").id or 0
    kiosk = KioskWindow(empty_core.checkins, round_id, thanks_ms=30, hold_ms=40)
    qtbot.addWidget(kiosk)
    kiosk.show()
    # A quick tap on the corner does nothing
    qtbot.mousePress(kiosk.corner, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseRelease(kiosk.corner, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.wait(80)
    assert kiosk.isVisible()
    # Ctrl+Shift+Q asks first; "No" stays
    qtbot.keyClick(
        kiosk, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert kiosk.confirm is not None
    kiosk.confirm.button(QMessageBox.StandardButton.No).click()
    assert kiosk.isVisible()
    # A held press leaves
    with qtbot.waitSignal(kiosk.left):
        qtbot.mousePress(kiosk.corner, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not kiosk.isVisible()


def test_the_projector_panel_shows_the_join_code_then_the_results(
    qtbot, empty_core: Core, session_id: int
) -> None:
    service = empty_core.checkins
    round_id = service.open_round(session_id, "opening", "regulation4").id or 0
    join = JoinInfo("http://127.0.0.1:8765/r/abcdefghijklmnop", "http://127.0.0.1:8765/", "K7RA")
    panel = CheckInProjectorPanel(service, round_id, join=join, lang="ar")
    qtbot.addWidget(panel)
    panel.show()
    assert panel.qr.text() == join.url and panel.code.text() == "K7RA"
    service.set_tally(round_id, {"calm": 4, "flat": 2})
    assert not panel.showing_results()
    service.close_round(round_id)
    # closing alone shows the room nothing: a quiet thank-you, no join code, no results
    assert not panel.showing_results()
    assert panel.waiting.text() == text("ar", "kiosk_closed")
    assert not panel.code.isVisible()
    service.show_to_room(round_id)
    assert panel.showing_results()
    summary = panel.chart.summary()
    assert text("ar", "answered", n=6) not in summary  # two cells are banded: no total
    assert summary.startswith("هدوء: 4")


def test_a_custom_scale_needs_labels_and_can_be_undone(
    qtbot, view: CheckInsView, empty_context: UiContext, empty_core: Core
) -> None:
    view.scale_button.click()
    editor = view.dialog
    assert isinstance(editor, ScaleEditorDialog)
    editor.name.setText("Our garden")
    editor._on_save()
    assert "needs a label" in editor.message.text()
    assert len(empty_core.checkins.scales()) == 4
    for _ in range(10):
        editor.add_option()
    assert len(editor.rows) == 8 and not editor.add_button.isEnabled()
    for _ in range(10):
        editor.remove_button.click()
    assert len(editor.rows) == 2
    editor.rows[0][0].setText("Blooming")
    editor.rows[1][0].setText("Wilting")
    with qtbot.waitSignal(editor.created):
        editor._on_save()
    names = [s.name() for s in empty_core.checkins.scales()]
    assert "Our garden" in names
    empty_context.undo.undo()
    assert "Our garden" not in [s.name() for s in empty_core.checkins.scales()]


def test_kiosk_tally_and_phone_leave_only_counts_in_the_database(
    qtbot, empty_core: Core, session_id: int
) -> None:
    service = empty_core.checkins
    round_id = service.open_round(session_id, "opening", "weather").id or 0
    # GIVEN one answer on the kiosk
    kiosk = KioskWindow(service, round_id, thanks_ms=10)
    qtbot.addWidget(kiosk)
    kiosk.answer("sunny")
    # AND a paper tally added
    tally = TallyDialog(service, round_id)
    qtbot.addWidget(tally)
    tally.fields["cloudy"].setText("3")
    tally._on_save()
    # AND one phone over loopback
    server = CheckInServer(service, pictograms_dir())

    async def phone() -> None:
        join = await server.start(round_id, "127.0.0.1", 0)
        async with aiohttp.ClientSession() as client:
            async with client.get(join.url) as page:
                ballot = re.search(r'name="ballot" value="([^"]+)"', await page.text())
            assert ballot is not None
            async with client.post(join.url, data={"ballot": ballot[1], "option": "rainy"}):
                pass
        await server.stop()

    asyncio.run(phone())
    service.close_round(round_id)
    # THEN every row in every check-in table is a count or the round's own settings
    with sqlite3.connect(empty_core.paths.database) as db:
        counts = db.execute("SELECT * FROM checkincount ORDER BY option_key").fetchall()
        round_row = db.execute("SELECT * FROM checkinround").fetchall()
        columns = [r[1] for r in db.execute("PRAGMA table_info(checkinround)")]
    assert counts == [
        (round_id, "cloudy", 3),
        (round_id, "rainy", 1),
        (round_id, "stormy", 0),
        (round_id, "sun_cloud", 0),
        (round_id, "sunny", 1),
    ]
    assert columns == [
        "id",
        "session_id",
        "moment",
        "name",
        "scale_key",
        "status",
        "min_responses",
        "position",
        "max_answers",  # the facilitator's cap, a setting of the round, not of any answer
        "uid",  # the round's stable id for the organisation's sync, never an answer's
    ]
    assert len(round_row) == 1


def test_phones_start_on_the_app_loop_and_stop_with_the_round(
    qtbot, qapp, empty_core: Core, session_id: int
) -> None:
    import qasync

    from attune_desktop.ui.checkins.phones import PhoneAccess

    service = empty_core.checkins
    round_id = service.open_round(session_id, "opening", "weather").id or 0
    phones = PhoneAccess(service, port=0)
    panel = CheckInProjectorPanel(service, round_id)
    qtbot.addWidget(panel)
    phones.join_changed.connect(panel.set_join)
    seen: list[int] = []

    async def story() -> None:
        # WHEN the facilitator lets phones answer (from a button, on the app's loop)
        phones.start(round_id, "127.0.0.1", "en")
        while phones.join is None:
            await asyncio.sleep(0.01)
        # THEN the projector shows the round's QR code and a phone can reach the page
        assert panel.qr.text() == phones.join.url
        async with aiohttp.ClientSession() as client, client.get(phones.join.url) as page:
            seen.append(page.status)
        # WHEN the round closes (however it is closed), nothing listens any more
        service.close_round(round_id)
        while phones.listening:
            await asyncio.sleep(0.01)

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(asyncio.wait_for(story(), 10))
    assert seen == [200]
    assert not panel.showing_results()  # closed, for the facilitator to look at first
    service.show_to_room(round_id)
    assert panel.showing_results()


def test_the_export_keeps_a_hidden_round_hidden(
    qtbot, view: CheckInsView, empty_core: Core, tmp_path
) -> None:
    round_id = open_round_through_dialog(qtbot, view)
    empty_core.checkins.set_tally(round_id, {"sunny": 3, "rainy": 1})
    view.round_panel.close_button.click()
    target = tmp_path / "results.csv"
    view.export_to(str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2  # the header and one line saying why it is hidden
    assert "Fewer than 5 answered" in lines[1]
    assert ",3," not in lines[1] and ",4," not in lines[1]


def test_opening_a_round_warns_below_five_and_offers_this_laptop(
    qtbot, view: CheckInsView, empty_core: Core
) -> None:
    view.open_button.click()
    dialog = view.dialog
    assert dialog is not None and dialog.objectName() == "openRoundDialog"
    # GIVEN a named round without a name, THEN it is refused with a message
    dialog.moment.setCurrentIndex(dialog.moment.findData("named"))
    dialog._on_open()
    assert "give the round a name" in dialog.message.text()
    assert empty_core.checkins.list_rounds() == []
    # WHEN the minimum goes to 3, a warning shows; it cannot go lower
    dialog.minimum.setValue(2)
    assert dialog.minimum.value() == 3
    assert "easier to guess" in dialog.minimum_warning.text()
    addresses = [dialog.address.itemData(i) for i in range(dialog.address.count())]
    assert "127.0.0.1" in addresses


def test_show_on_projector_opens_the_room_panel_for_the_round(qtbot, view: CheckInsView) -> None:
    round_id = open_round_through_dialog(qtbot, view)
    view.round_panel.projector_button.click()
    window = view.projector_window
    assert isinstance(window, CheckInProjectorPanel)
    qtbot.addWidget(window)
    assert window.round_id == round_id and window.isVisible()
    assert not window.showing_results()


def test_a_tally_typed_on_the_series_screen_appears_here_at_once(
    qtbot, view: CheckInsView, empty_core: Core, session_id: int
) -> None:
    # GIVEN the Check-ins screen showing a session with no rounds
    view.select_session(session_id)
    assert view.table.model().rowCount() == 0
    # WHEN an organiser records the opening tally from the Series screen
    empty_core.checkins.record_paper_rounds(
        session_id, {"opening": {"calm": 3, "wobbly": 4}}, scale_key="regulation4"
    )
    # THEN the round shows here without reopening the screen
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 1)


def test_deleting_the_series_of_the_shown_session_moves_to_a_session_that_exists(
    qtbot, empty_context: UiContext, empty_core: Core
) -> None:
    import datetime as dt

    # GIVEN the Check-ins screen on week 1 of a series, and one standalone session
    series = empty_core.series.create_series("Spring circle", first_date=dt.date(2027, 3, 1))
    week1 = empty_core.sessions.list_sessions(series_id=series.id)[0]
    standalone = empty_core.sessions.create_session("Drop-in").id
    view = CheckInsView(empty_context)
    qtbot.addWidget(view)
    view.show()
    view.select_session(week1.id or 0)
    assert view.session_id() == week1.id
    # WHEN the organiser deletes the series (and so its sessions) on the Series screen
    empty_core.series.delete_series(series.id or 0)
    # THEN the screen drops the deleted sessions without an error and shows one that exists
    qtbot.waitUntil(lambda: view.session.count() == 1)
    assert view.session_id() == standalone
