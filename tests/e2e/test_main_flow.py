#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of Kravkoll's main flow, driven like a user would.

The real ``kravkoll`` program runs with a fresh database on a private X
server and session bus. This script finds its widgets in the accessibility
tree (AT-SPI, through pyatspi) by role and accessible name only, presses,
clicks and types into them, and then checks what the application wrote with
readers of its own: pdfinfo and pdftotext for the PDF, openpyxl for the
workbook, the sqlite3 tool and kravkoll-cli for the database.

Usage: test_main_flow.py PATH/TO/kravkoll PATH/TO/kravkoll-cli

Why a private X server and session bus, even under build-aux/test's
dbus-run-session and xvfb-run: meson runs tests in parallel on that one
display, and another test's window on top of ours would take our clicks;
and the AT-SPI registry, which the session bus starts on demand, needs
DISPLAY in its environment to synthesise input, which a bus started before
the X server does not have.

Environment: KK_E2E_LOG_DIR, where a failure leaves its screenshot and
accessible tree (meson's log directory; else the kept temporary directory);
KK_E2E_WRAPPER, a command to run kravkoll under (e.g. "gdb -batch -ex run
-ex bt --args"); KK_E2E_AUDIT=1 lists controls without an accessible name.

Exit status: 0 passed; 1 failed (the step, a screenshot and the accessible
tree are printed); 77 skipped (a tool this test needs is not installed).
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
import zipfile

SKIP = 77
T0 = float(os.environ.get("KK_E2E_T0", time.monotonic()))  # CLOCK_MONOTONIC: the same in both processes

# What the officer types and picks.
SEARCH = "kontinuitet"
TITLE = "Kontinuitetstjänster 2026"
DNR = "KS 2026/0417"
CATEGORY = "Consulting services"
PICKED = ("LEV-KO-02", "LEV-KO-09")  # not suggested for the category: added from the catalogue
SUPPLIER = "Trygg Drift AB"
ORG_NUMBER = "556012-5790"
ACTOR = "E2E Officer"
KEY_STATUS = {"1": "met", "2": "partly_met", "3": "not_met", "4": "not_applicable"}
ANSWERS = (("LEV-SS-01", "1", "Met"), ("LEV-SS-02", "3", "Not met"), ("LEV-SS-03", "1", "Met"))


def log(message):
    print(f"[{time.monotonic() - T0:6.2f}s] {message}", flush=True)


step = log


class StepFailed(Exception):
    pass


# ---------------------------------------------------------------------------
# The outer process: a private X server and session bus, then this script
# again inside them.

def outer(argv):
    for tool in ("Xvfb", "dbus-run-session", "xwininfo", "pdftotext", "pdfinfo", "sqlite3"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed (build-aux/deps test installs it)")
            return SKIP
    try:
        import pyatspi  # noqa: F401
        import openpyxl  # noqa: F401
    except ImportError as e:
        print(f"SKIP: {e} (build-aux/deps test installs python3-pyatspi and python3-openpyxl)")
        return SKIP

    tmp = tempfile.mkdtemp(prefix="kk-e2e-")
    os.makedirs(os.path.join(tmp, "runtime"), mode=0o700)

    # -noreset: X resets when its last client leaves, and a client that
    # connects during the reset fails ("cannot open display").
    rfd, wfd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(wfd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as f:
        display = f.readline().decode().strip()
    if not display:
        xvfb.kill()
        xvfb.wait()
        print("FAIL: Xvfb did not start")
        return 1

    env = dict(os.environ)
    for key in ("XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS"):
        env.pop(key, None)
    env.update({
        "DISPLAY": ":" + display,
        # The accessibility bus puts its socket here.
        "XDG_RUNTIME_DIR": os.path.join(tmp, "runtime"),
        "KK_E2E_INNER": tmp,
        "KK_E2E_T0": str(T0),
    })
    log(f"Xvfb on :{display}; starting a private session bus")
    # meson's timeout sends SIGTERM: stop the X server on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    try:
        status = subprocess.run(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__)] + argv,
                                env=env).returncode
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()
    if status == 0:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


# ---------------------------------------------------------------------------
# The inner process: the application, its accessibility tree, the checks.

def inner(argv, tmp):
    import pyatspi

    gui, cli = (os.path.abspath(p) for p in argv)
    log_dir = os.environ.get("KK_E2E_LOG_DIR") or tmp
    os.makedirs(log_dir, exist_ok=True)
    home = os.path.join(tmp, "home")
    out_dir = os.path.join(tmp, "out")
    for d in ("home", "home/data", "home/config", "home/cache", "home/state", "out"):
        os.makedirs(os.path.join(tmp, d), mode=0o700, exist_ok=True)
    db = os.path.join(tmp, "kravkoll.db")

    env = dict(os.environ)
    for key in ("GTK_A11Y", "NO_AT_BRIDGE", "KK_E2E_INNER", "KK_E2E_T0", "KRAVKOLL_DB"):
        env.pop(key, None)
    env.update({
        "LANGUAGE": "en",
        "LC_ALL": "C.UTF-8",
        "GDK_BACKEND": "x11",
        "GSK_RENDERER": "cairo",
        "GDK_DEBUG": "gl-disable",
        "GTK_USE_PORTAL": "0",
        "GSETTINGS_BACKEND": "memory",
        "G_DEBUG": "fatal-criticals",
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "KRAVKOLL_ACTOR": ACTOR,
    })
    # Run from a build tree: its compiled schema is in BUILD/data, the
    # module that writes workbooks and PDF files in BUILD/src/io.
    build = os.path.dirname(os.path.dirname(os.path.dirname(gui)))
    env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build, "data"))
    env.setdefault("KRAVKOLL_MODULEDIR", os.path.join(build, "src", "io"))

    ui = Ui(pyatspi, log_dir)
    log(f"Starting {gui} --db {db}")
    app_log_path = os.path.join(tmp, "kravkoll.log")
    app_log = open(app_log_path, "w")
    wrapper = shlex.split(os.environ.get("KK_E2E_WRAPPER", ""))
    ui.proc = subprocess.Popen(wrapper + [gui, "--db", db], env=env, cwd=home,
                               stdout=app_log, stderr=subprocess.STDOUT)
    ok = False
    try:
        main_flow(ui, cli, db, out_dir, env)
        ok = True
    except StepFailed as e:
        log(f"FAIL: {e}")
        ui.post_mortem()
    except Exception as e:  # an AT-SPI or reader error fails the test too
        if ui.ended():
            log(f"FAIL: {ui.ended()} ({type(e).__name__}: {e})")
        else:
            import traceback
            traceback.print_exc()
            log(f"FAIL: {type(e).__name__}: {e}")
        ui.post_mortem()
    finally:
        if ui.proc.poll() is None:
            ui.proc.terminate()
            try:
                ui.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                ui.proc.kill()
                ui.proc.wait()
        app_log.close()

    with open(app_log_path, errors="replace") as f:
        output = f.read().strip()
    if output:
        print("--- kravkoll's output ---")
        print(output)
        print("---")
    # A critical is fatal under G_DEBUG=fatal-criticals; a GObject warning
    # (a finalised instance used) is a bug just the same.
    bad = [line for line in output.splitlines() if "-CRITICAL **" in line or "GLib-GObject-WARNING **" in line]
    if ok and bad:
        log(f"FAIL: kravkoll printed {len(bad)} critical or GObject warnings, the first: {bad[0]}")
        ok = False
    if ok:
        log("PASS")
    else:
        print(f"The database, the exported files and kravkoll's output are kept in {tmp}")
    return 0 if ok else 1


