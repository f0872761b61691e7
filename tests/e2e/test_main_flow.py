#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of Kravkoll's main flow, driven like a user.

The real ``kravkoll`` program runs on a private X server with a private
session bus; this script finds its widgets through the accessibility tree
(AT-SPI, pyatspi) by accessible name and role only, clicks and types into
them, and then checks what the application wrote with independent readers:
pdftotext/pdfinfo for the PDF, openpyxl for the workbook, the sqlite3 tool
and kravkoll-cli for the database.

Usage: test_main_flow.py PATH/TO/kravkoll PATH/TO/kravkoll-cli

Why a private X server and bus: meson runs tests in parallel on the one
xvfb-run display, and another test's window on top of ours would swallow
the synthesised clicks; and the AT-SPI registry, activated by the session
bus, must inherit DISPLAY to synthesise input, which a bus started before
the X server (dbus-run-session -- xvfb-run …) does not give it.

Exit status: 0 passed, 1 failed (the failing step is named, a screenshot
and a dump of the accessible tree are written to the meson log directory),
77 skipped (a tool this test needs is not installed).
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
DNR = "KS 2026/0417"
TITLE = "Kontinuitetstjänster 2026"
CATEGORY = "Consulting services"
SUPPLIER = "Trygg Drift AB"
PICKED = ("LEV-KO-02", "LEV-KO-09")
ORG_NUMBER = "556012-5790"
STATUS = {"1": "met", "2": "partly_met", "3": "not_met", "4": "not_applicable"}
ANSWERS = (("LEV-SS-01", "1", "Met"), ("LEV-SS-02", "3", "Not met"), ("LEV-SS-03", "1", "Met"))
T0 = time.monotonic()


def log(message):
    print(f"[{time.monotonic() - T0:6.2f}s] {message}", flush=True)


class StepFailed(Exception):
    pass


# ---------------------------------------------------------------------------
# Outer process: a private X server and session bus, then this script again.


def outer(argv):
    for tool in ("Xvfb", "dbus-run-session", "xwininfo", "pdftotext", "pdfinfo", "sqlite3"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed (build-aux/deps test installs it)")
            return SKIP
    try:
        import pyatspi  # noqa: F401
        import openpyxl  # noqa: F401
    except ImportError as e:
        print(f"SKIP: {e} (install python3-pyatspi and python3-openpyxl)")
        return SKIP

    # -noreset: X resets when its last client leaves, and a client that
    # connects during the reset fails ("cannot open display").
    rfd, wfd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(wfd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(wfd)
    display = b""
    with os.fdopen(rfd, "rb") as f:
        while not display.endswith(b"\n"):
            chunk = f.read(1)
            if not chunk:
                break
            display += chunk
    if not display.strip():
        xvfb.kill()
        xvfb.wait()
        print("FAIL: Xvfb did not start")
        return 1
    env = dict(os.environ)
    env["DISPLAY"] = ":" + display.decode().strip()
    env.pop("XAUTHORITY", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    env["KK_E2E_INNER"] = "1"
    log(f"Xvfb on {env['DISPLAY']}; starting a private session bus")
    try:
        inner_proc = subprocess.run(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__)] + argv,
                                    env=env)
        return inner_proc.returncode
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()


# ---------------------------------------------------------------------------
# Inner process: the application and the accessibility tree.

def inner(argv):
    import pyatspi

    gui, cli = (os.path.abspath(p) for p in argv)
    tmp = tempfile.mkdtemp(prefix="kk-e2e-")
    log_dir = os.environ.get("KK_E2E_LOG_DIR") or tmp
    os.makedirs(log_dir, exist_ok=True)
    home = os.path.join(tmp, "home")
    out_dir = os.path.join(tmp, "out")
    for d in ("home", "home/data", "home/config", "home/cache", "home/state", "runtime", "out"):
        os.makedirs(os.path.join(tmp, d), mode=0o700, exist_ok=True)
    db = os.path.join(tmp, "kravkoll.db")

    env = dict(os.environ)
    for key in ("GTK_A11Y", "NO_AT_BRIDGE", "KK_E2E_INNER", "KRAVKOLL_DB"):
        env.pop(key, None)
    env.update({
        "LANGUAGE": "en",
        "LC_ALL": "C.UTF-8",
        "GDK_BACKEND": "x11",
        "GSK_RENDERER": "cairo",
        "GDK_DEBUG": "gl-disable",
        "GSETTINGS_BACKEND": "memory",
        "GTK_USE_PORTAL": "0",
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_RUNTIME_DIR": os.path.join(tmp, "runtime"),
        "KRAVKOLL_ACTOR": "E2E Officer",
    })
    if "GSETTINGS_SCHEMA_DIR" not in env:
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(gui))), "data")

    ui = Ui(pyatspi, log_dir)
    app_log = open(os.path.join(tmp, "kravkoll.log"), "w")
    log(f"Starting {gui} --db {db}")
    # KK_E2E_WRAPPER runs the application under a debugger or valgrind, e.g.
    # KK_E2E_WRAPPER="gdb -batch -ex run -ex bt --args".
    wrapper = shlex.split(os.environ.get("KK_E2E_WRAPPER", ""))
    proc = subprocess.Popen(wrapper + [gui, "--db", db], env=env, cwd=home, stdout=app_log, stderr=subprocess.STDOUT)
    ui.proc = proc
    ok = False
    try:
        main_flow(ui, cli, db, out_dir, env)
        ok = True
    except StepFailed as e:
        log(f"FAIL: {e}")
        ui.post_mortem()
    except Exception as e:  # an AT-SPI or tool error is a failure too
        import traceback
        traceback.print_exc()
        log(f"FAIL: {type(e).__name__}: {e}")
        ui.post_mortem()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        app_log.close()
        with open(os.path.join(tmp, "kravkoll.log")) as f:
            output = f.read().strip()
        if output:
            print("--- kravkoll's output ---")
            print(output)
            print("---")
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"The database and the exported files are kept in {tmp}")
    if ok:
        log("PASS")
    return 0 if ok else 1


