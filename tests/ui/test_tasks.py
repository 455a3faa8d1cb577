"""The task manager: database work in order off the GUI thread, results back on it."""

import threading

from desktop_app.ui.tasks import TaskManager


def test_db_tasks_run_in_order_off_the_gui_thread_and_report_back_on_it(qtbot):
    tasks = TaskManager()
    gui = threading.get_ident()
    ran, delivered = [], []
    for i in range(5):
        tasks.db(lambda i=i: ran.append((i, threading.get_ident())) or i).success(
            lambda r: delivered.append((r, threading.get_ident()))).run()
    qtbot.waitUntil(lambda: len(delivered) == 5, timeout=10_000)
    assert [i for i, _ in ran] == [0, 1, 2, 3, 4] and all(t != gui for _, t in ran)
    assert [r for r, _ in delivered] == [0, 1, 2, 3, 4] and all(t == gui for _, t in delivered)
    tasks.shutdown()


def test_failures_reach_the_failure_callback(qtbot):
    tasks = TaskManager()
    errors = []
    tasks.db(lambda: 1 / 0).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ZeroDivisionError)
    tasks.shutdown()


def test_work_queued_after_shutdown_is_dropped_not_raised(qtbot):
    tasks = TaskManager()
    tasks.shutdown()
    assert tasks.db(lambda: 1).run() is None and tasks.pending == 0