def name_matches(actual, wanted):
    """Whether the accessible name @actual is @wanted (a string or a pattern).

    GTK 4.8 names some widgets with their label property followed by the text
    of the labels inside: the button "C_reate" is "C_reate Create", the
    AdwEntryRow "Title" is "Title Title". Those count as @wanted too."""
    if actual is None:
        return False
    if isinstance(wanted, re.Pattern):
        return wanted.fullmatch(actual) is not None
    if actual == wanted:
        return True
    plain = actual.replace("_", "")
    return plain == wanted or (plain.startswith(wanted + " ") and plain[len(wanted) + 1:].startswith(wanted))


class Ui:
    """The application as AT-SPI shows it, with GTK 4.8's quirks worked around."""

    KEYSYMS = {"Return": 0xff0d, "Escape": 0xff1b, "Tab": 0xff09}
    POPOVERS = ("GtkPopover", "GtkPopoverMenu")

    def __init__(self, pyatspi, log_dir):
        self.a = pyatspi
        self.log_dir = log_dir
        self.app = None
        self.proc = None

    # -- waiting and finding ----------------------------------------------

    def ended(self):
        """How kravkoll ended, if it has."""
        status = self.proc.poll() if self.proc is not None else None
        if status is None:
            return None
        if status < 0:
            hint = " (a critical warning is fatal under G_DEBUG=fatal-criticals)" if status == -signal.SIGTRAP else ""
            return f"kravkoll was killed by {signal.Signals(-status).name}{hint}"
        return f"kravkoll exited with status {status}"

    def wait(self, what, predicate, timeout=10.0):
        """Polls @predicate until it returns something true and returns that;
        fails the step, naming @what, after @timeout seconds."""
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            ended = self.ended()
            if ended:
                raise StepFailed(f"{ended} while the test waited for {what}")
            try:
                result = predicate()
                if result:
                    return result
            except StepFailed:
                raise
            except Exception as e:  # the tree changes under our feet
                last_error = e
            if time.monotonic() > deadline:
                extra = f" (last error: {last_error})" if last_error else ""
                raise StepFailed(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
            time.sleep(0.05)

    def descendants(self, root, predicate, rows=False, first=False):
        """The descendants of @root, in document order, for which
        predicate(node, role) holds (only the first if @first). GTK 4.8 has
        no AT-SPI cache, so every call is a D-Bus round trip: the rows of
        lists and tables are not searched unless @rows (search those from
        their list)."""
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
                except Exception:  # the node went away
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
        return self.descendants(root, lambda n, r: r == role and name_matches(n.name, name), rows, first)

    def find(self, root, role, name, timeout=10.0, what=None, rows=False):
        """Waits for a descendant of @root with this role and accessible name."""
        if what is None:
            shown = name.pattern if isinstance(name, re.Pattern) else name
            what = f"a {self.role_name(role)} named “{shown}”"
        return self.wait(what, lambda: next(iter(self.query(root, role, name, rows, first=True)), None), timeout)

    def role_name(self, role):
        return str(role).rsplit("ROLE_", 1)[-1].lower().replace("_", " ")

    def windows(self, title):
        return [w for w in self.app if w is not None and name_matches(w.name, title)]

    def window(self, title, timeout=10.0, count=1):
        """The newest window of the application with this title, once there
        are @count of them."""
        return self.wait(f"the window “{title}”" + (f" (number {count})" if count > 1 else ""),
                         lambda: len(self.windows(title)) >= count and self.windows(title)[-1], timeout)

    def window_gone(self, title, timeout=10.0, count=0):
        self.wait(f"the window “{title}” to close", lambda: len(self.windows(title)) <= count, timeout)

    def text(self, acc):
        t = acc.queryText()
        return t.getText(0, t.characterCount)  # GTK 4.8 returns "" for (0, -1)

    def ancestor(self, acc, role):
        node = acc.parent
        while node is not None and node.getRole() != role:
            node = node.parent
        if node is None:
            raise StepFailed(f"“{acc.name}” is not inside a {self.role_name(role)}")
        return node

    # -- acting -----------------------------------------------------------

    def extents(self, acc):
        e = acc.queryComponent().getExtents(self.a.WINDOW_COORDS)
        return e.x, e.y, e.width, e.height

    def on_screen(self, acc, timeout=5.0):
        """Waits until @acc has a size. A widget on a page not shown yet has
        none, and GTK ignores the accessible action of an unrealised button."""
        self.wait(f"“{acc.name}” to be on screen", lambda: min(self.extents(acc)[2:]) > 0, timeout)

    def press(self, acc):
        """Activates a button or menu item through its accessible action."""
        self.on_screen(acc)
        action = acc.queryAction()
        if action.nActions < 1:
            # A GtkMenuButton wraps the toggle button that acts.
            inner = [c for c in (acc.getChildAtIndex(i) for i in range(acc.childCount))
                     if c is not None and c.getRole() == acc.getRole() and c.queryAction().nActions > 0]
            if not inner:
                raise StepFailed(f"the {acc.getRoleName()} “{acc.name}” has no accessible action")
            action = inner[0].queryAction()
        action.doAction(0)

    def set_text(self, acc, text):
        if not acc.queryEditableText().setTextContents(text):
            raise StepFailed(f"could not set the text of “{acc.name}”")

    def _surface(self, acc):
        """The node whose X window holds @acc: its window or popover."""
        node = acc
        while True:
            parent = node.parent
            if parent is None or parent.getRole() == self.a.ROLE_APPLICATION or node.name in self.POPOVERS:
                return node
            node = parent

    def _xwindows(self):
        out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
        found = []
        for line in out.splitlines():
            m = re.match(r'\s*0x[0-9a-f]+ (?:"(.*)"|\(has no name\)): .*\s(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)\s*$',
                         line)
            if m:
                found.append((m.group(1), *(int(g) for g in m.groups()[1:])))
        return found

    def origin(self, acc):
        """Where @acc's coordinates start on the screen. GTK 4.8 gives them
        relative to the widget's window, whose X window has a margin around
        it (for the resize border); a popover's are off by an offset, so it
        is found by its size instead. None while there is no such X window."""
        surface = self._surface(acc)
        sx, sy, sw, sh = self.extents(surface)
        popover = surface.name in self.POPOVERS
        for title, w, h, x, y in self._xwindows():
            if popover and (w, h) == (sw, sh):
                return x - sx, y - sy
            if not popover and title == surface.name and 0 <= w - sw <= 120 and 0 <= h - sh <= 120:
                return x + (w - sw) // 2 - sx, y + (h - sh) // 2 - sy
        return None

    def click(self, acc):
        """Clicks the middle of @acc, for what offers no accessible action
        or must take the keyboard focus (grabFocus fails in GTK 4.8)."""
        self.on_screen(acc)
        ox, oy = self.wait(f"the X window that shows “{acc.name}”", lambda: self.origin(acc), timeout=5)
        x, y, w, h = self.extents(acc)
        self.a.Registry.generateMouseEvent(ox + x + w // 2, oy + y + h // 2, "b1c")

    def key(self, name):
        """Presses one key: a digit or letter (its keysym is its code) or
        one of KEYSYMS. It goes to the window under the pointer."""
        keysym = self.KEYSYMS[name] if name in self.KEYSYMS else ord(name)
        self.a.Registry.generateKeyboardEvent(keysym, None, self.a.KEY_SYM)

    # -- debugging --------------------------------------------------------

    def audit(self, root, where):
        """With KK_E2E_AUDIT=1, lists the controls under @root whose
        accessible name is empty or only their type name."""
        if not os.environ.get("KK_E2E_AUDIT"):
            return
        a = self.a
        roles = {a.ROLE_PUSH_BUTTON, a.ROLE_TOGGLE_BUTTON, a.ROLE_CHECK_BOX, a.ROLE_RADIO_BUTTON,
                 a.ROLE_ENTRY, a.ROLE_TEXT, a.ROLE_COMBO_BOX, a.ROLE_MENU_ITEM, a.ROLE_LIST,
                 a.ROLE_TREE_TABLE, a.ROLE_TABLE, a.ROLE_SLIDER, a.ROLE_SPIN_BUTTON, a.ROLE_PAGE_TAB,
                 a.ROLE_PROGRESS_BAR}
        for n in self.descendants(root, lambda n, r: r in roles and re.fullmatch(r"|(Gtk|Adw|Kk)\w+", n.name or ""),
                                  rows=True):
            log(f"  unnamed in {where}: {n.getRoleName()} “{n.name}” in “{n.parent.name}”")

    def dump(self, acc, depth=0, out=None, rows=1000):
        """The tree under @acc as lines "[role] 'name' ('description')",
        with at most @rows rows of each list or table."""
        if out is None:
            out = []
        try:
            line = f"{'  ' * depth}[{acc.getRoleName()}] {acc.name!r}"
            if acc.description:
                line += f" ({acc.description!r})"
            out.append(line)
            children = [acc.getChildAtIndex(i) for i in range(acc.childCount)]
        except Exception as e:
            out.append(f"{'  ' * depth}<{e}>")
            return out
        n_rows = 0
        for child in children:
            if child is None:
                continue
            try:
                is_row = child.getRole() in (self.a.ROLE_TABLE_ROW, self.a.ROLE_LIST_ITEM)
            except Exception:
                is_row = False
            n_rows += is_row
            if is_row and n_rows > rows:
                continue
            self.dump(child, depth + 1, out, rows)
        if n_rows > rows:
            out.append(f"{'  ' * (depth + 1)}… {n_rows - rows} more rows")
        return out

    def post_mortem(self):
        """A screenshot and the accessible tree, to see what went wrong."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        shot = os.path.join(self.log_dir, f"e2e-main-flow-{stamp}.png")
        r = subprocess.run(["/usr/bin/import", "-window", "root", shot], capture_output=True, text=True)
        log(f"Screenshot: {shot}" if r.returncode == 0 else f"No screenshot: {r.stderr.strip()}")
        if self.app is None:
            return
        try:
            windows = [w for w in self.app if w is not None]
        except Exception as e:
            log(f"No accessible tree: {e}")
            return
        lines = []
        for window in windows:
            self.dump(window, 0, lines)
        tree = os.path.join(self.log_dir, f"e2e-main-flow-{stamp}-tree.txt")
        with open(tree, "w") as f:
            f.write("\n".join(lines) + "\n")
        # Print the front window's named nodes, a few rows of each list.
        front = windows[-1] if windows else None
        if front is not None:
            print(f"--- the accessible tree of the window “{front.name}”, named nodes only ---")
            for line in self.dump(front, rows=3):
                if not re.search(r"\] '(|Gtk\w+|Adw\w+)'$", line):
                    print(line[:160])
        print(f"--- the whole tree of every window: {tree}")


# ---------------------------------------------------------------------------
# The flow

def file_complete(path):
    """Whether @path holds a whole document yet (the export runs in a thread)."""
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
    """Fills in the file chooser (GTK's own: no portal here). Keeps the
    suggested name, saves in @folder and waits for the whole file."""
    a = ui.a
    chooser = ui.window(title)
    name = ui.find(chooser, a.ROLE_TEXT, "Name:")
    suggested = ui.wait("the file chooser to suggest a name", lambda: ui.text(name))
    path = os.path.join(folder, suggested)
    ui.set_text(name, path)  # the chooser takes a whole path in its name field
    ui.press(ui.find(chooser, a.ROLE_PUSH_BUTTON, "Save"))
    ui.window_gone(title)
    # The toast "Saved …" says when the file is complete, but toasts wait
    # for the earlier ones to time out: watch the file instead.
    ui.wait(f"{path} to be written", lambda: file_complete(path), timeout=30)
    log(f"  saved “{suggested}”")
    return path


def main_flow(ui, cli, db, out_dir, env):
    a = ui.a

    step("Wait for the main window")
    ui.app = ui.wait("the application “kravkoll” on the accessibility bus",
                     lambda: next((x for x in a.Registry.getDesktop(0) if x is not None and x.name == "kravkoll"), None),
                     timeout=30)
    main = ui.window("Kravkoll", timeout=30)

    step(f"Catalogue: search for “{SEARCH}”")
    count = ui.find(main, a.ROLE_LABEL, re.compile(r"[1-9]\d* requirements?"), timeout=30,
                    what="the catalogue's count label “N requirements” (the catalogue loaded)")
    total = int(count.name.split()[0])
    if total < 20:
        raise StepFailed(f"the bundled catalogue has only {total} requirements")
    ui.set_text(ui.find(main, a.ROLE_ENTRY, "Search requirements"), SEARCH)
    shown = ui.wait(f"the count label to change from “{total} requirements” to “N of {total} requirements”",
                    lambda: re.fullmatch(rf"(\d+) of {total} requirements?", count.name))
    if not 0 < int(shown.group(1)) < total:
        raise StepFailed(f"the search for “{SEARCH}” shows “{count.name}”")
    log(f"  “{count.name}”")
    results = ui.find(main, a.ROLE_TREE_TABLE, "Requirements")
    ui.find(results, a.ROLE_LABEL, "LEV-KO-01", rows=True, what="LEV-KO-01 among the results")
    ui.audit(main, "the catalogue")

    step("Create a procurement")
    ui.press(ui.find(main, a.ROLE_PAGE_TAB, "Procurements"))
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "New procurement"))
    dialog = ui.window("New Procurement")
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Title"), TITLE)
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Registration number (dnr)"), DNR)
    ui.click(ui.find(dialog, a.ROLE_COMBO_BOX, "Category"))  # a combo row offers no accessible action
    ui.click(ui.find(dialog, a.ROLE_LABEL, CATEGORY, rows=True, what=f"“{CATEGORY}” in the category list"))
    suggested = ui.find(dialog, a.ROLE_LABEL, re.compile(r"The catalogue suggests \d+ requirements? .*"),
                        what="the note on the requirements the category suggests")
    n_suggested = int(suggested.name.split()[3])
    log(f"  “{suggested.name}”")
    ui.audit(dialog, "New Procurement")
    ui.press(ui.find(dialog, a.ROLE_PUSH_BUTTON, "Create"))
    ui.window_gone("New Procurement")
    ui.find(ui.find(main, a.ROLE_LIST, "Procurements"), a.ROLE_LABEL, TITLE, rows=True,
            what="the new procurement in the list")
    ui.find(main, a.ROLE_LABEL, "Draft 1 · Published 0 · Evaluating 0 · Decided 0")
    ui.find(main, a.ROLE_LABEL, f"{DNR} · {CATEGORY}", what="the procurement's dnr and category")
    ui.find(main, a.ROLE_PAGE_TAB, f"Requirements ({n_suggested})")

    step("Add requirements from the catalogue")
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Add Requirements…"))
    picker = ui.window("Add Requirements")
    status = ui.find(picker, a.ROLE_STATUS_BAR, re.compile(rf"{total} requirements · 0 checked"))
    ui.set_text(ui.find(picker, a.ROLE_ENTRY, "Search requirements"), "LEV-KO")
    ui.wait("the picker to show the LEV-KO requirements",
            lambda: re.fullmatch(rf"\d of {total} requirements · 0 checked", status.name))
    candidates = ui.find(picker, a.ROLE_TREE_TABLE, "Catalogue requirements")
    for code in PICKED:
        box = ui.find(candidates, a.ROLE_CHECK_BOX, f"Add {code}", rows=True)
        if not box.getState().contains(a.STATE_SENSITIVE):
            raise StepFailed(f"{code} cannot be checked: “{box.description}”")
        ui.click(box)  # a check button offers no accessible action
        ui.wait(f"{code} to be checked", lambda: box.getState().contains(a.STATE_CHECKED))
    ui.wait(f"the picker to count {len(PICKED)} checked", lambda: status.name.endswith(f" · {len(PICKED)} checked"))
    ui.audit(picker, "Add Requirements")
    ui.press(ui.find(picker, a.ROLE_PUSH_BUTTON, f"Add {len(PICKED)} Requirements"))
    ui.window_gone("Add Requirements")
    n_requirements = n_suggested + len(PICKED)
    ui.find(main, a.ROLE_PAGE_TAB, f"Requirements ({n_requirements})")
    listed = ui.find(main, a.ROLE_TREE_TABLE, "Requirements of the procurement")
    for code in PICKED:
        ui.find(listed, a.ROLE_LABEL, code, rows=True, what=f"{code} among the procurement's requirements")

    step("Publish the procurement")
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Publish…"))
    confirm = ui.window(f"Publish “{TITLE}”?")
    ui.find(confirm, a.ROLE_LABEL, re.compile(rf"Publishing freezes the wording of its {n_requirements} requirements: .*"),
            what=f"the confirmation to speak of {n_requirements} requirements")
    ui.press(ui.find(confirm, a.ROLE_PUSH_BUTTON, "Publish"))
    ui.window_gone(f"Publish “{TITLE}”?")
    ui.find(main, a.ROLE_LABEL, "Draft 0 · Published 1 · Evaluating 0 · Decided 0")
    ui.find(main, a.ROLE_LABEL, re.compile(r"Published .* the wording is frozen\."), what="the note that the wording is frozen")

    step("Add a supplier, registered on the spot")
    ui.press(ui.find(main, a.ROLE_PAGE_TAB, "Suppliers (0)"))
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Add Supplier…"))
    chooser = ui.window("Add Supplier")
    ui.find(chooser, a.ROLE_LABEL, "No Other Suppliers Registered")
    ui.audit(chooser, "the supplier chooser")
    ui.press(ui.find(chooser, a.ROLE_PUSH_BUTTON, "New Supplier…"))
    dialog = ui.window("Add Supplier", count=2)  # the new supplier dialog has the same title
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Name"), SUPPLIER)
    ui.set_text(ui.find(dialog, a.ROLE_TEXT, "Organisation number"), ORG_NUMBER.replace("-", ""))
    ui.find(dialog, a.ROLE_LABEL, f"Stored as {ORG_NUMBER}", what="the organisation number to be accepted")
    ui.audit(dialog, "the supplier dialog")
    ui.press(ui.find(dialog, a.ROLE_PUSH_BUTTON, "Add"))
    ui.window_gone("Add Supplier")
    ui.find(main, a.ROLE_PAGE_TAB, "Suppliers (1)")
    row = ui.find(ui.find(main, a.ROLE_LIST, "Suppliers in the procurement"), a.ROLE_LIST_ITEM, SUPPLIER, rows=True,
                  what=f"{SUPPLIER} among the procurement's suppliers")
    ui.find(row, a.ROLE_LABEL, f"{ORG_NUMBER} · 0 of {n_requirements} checked")

    step("Open the supplier's checklist")
    ui.click(row)  # an activatable list row offers no accessible action
    ui.find(main, a.ROLE_LABEL, f"{SUPPLIER} ({ORG_NUMBER})", what="the checklist's heading")
    progress = ui.find(main, a.ROLE_STATUS_BAR, f"0 of {n_requirements} checked", what="the checklist's progress")
    checklist = ui.find(main, a.ROLE_TREE_TABLE, "Checklist")
    ui.audit(main, "the checklist")

    step("Answer with the number keys: 1 = met, 3 = not met")
    for code, key, label in ANSWERS:
        cell = ui.find(checklist, a.ROLE_LABEL, code, rows=True, what=f"the checklist's row {code}")
        row = ui.ancestor(cell, a.ROLE_TABLE_ROW)
        ui.click(cell)  # selects the row and puts the keyboard focus in the list
        ui.wait(f"the row {code} to be selected", lambda: row.getState().contains(a.STATE_SELECTED))
        ui.key(key)
        ui.find(row, a.ROLE_LABEL, label, rows=True, what=f"the status of {code} to become “{label}”")
        log(f"  {code}: key {key} → {label}")
    n_not_met = sum(1 for _, key, _ in ANSWERS if KEY_STATUS[key] == "not_met")
    expected = f"{len(ANSWERS)} of {n_requirements} checked, {n_not_met} SHALL not met"
    ui.wait(f"the progress to read “{expected}”", lambda: progress.name == expected)
    ui.find(main, a.ROLE_STATUS_BAR, re.compile(rf"Fails {n_not_met} SHALL requirements?: .*"), what="the verdict")
    log(f"  “{progress.name}”")

    step("Export the supplier's checklist")
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Export Checklist…"))
    checklist_xlsx = save_as(ui, "Save Checklist", out_dir)

    step("Export the requirement appendix")
    ui.press(ui.find(main, a.ROLE_PUSH_BUTTON, "Back to the procurement"))
    ui.wait("the checklist to close", lambda: not ui.query(main, a.ROLE_TREE_TABLE, "Checklist", first=True))
    export = ui.find(main, a.ROLE_PUSH_BUTTON, "Export")
    ui.audit(main, "the procurement")
    ui.press(export)
    ui.press(ui.find(export, a.ROLE_MENU_ITEM, "Requirement Appendix (PDF)…"))
    appendix_pdf = save_as(ui, "Save Requirement Appendix", out_dir)

    step("Close the window")
    close = ui.wait("the window's Close button", lambda: next(iter(ui.descendants(
        main, lambda n, r: r == a.ROLE_PUSH_BUTTON and n.name == "Close" and n.description == "Close the window",
        first=True)), None))
    ui.press(close)
    deadline = time.monotonic() + 15
    while ui.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if ui.proc.poll() is None:
        raise StepFailed("kravkoll is still running 15 s after its window was closed")
    if ui.proc.returncode != 0:
        raise StepFailed(f"kravkoll exited with status {ui.proc.returncode}")

    statuses = {code: KEY_STATUS[key] for code, key, _ in ANSWERS}
    check_appendix(appendix_pdf, [code for code, _, _ in ANSWERS] + list(PICKED))
    check_checklist(checklist_xlsx, n_requirements, statuses)
    check_database(db, n_requirements, statuses)
    check_cli(cli, db, env, statuses)


# ---------------------------------------------------------------------------
# The independent checks

def run(argv, what):
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise StepFailed(f"{what} exited with status {r.returncode}: {r.stderr.strip()}")
    return r.stdout


def check_appendix(path, codes):
    step("Check the appendix with pdfinfo and pdftotext")
    info = run(["pdfinfo", path], "pdfinfo")
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    if size is None:
        raise StepFailed(f"pdfinfo shows no page size for {path}:\n{info}")
    width, height = float(size.group(1)), float(size.group(2))
    if abs(width - 595.28) > 1 or abs(height - 841.89) > 1:
        raise StepFailed(f"the appendix's pages are {width} x {height} pt, not A4 (595.28 x 841.89)")
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)
    text = " ".join(run(["pdftotext", "-layout", path, "-"], "pdftotext").split())  # it wraps long lines
    for wanted in [DNR, TITLE] + codes:
        if wanted not in text:
            raise StepFailed(f"the appendix's text has no “{wanted}”")
    log(f"  A4, {pages} pages; names {DNR}, “{TITLE}”, {', '.join(codes)}")


def check_checklist(path, n_requirements, statuses):
    step("Check the checklist with openpyxl")
    import openpyxl
    wb = openpyxl.load_workbook(path)
    if "kravkoll" not in wb.sheetnames:
        raise StepFailed(f"the workbook has no sheet “kravkoll”, only {wb.sheetnames}")
    ws = wb["kravkoll"]
    if ws.sheet_state not in ("hidden", "veryHidden"):
        raise StepFailed(f"the sheet “kravkoll” is {ws.sheet_state}, not hidden")
    meta = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}
    for key, value in {"dnr": DNR, "procurement_title": TITLE, "supplier_name": SUPPLIER,
                       "org_number": ORG_NUMBER, "n_requirements": n_requirements}.items():
        if meta.get(key) != value:
            raise StepFailed(f"the sheet “kravkoll” has {key} = {meta.get(key)!r}, not {value!r}")
    sheet = wb[meta["sheet"]]
    answers = {}
    for r in range(int(meta["first_row"]), sheet.max_row + 1):
        code = sheet[f"{meta['code_column']}{r}"].value
        if code:
            answers[code] = sheet[f"{meta['answer_column']}{r}"].value
    if len(answers) != n_requirements:
        raise StepFailed(f"the sheet “{sheet.title}” has {len(answers)} requirements, not {n_requirements}")
    words = {"met": ("Uppfyllt", "Met"), "not_met": ("Ej uppfyllt", "Not met")}  # the document's language
    for code, status in statuses.items():
        if answers[code] not in words[status]:
            raise StepFailed(f"the workbook answers {code} with {answers[code]!r}, not {words[status][0]!r}")
    log(f"  the hidden sheet “kravkoll” names {DNR}; “{sheet.title}” has {len(answers)} rows and the answers")


def sqlite(db, sql):
    return [line.split("|") for line in run(["sqlite3", "-readonly", db, sql], "sqlite3").splitlines()]


def check_database(db, n_requirements, statuses):
    step("Check the database with the sqlite3 tool")
    rows = sqlite(db, "SELECT pr.code, an.status, an.checked_by FROM answer an "
                      "JOIN procurement_requirement pr ON pr.id = an.procurement_requirement "
                      "JOIN procurement p ON p.id = pr.procurement "
                      f"WHERE p.dnr = '{DNR}' AND an.status <> 'unanswered' ORDER BY pr.position")
    answers = {code: status for code, status, _ in rows}
    if answers != statuses:
        raise StepFailed(f"the database holds the answers {answers}, not {statuses}")
    for code, _, checked_by in rows:
        if checked_by != ACTOR:
            raise StepFailed(f"the answer to {code} was checked by {checked_by!r}, not {ACTOR!r}")
    [[status, count]] = sqlite(db, "SELECT p.status, count(*) FROM procurement p "
                                   f"JOIN procurement_requirement pr ON pr.procurement = p.id WHERE p.dnr = '{DNR}'")
    if (status, int(count)) != ("published", n_requirements):
        raise StepFailed(f"the procurement is {status} with {count} requirements, not published with {n_requirements}")
    audit = sqlite(db, "SELECT json_extract(detail, '$.code'), json_extract(detail, '$.old_status'), "
                       "json_extract(detail, '$.status'), actor FROM audit_log WHERE action = 'answer.set' ORDER BY id")
    if ({code: new for code, _, new, _ in audit} != statuses or len(audit) != len(statuses)
            or any(old != "unanswered" or actor != ACTOR for _, old, _, actor in audit)):
        raise StepFailed(f"the audit log's answer.set rows are {audit}; expected one for each of {statuses}, "
                         f"from unanswered, by {ACTOR}")
    actions = [action for [action] in sqlite(db, "SELECT DISTINCT action FROM audit_log ORDER BY action")]
    for action in ("procurement.create", "procurement.add_requirements", "procurement.status",
                   "supplier.add", "procurement.add_supplier", "answer.set"):
        if action not in actions:
            raise StepFailed(f"the audit log has no “{action}” row, only {actions}")
    log(f"  answers {answers}, each with its audit row; the audit log holds {', '.join(actions)}")


def check_cli(cli, db, env, statuses):
    step("Check the answers with kravkoll-cli")
    r = subprocess.run([cli, "--db", db, "answer", "list", DNR, ORG_NUMBER, "--format", "json"],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise StepFailed(f"kravkoll-cli answer list exited with status {r.returncode}: {r.stderr.strip()}")
    listed = {row["code"]: row["status"] for row in json.loads(r.stdout) if row["status"] != "unanswered"}
    if listed != statuses:
        raise StepFailed(f"kravkoll-cli lists the answers {listed}, not {statuses}")
    log(f"  the same answers: {listed}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: test_main_flow.py PATH/TO/kravkoll PATH/TO/kravkoll-cli", file=sys.stderr)
        sys.exit(2)
    if os.environ.get("KK_E2E_INNER"):
        sys.exit(inner(sys.argv[1:], os.environ["KK_E2E_INNER"]))
    sys.exit(outer(sys.argv[1:]))