def name_matches(actual, wanted):
    """GTK 4.8 builds some accessible names from the label property plus the
    text of the label widgets inside: a button "C_reate" is named
    "C_reate Create", an AdwEntryRow "Title" is "Title Title". Accept those."""
    if actual is None:
        return False
    if isinstance(wanted, re.Pattern):
        return wanted.fullmatch(actual) is not None
    if actual == wanted:
        return True
    plain = actual.replace("_", "")
    if plain == wanted:
        return True
    return plain.startswith(wanted + " ") and plain[len(wanted) + 1:].startswith(wanted)


class Ui:
    def __init__(self, pyatspi, log_dir):
        self.a = pyatspi
        self.log_dir = log_dir
        self.app = None
        self.proc = None
        self._failed = 0

    # -- finding ----------------------------------------------------------

    def wait(self, what, predicate, timeout=10.0):
        """Polls @predicate until it returns something true; fails the step
        naming @what after @timeout seconds."""
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            if self.proc is not None and self.proc.poll() is not None:
                raise StepFailed(f"kravkoll exited with status {self.proc.returncode} while waiting for {what}")
            try:
                result = predicate()
                if result:
                    return result
            except Exception as e:  # the tree changes under our feet
                last_error = e
            if time.monotonic() > deadline:
                extra = f" (last error: {last_error})" if last_error else ""
                raise StepFailed(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
            time.sleep(0.05)

    def descendants(self, root, predicate, rows=False, first=False):
        """The descendants of @root for which predicate(node, role) holds,
        in document order (only the first one if @first). GTK 4.8 has no
        AT-SPI cache: every call is a D-Bus round trip, so the rows of lists
        and tables are skipped unless @rows (search those from the list)."""
        found = []
        skip = () if rows else (self.a.ROLE_TABLE_ROW, self.a.ROLE_LIST_ITEM, self.a.ROLE_SCROLL_BAR)
        stack = [(root, None)]
        while stack:
            node, role = stack.pop()
            if role is not None:
                try:
                    if predicate(node, role):
                        found.append(node)
                        if first:
                            return found
                except Exception:  # the node went away under our feet
                    continue
                if role in skip:
                    continue
            try:
                children = [node.getChildAtIndex(i) for i in range(node.childCount)]
            except Exception:
                continue
            for child in reversed(children):
                if child is not None:
                    try:
                        stack.append((child, child.getRole()))
                    except Exception:
                        pass
        return found

    def query(self, root, role, name, rows=False, first=False):
        return self.descendants(root, lambda a, r: r == role and name_matches(a.name, name), rows, first)

    def find(self, root, role, name, timeout=10.0, what=None, rows=False):
        label = what or f"{self.role_str(role)} “{name.pattern if isinstance(name, re.Pattern) else name}”"
        return self.wait(label, lambda: next(iter(self.query(root, role, name, rows, first=True)), None), timeout)

    def role_str(self, role):
        return str(role).split("ROLE_")[-1].lower().replace("_", " ") if "ROLE_" in str(role) else str(role)

    def windows(self, title):
        return [w for w in self.app if w is not None and name_matches(w.name, title)]

    def window(self, title, timeout=10.0, count=1):
        """The newest top-level window (or dialog) of the application with
        this title, once there are @count of them."""
        return self.wait(f"the window “{title}”" + (f" (number {count})" if count > 1 else ""),
                         lambda: len(self.windows(title)) >= count and self.windows(title)[-1], timeout)

    def window_gone(self, title, timeout=10.0, count=0):
        self.wait(f"the window “{title}” to close", lambda: len(self.windows(title)) <= count, timeout)

    def text(self, acc):
        t = acc.queryText()
        return t.getText(0, t.characterCount)

    # -- acting -----------------------------------------------------------

    def on_screen(self, acc, timeout=5.0):
        """Waits until @acc has a size: a widget on a page never shown has
        none, and GTK ignores the accessible action of an unrealised button."""
        self.wait(f"“{acc.name}” to be on screen", lambda: min(self.extents(acc)[2:]) > 0, timeout)

    def press(self, acc):
        """Activates a button through its accessible action."""
        self.on_screen(acc)
        action = acc.queryAction()
        if action.nActions < 1:
            # A GtkMenuButton is a wrapper around the toggle button that acts.
            inner = [c for c in (acc.getChildAtIndex(i) for i in range(acc.childCount))
                     if c is not None and c.getRole() == acc.getRole() and c.queryAction().nActions > 0]
            if not inner:
                raise StepFailed(f"“{acc.name}” has no accessible action")
            action = inner[0].queryAction()
        action.doAction(0)

    def set_text(self, acc, text):
        if not acc.queryEditableText().setTextContents(text):
            raise StepFailed(f"could not set the text of “{acc.name}”")

    def extents(self, acc):
        e = acc.queryComponent().getExtents(self.a.WINDOW_COORDS)
        return e.x, e.y, e.width, e.height

    def _surface(self, acc):
        node = acc
        while True:
            parent = node.parent
            if parent is None or parent.getRole() == self.a.ROLE_APPLICATION:
                return node
            if node.name in ("GtkPopover", "GtkPopoverMenu"):
                return node
            node = parent

    def _xwindows(self):
        out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
        windows = []
        for line in out.splitlines():
            m = re.match(r'\s*0x[0-9a-f]+ (?:"(.*)"|\(has no name\)): \(.*\)\s+(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)', line)
            if m:
                windows.append((m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5))))
        return windows

    def origin(self, acc):
        """GTK 4.8 reports positions relative to the widget's own surface:
        find that surface's X window to turn them into screen positions.
        A window's surface has a margin (for the resize border) around the
        widget; a popover's position is reported with a stray offset, so
        go by its size."""
        surface = self._surface(acc)
        sx, sy, sw, sh = self.extents(surface)
        popover = surface.name in ("GtkPopover", "GtkPopoverMenu")
        for title, w, h, x, y in self._xwindows():
            if popover and (w, h) == (sw, sh):
                return x - sx, y - sy
            if not popover and title == surface.name and 0 <= w - sw <= 120 and 0 <= h - sh <= 120:
                return x + (w - sw) // 2 - sx, y + (h - sh) // 2 - sy
        raise StepFailed(f"no X window found for “{surface.name}”")

    def click(self, acc, at=None, button="b1c"):
        self.on_screen(acc)
        x, y, w, h = self.extents(acc)
        if w <= 0 or h <= 0:
            raise StepFailed(f"“{acc.name}” ({acc.getRoleName()}) is not on screen")
        ox, oy = self.origin(acc)
        px, py = (x + w // 2, y + h // 2) if at is None else (x + at[0], y + at[1])
        self.a.Registry.generateMouseEvent(ox + px, oy + py, button)

    def type(self, text):
        self.a.Registry.generateKeyboardEvent(0, text, self.a.KEY_STRING)

    KEYSYMS = {"Return": 0xff0d, "Escape": 0xff1b, "Tab": 0xff09}

    def key(self, name):
        """Presses and releases one key: a digit or letter (its keysym is its
        code) or one of KEYSYMS."""
        keysym = self.KEYSYMS[name] if name in self.KEYSYMS else ord(name)
        self.a.Registry.generateKeyboardEvent(keysym, None, self.a.KEY_SYM)

    def ancestor(self, acc, role):
        node = acc.parent
        while node is not None and node.getRole() != role:
            node = node.parent
        if node is None:
            raise StepFailed(f"“{acc.name}” is not inside a {self.role_str(role)}")
        return node

    # -- debugging --------------------------------------------------------

    CONTROLS = None

    def unnamed_controls(self, root):
        """Controls whose accessible name is empty or only a type name."""
        a = self.a
        roles = {a.ROLE_PUSH_BUTTON, a.ROLE_TOGGLE_BUTTON, a.ROLE_CHECK_BOX, a.ROLE_RADIO_BUTTON,
                 a.ROLE_ENTRY, a.ROLE_TEXT, a.ROLE_COMBO_BOX, a.ROLE_MENU_ITEM, a.ROLE_LIST,
                 a.ROLE_TREE_TABLE, a.ROLE_TABLE, a.ROLE_SLIDER, a.ROLE_SPIN_BUTTON, a.ROLE_PAGE_TAB,
                 a.ROLE_PROGRESS_BAR}
        bad = self.descendants(root, lambda n, r: r in roles and re.fullmatch(r"|(Gtk|Adw|Kk)\w+", n.name or ""),
                               rows=True)
        return [f"{n.getRoleName()} {n.name!r} in {n.parent.name!r}/{n.parent.parent.name!r}" for n in bad]

    def audit(self, root, where):
        if os.environ.get("KK_E2E_AUDIT"):
            for line in self.unnamed_controls(root):
                log(f"  unnamed ({where}): {line}")

    def dump(self, acc, depth=0, out=None, limit=4000):
        if out is None:
            out = []
        if len(out) >= limit:
            return out
        try:
            line = f"{'  ' * depth}[{acc.getRoleName()}] {acc.name!r}"
            if acc.description:
                line += f" ({acc.description!r})"
            out.append(line)
            children = [acc.getChildAtIndex(i) for i in range(acc.childCount)]
        except Exception as e:
            out.append(f"{'  ' * depth}<{e}>")
            return out
        for child in children:
            if child is not None:
                self.dump(child, depth + 1, out, limit)
        return out

    def post_mortem(self):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        shot = os.path.join(self.log_dir, f"e2e-main-flow-{stamp}.png")
        r = subprocess.run(["/usr/bin/import", "-window", "root", shot], capture_output=True, text=True)
        if r.returncode == 0:
            log(f"Screenshot: {shot}")
        else:
            log(f"No screenshot ({r.stderr.strip()})")
        if self.app is None:
            return
        lines = []
        windows = []
        try:
            windows = [w for w in self.app if w is not None]
            for window in windows:
                self.dump(window, 0, lines)
        except Exception as e:
            lines.append(f"<{e}>")
        tree = os.path.join(self.log_dir, f"e2e-main-flow-{stamp}-tree.txt")
        with open(tree, "w") as f:
            f.write("\n".join(lines) + "\n")
        # The named nodes of the front window are the useful ones; the
        # whole tree of every window is in the file.
        if windows:
            front = self.dump(windows[-1], 0, [], limit=1500)
            print(f"--- accessible tree of “{windows[-1].name}” (named nodes) ---")
            for line in front:
                if not re.search(r"\] '(|Gtk\w+|Adw\w+)'$", line):
                    print(line[:200])
        print(f"--- the whole tree: {tree} ---")


# ---------------------------------------------------------------------------
# The flow.

def step(name):
    log(name)


def file_complete(path):
    """True once @path exists and reads as a whole document."""
    import zipfile
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if path.endswith(".pdf"):
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if path.endswith(".xlsx"):
        try:
            with zipfile.ZipFile(path) as z:
                return "xl/workbook.xml" in z.namelist() and z.testzip() is None
        except (zipfile.BadZipFile, OSError):
            return False
    return len(data) > 0


def save_as(ui, title, folder):
    """Fills in GTK's own file chooser (there is no portal here): keeps the
    suggested file name, puts it in @folder, saves and waits for the file."""
    a = ui.a
    chooser = ui.window(title)
    name = ui.find(chooser, a.ROLE_TEXT, "Name:")
    suggested = ui.wait("the suggested file name", lambda: ui.text(name))
    path = os.path.join(folder, suggested)
    ui.set_text(name, path)
    ui.press(ui.find(chooser, a.ROLE_PUSH_BUTTON, "Save"))
    ui.window_gone(title)
    # The export runs in a thread. Its toast says when the file is complete,
    # but toasts queue behind the earlier ones for seconds: watch the file.
    ui.wait(f"{path} to be written completely", lambda: file_complete(path), timeout=30)
    log(f"  saved {path}")
    return path


def main_flow(ui, cli, db, out_dir, env):
    a = ui.a

    step("Wait for the main window")
    ui.app = ui.wait("the application “kravkoll” on the accessibility bus",
                     lambda: next((x for x in a.Registry.getDesktop(0) if x is not None and x.name == "kravkoll"), None),
                     timeout=30)
    main = ui.window("Kravkoll", timeout=30)

    step("Catalogue: search for “kontinuitet”")
    catalogue = ui.find(main, a.ROLE_FILLER, "KkCatalogPage")
    count_re = re.compile(r"(\d+) requirements?|(\d+) of (\d+) requirements?")
    count = ui.find(catalogue, a.ROLE_LABEL, count_re, what="the requirement count label", timeout=20)
    total = ui.wait("the catalogue to load", lambda: re.fullmatch(r"(\d+) requirements?", count.name), timeout=20)
    total = int(total.group(1))
    if total < 10:
        raise StepFailed(f"the bundled catalogue has only {total} requirements")
    search = ui.find(catalogue, a.ROLE_ENTRY, "Search requirements")
    ui.set_text(search, "kontinuitet")
    shown = ui.wait(f"the count label to change from “{total} requirements” after the search",
                    lambda: re.fullmatch(r"(\d+) of (\d+) requirements?", count.name))
    if not 0 < int(shown.group(1)) < total or int(shown.group(2)) != total:
        raise StepFailed(f"the search shows “{count.name}”")
    log(f"  count label: “{count.name}”")
    table = ui.find(catalogue, a.ROLE_TREE_TABLE, "Requirements")
    ui.find(table, a.ROLE_LABEL, "LEV-KO-01", what="LEV-KO-01 among the search results", rows=True)
    ui.audit(main, "catalogue")

    step("Procurements: create a procurement")
    ui.press(ui.find(main, a.ROLE_PAGE_TAB, "Procurements"))
    page = ui.find(main, a.ROLE_FILLER, "KkProcurementsPage")
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "New procurement"))
    dialog = ui.window("New Procurement")
    ui.audit(dialog, "new procurement")
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Title"), TITLE)
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Registration number (dnr)"), DNR)
    ui.click(ui.find(dialog, a.ROLE_COMBO_BOX, "Category"))
    choice = ui.find(dialog, a.ROLE_LABEL, CATEGORY, rows=True, what=f"“{CATEGORY}” in the category list")
    ui.wait("the category popover to open", lambda: ui.extents(choice)[2] > 0)
    ui.click(choice)
    suggested = ui.find(dialog, a.ROLE_LABEL, re.compile(r"The catalogue suggests (\d+) requirements? .*"),
                        what="the note on the suggested requirements")
    n_suggested = int(re.match(r"The catalogue suggests (\d+)", suggested.name).group(1))
    log(f"  {suggested.name}")
    ui.press(ui.find(dialog, a.ROLE_PUSH_BUTTON, "Create"))
    ui.window_gone("New Procurement")
    ui.find(ui.find(page, a.ROLE_LIST, "Procurements"), a.ROLE_LABEL, TITLE, rows=True,
            what="the new procurement in the list")
    ui.find(page, a.ROLE_LABEL, "Draft 1 · Published 0 · Evaluating 0 · Decided 0")
    ui.find(page, a.ROLE_LABEL, re.compile(rf"{re.escape(DNR)} · .*{CATEGORY}"), what="the procurement's dnr and category")
    ui.find(page, a.ROLE_PAGE_TAB, f"Requirements ({n_suggested})")

    step("Add requirements from the catalogue")
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "Add Requirements…"))
    picker = ui.window("Add Requirements")
    status = ui.find(picker, a.ROLE_STATUS_BAR, re.compile(r"\d+ requirements · 0 checked"))
    ui.audit(picker, "picker")
    ui.set_text(ui.find(picker, a.ROLE_ENTRY, "Search requirements"), "LEV-KO")
    ui.wait("the picker to filter on “LEV-KO”", lambda: re.fullmatch(r"9 of \d+ requirements · 0 checked", status.name))
    candidates = ui.find(picker, a.ROLE_TREE_TABLE, "Catalogue requirements")
    for code in PICKED:
        box = ui.find(candidates, a.ROLE_CHECK_BOX, f"Add {code}", rows=True)
        if not box.getState().contains(a.STATE_SENSITIVE):
            raise StepFailed(f"{code} cannot be checked: {box.description}")
        ui.click(box)  # a check button in GTK 4.8 offers no accessible action
        ui.wait(f"{code} to be checked", lambda: box.getState().contains(a.STATE_CHECKED))
    ui.wait(f"the status to say {len(PICKED)} checked",
            lambda: status.name.endswith(f"· {len(PICKED)} checked"))
    ui.press(ui.find(picker, a.ROLE_PUSH_BUTTON, f"Add {len(PICKED)} Requirements"))
    ui.window_gone("Add Requirements")
    n_requirements = n_suggested + len(PICKED)
    ui.find(page, a.ROLE_PAGE_TAB, f"Requirements ({n_requirements})")
    listed = ui.find(page, a.ROLE_TREE_TABLE, "Requirements of the procurement")
    for code in PICKED:
        ui.find(listed, a.ROLE_LABEL, code, rows=True, what=f"{code} in the procurement's requirements")

    step("Publish the procurement")
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "Publish…"))
    confirm = ui.window(f"Publish “{TITLE}”?")
    ui.find(confirm, a.ROLE_LABEL, re.compile(rf"Publishing freezes the wording of its {n_requirements} requirements: .*"),
            what=f"the confirmation to count {n_requirements} requirements")
    ui.press(ui.find(confirm, a.ROLE_PUSH_BUTTON, "Publish"))
    ui.window_gone(f"Publish “{TITLE}”?")
    ui.find(page, a.ROLE_LABEL, "Draft 0 · Published 1 · Evaluating 0 · Decided 0")
    ui.find(page, a.ROLE_LABEL, "Published", what="the status badge “Published”")

    step("Add a supplier, created on the spot")
    ui.press(ui.find(page, a.ROLE_PAGE_TAB, "Suppliers (0)"))
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "Add Supplier…"))
    chooser = ui.window("Add Supplier")
    ui.find(chooser, a.ROLE_LABEL, "No Other Suppliers Registered")
    ui.press(ui.find(chooser, a.ROLE_PUSH_BUTTON, "New Supplier…"))
    ui.audit(chooser, "supplier chooser")
    dialog = ui.window("Add Supplier", count=2)
    ui.audit(dialog, "supplier dialog")
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Name"), SUPPLIER)
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Organisation number"), ORG_NUMBER.replace("-", ""))
    ui.find(dialog, a.ROLE_LABEL, f"Stored as {ORG_NUMBER}", what="the organisation number to be accepted")
    ui.press(ui.find(dialog, a.ROLE_PUSH_BUTTON, "Add"))
    ui.window_gone("Add Supplier")
    ui.find(page, a.ROLE_PAGE_TAB, "Suppliers (1)")
    in_procurement = ui.find(page, a.ROLE_LIST, "Suppliers in the procurement")
    ui.find(in_procurement, a.ROLE_LABEL, SUPPLIER, rows=True, what=f"{SUPPLIER} among the procurement's suppliers")
    row = ui.find(in_procurement, a.ROLE_LIST_ITEM, SUPPLIER, rows=True)
    ui.find(row, a.ROLE_LABEL, f"{ORG_NUMBER} · 0 of {n_requirements} checked")

    step("Open the supplier's checklist")
    ui.click(row)  # an activatable list row offers no accessible action
    ui.find(page, a.ROLE_LABEL, f"{SUPPLIER} ({ORG_NUMBER})", what="the checklist's heading")
    progress = ui.find(page, a.ROLE_STATUS_BAR, f"0 of {n_requirements} checked", what="the checklist's progress")
    checklist = ui.find(page, a.ROLE_TREE_TABLE, "Checklist")
    ui.audit(page, "checklist")

    step("Answer with the number keys: 1 = met, 3 = not met")
    for i, (code, key, label) in enumerate(ANSWERS):
        cell = ui.find(checklist, a.ROLE_LABEL, code, rows=True, what=f"the checklist row {code}")
        row = ui.ancestor(cell, a.ROLE_TABLE_ROW)
        ui.click(cell)
        ui.wait(f"the row {code} to be selected", lambda: row.getState().contains(a.STATE_SELECTED), timeout=5)
        ui.key(key)
        ui.find(row, a.ROLE_LABEL, label, what=f"the status of {code} to become “{label}”", rows=True)
        log(f"  {code}: key {key} → {label}")
    n_met = sum(1 for _, key, _ in ANSWERS if key == "1")
    n_not_met = len(ANSWERS) - n_met
    ui.wait(f"the progress to read “{len(ANSWERS)} of {n_requirements} checked, {n_not_met} SHALL not met”",
            lambda: progress.name == f"{len(ANSWERS)} of {n_requirements} checked, {n_not_met} SHALL not met")
    ui.find(page, a.ROLE_STATUS_BAR, re.compile(rf"Fails {n_not_met} SHALL requirements?: .*"), what="the verdict")

    step("Export the supplier's checklist")
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "Export Checklist…"))
    checklist_xlsx = save_as(ui, "Save Checklist", out_dir)

    step("Export the requirement appendix (PDF)")
    ui.press(ui.find(page, a.ROLE_PUSH_BUTTON, "Back to the procurement"))
    ui.wait("the checklist to close", lambda: not ui.query(page, a.ROLE_TREE_TABLE, "Checklist"))
    export = ui.find(page, a.ROLE_PUSH_BUTTON, "Export")
    ui.audit(page, "procurement")
    ui.press(export)
    ui.press(ui.find(export.parent, a.ROLE_MENU_ITEM, "Requirement Appendix (PDF)…"))
    appendix_pdf = save_as(ui, "Save Requirement Appendix", out_dir)

    step("Close the application")
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Close"))
    deadline = time.monotonic() + 15
    while ui.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if ui.proc.poll() is None:
        raise StepFailed("kravkoll did not exit within 15 s of closing its window")
    if ui.proc.returncode != 0:
        raise StepFailed(f"kravkoll exited with status {ui.proc.returncode}")

    codes = [code for code, _, _ in ANSWERS]
    statuses = {code: STATUS[key] for code, key, _ in ANSWERS}
    verify_pdf(appendix_pdf, codes + list(PICKED))
    verify_checklist(checklist_xlsx, n_requirements, statuses)
    verify_database(db, n_requirements, statuses)
    verify_cli(cli, db, env, statuses)


def run(argv, what):
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise StepFailed(f"{what}: {' '.join(argv)} exited with {r.returncode}: {r.stderr.strip()}")
    return r.stdout


def verify_pdf(path, codes):
    step("Check the appendix with pdfinfo and pdftotext")
    info = run(["pdfinfo", path], "pdfinfo")
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    if size is None:
        raise StepFailed(f"pdfinfo gives no page size for {path}:\n{info}")
    width, height = float(size.group(1)), float(size.group(2))
    if abs(width - 595.28) > 1 or abs(height - 841.89) > 1:
        raise StepFailed(f"the appendix's pages are {width} x {height} pt, not A4 (595 x 842)")
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = " ".join(run(["pdftotext", "-layout", path, "-"], "pdftotext").split())
    for wanted in [DNR, TITLE] + codes:
        if wanted not in text:
            raise StepFailed(f"the appendix's text has no “{wanted}”")
    log(f"  A4, {pages} pages, names {DNR}, “{TITLE}” and {', '.join(codes)}")


def verify_checklist(path, n_requirements, statuses):
    step("Check the checklist workbook with openpyxl")
    import openpyxl
    wb = openpyxl.load_workbook(path)
    if "kravkoll" not in wb.sheetnames:
        raise StepFailed(f"the workbook has no sheet “kravkoll”; it has {wb.sheetnames}")
    meta_sheet = wb["kravkoll"]
    if meta_sheet.sheet_state not in ("hidden", "veryHidden"):
        raise StepFailed(f"the sheet “kravkoll” is {meta_sheet.sheet_state}, not hidden")
    meta = {row[0]: row[1] for row in meta_sheet.iter_rows(values_only=True) if row and row[0]}
    expected = {"dnr": DNR, "procurement_title": TITLE, "supplier_name": SUPPLIER,
                "org_number": ORG_NUMBER, "n_requirements": n_requirements}
    for key, value in expected.items():
        if meta.get(key) != value:
            raise StepFailed(f"the sheet “kravkoll” has {key} = {meta.get(key)!r}, not {value!r}")
    sheet = wb[meta["sheet"]]
    first = int(meta["first_row"])
    answers = {}
    for r in range(first, sheet.max_row + 1):
        code = sheet[f"{meta['code_column']}{r}"].value
        if code:
            answers[code] = sheet[f"{meta['answer_column']}{r}"].value
    if len(answers) != n_requirements:
        raise StepFailed(f"the sheet “{sheet.title}” has {len(answers)} requirement rows, not {n_requirements}")
    labels = {"met": ("Uppfyllt", "Met"), "not_met": ("Ej uppfyllt", "Not met")}
    for code, status in statuses.items():
        if answers.get(code) not in labels[status]:
            raise StepFailed(f"the workbook answers {code} with {answers.get(code)!r}, not {labels[status][0]!r}")
    log(f"  hidden sheet “kravkoll” names {DNR}; {len(answers)} rows; the answers are in column {meta['answer_column']}")


def sqlite(db, sql):
    return [line.split("|") for line in run(["sqlite3", "-readonly", db, sql], "sqlite3").splitlines()]


def verify_database(db, n_requirements, statuses):
    step("Check the database with the sqlite3 tool")
    rows = sqlite(db, "SELECT pr.code, an.status, an.checked_by FROM answer an "
                      "JOIN procurement_requirement pr ON pr.id = an.procurement_requirement "
                      "JOIN procurement p ON p.id = pr.procurement "
                      f"WHERE p.dnr = '{DNR}' AND an.status <> 'unanswered' ORDER BY pr.position")
    found = {code: status for code, status, _ in rows}
    if found != statuses:
        raise StepFailed(f"the database holds the answers {found}, not {statuses}")
    for code, _, checked_by in rows:
        if checked_by != "E2E Officer":
            raise StepFailed(f"the answer to {code} was checked by {checked_by!r}, not 'E2E Officer'")
    count = sqlite(db, f"SELECT count(*) FROM procurement_requirement pr JOIN procurement p ON p.id = pr.procurement "
                       f"WHERE p.dnr = '{DNR}'")[0][0]
    if int(count) != n_requirements:
        raise StepFailed(f"the procurement has {count} requirements in the database, not {n_requirements}")
    status = sqlite(db, f"SELECT status FROM procurement WHERE dnr = '{DNR}'")
    if status != [["published"]]:
        raise StepFailed(f"the procurement's status is {status}, not published")
    audit = sqlite(db, "SELECT json_extract(detail, '$.code'), json_extract(detail, '$.old_status'), "
                       "json_extract(detail, '$.status'), actor FROM audit_log WHERE action = 'answer.set' ORDER BY id")
    logged = {code: new for code, old, new, actor in audit}
    if logged != statuses or any(old != "unanswered" or actor != "E2E Officer" for _, old, _, actor in audit):
        raise StepFailed(f"the audit log's answer.set rows are {audit}, expected one per answer {statuses} "
                         "from 'unanswered', by 'E2E Officer'")
    actions = [a for (a,) in sqlite(db, "SELECT DISTINCT action FROM audit_log ORDER BY action")]
    for action in ("procurement.create", "procurement.add_requirements", "procurement.status",
                   "supplier.add", "procurement.add_supplier", "answer.set"):
        if action not in actions:
            raise StepFailed(f"the audit log has no “{action}” row; it has {actions}")
    log(f"  answers {found}; audit log: {', '.join(actions)}")


def verify_cli(cli, db, env, statuses):
    step("Check the answers with kravkoll-cli")
    r = subprocess.run([cli, "--db", db, "answer", "list", DNR, ORG_NUMBER, "--format", "json"],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise StepFailed(f"kravkoll-cli answer list exited with {r.returncode}: {r.stderr.strip()}")
    listed = {row["code"]: row["status"] for row in json.loads(r.stdout) if row["status"] != "unanswered"}
    if listed != statuses:
        raise StepFailed(f"kravkoll-cli lists the answers {listed}, not {statuses}")
    log(f"  kravkoll-cli agrees: {listed}")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: test_main_flow.py PATH/TO/kravkoll PATH/TO/kravkoll-cli", file=sys.stderr)
        sys.exit(2)
    if os.environ.get("KK_E2E_INNER"):
        sys.exit(inner(sys.argv[1:]))
    sys.exit(outer(sys.argv[1:]))
