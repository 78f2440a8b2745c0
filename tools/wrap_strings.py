"""Find, and wrap, the sentences a person reads in core/, ui/, printing/ and net/.

    .venv/bin/python tools/wrap_strings.py            list the bare sentences (exit 1 if any)
    .venv/bin/python tools/wrap_strings.py --write    wrap them, then run ruff on the files

A sentence inside a function becomes `_("…")`; an f-string becomes `_("… {name} …").format(
name=…)`; a sentence evaluated at import time (a module or class level table) becomes
`N_("…")`, to be shown through `_()` where it is displayed (the codemod lists those for a
person to check). `self.tr(x)` becomes `_(x)`. The import of `_`/`N_` is added and sorted.

What is NOT a sentence (`is_sentence`, shared with tests/core/test_translatable_strings.py):
docstrings, identifiers and keys ('seriesSessionsTable', 'step_words'), Qt style sheets,
object names, properties, settings keys, shortcuts, date patterns, log lines, comparisons,
dict keys, subscripts, SQL, and any line ending in the comment `# not-ui-text` (on the first
line of a statement, it leaves the whole statement alone: a table of keys, a list of driver
messages). The room's own multilingual texts (`ROOM_TEXT_FILES`: sheet words, check-in texts,
scale names in six languages) are tables at import time, not the facilitator's sentences; the
refusals those files raise inside functions are scanned as any other.
Core's refusals (`AttuneError`, `ValueError` messages) are wrapped in `_()` where they are raised,
so they are translated into the UI language chosen at start, not frozen at import time.
Re-running it after a merge is safe: wrapped sentences are skipped.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = (
    "attune_desktop/cli.py",
    "attune_desktop/cli_org.py",
    "attune_desktop/cli_print.py",
    "attune_desktop/cli_series.py",
    "attune_desktop/core",
    "attune_desktop/ui",
    "attune_desktop/printing",
    "attune_desktop/net",
)
# Never the facilitator's sentences: database migrations (SQL and keys only), and the room's
# words for family sheets and check-in pages, written in six languages by hand.
SKIPPED = (
    "attune_desktop/core/storage/migrations",
    "attune_desktop/core/org/migrations",
    "attune_desktop/core/sheet_words.py",
    "attune_desktop/core/checkin_texts.py",
)
# Files whose import-time tables are the room's texts in six languages (not gettext's job:
# docs/decisions/0014-translations.md); their functions' refusals are still scanned.
ROOM_TEXT_FILES = frozenset(
    {
        "attune_desktop/core/checkin_scales.py",
        "attune_desktop/core/pacer_words.py",
    }
)
OPT_OUT = "# not-ui-text"
TRANSLATORS = frozenset({"_", "N_", "ngettext", "pgettext", "tr"})
# Calls whose string arguments are never shown as words.
TECHNICAL_CALLS = frozenset(
    {
        "setObjectName", "named", "setProperty", "property", "setStyleSheet", "QColor", "QFont",
        "QKeySequence", "getattr", "setattr", "hasattr", "encode", "decode", "TypeVar", "cast",
        "open", "Path", "glob", "rglob", "replace", "removesuffix", "removeprefix", "startswith",
        "endswith", "split", "rsplit", "partition", "compile", "sub", "fullmatch", "match",
        "search", "setDisplayFormat", "get", "pop", "getall", "isinstance", "Signal", "Slot",
        "setdefault", "strftime", "strptime", "fromisoformat", "toString", "fromString",
        "add_get", "add_post", "add_route", "get_extra_info", "joinpath", "with_suffix",
        "QIcon", "fromTheme", "QUrl", "setCreator", "setDefaultSuffix", "setFamily",
        "addApplicationFont", "import_module", "environ", "getenv", "format_datetime",
        "format_date", "format_time", "setNameFilter", "value", "setValue", "contains",
        "sheet", "needed", "field", "findChild", "findChildren", "debug", "info",
        "exception", "critical_log", "TextBlock", "setFormat", "loads", "dumps", "index",
        "strip", "rstrip", "lstrip", "count", "find", "rfind", "union", "create",
        "text", "execute", "exec_driver_sql", "executescript", "connect", "scalar", "ZoneInfo",
        "AssertionError", "NotImplementedError",
    }
)  # fmt: skip
# Calls that show their string argument to a person, even a single lower-case word.
TEXT_CALLS = frozenset(
    {
        "setSuffix", "setPrefix", "setText", "setWindowTitle", "setToolTip", "setStatusTip",
        "setPlaceholderText", "setSpecialValueText", "setTitle", "setLabelText", "showMessage",
        "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "addItem",
        "addAction", "addMenu", "addTab", "setAccessibleName", "setAccessibleDescription",
    }
)  # fmt: skip
# Receivers whose methods take keys, not sentences (settings.text("key"), log.warning(...)).
TECHNICAL_RECEIVERS = re.compile(r"(^|_)(settings|log|logger|logging|os|re|json|request)$")
TECHNICAL_KEYWORDS = frozenset(
    {
        "objectName", "encoding", "content_type", "charset", "samesite", "kind", "name",
        "key", "suffix", "metavar", "dest", "errors", "mode", "sep", "fill", "muted", "accent",
        "rule", "text_color", "window", "base", "alt_base", "sidebar", "border", "warm",
        "disabled_text", "accent_text", "family", "property_name", "object_name", "pattern",
        "ondelete", "onupdate", "pacing", "drivername", "service_name", "sa_type", "server_default",
    }
)  # fmt: skip
WORD = re.compile(r"[^\W\d_]{2,}")
IDENTIFIER = re.compile(
    r"[a-z0-9_.\-/:*%#]+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z0-9_]+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+"
    r"|[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})+"  # a locale: ar_AE, zh-Hans
)
STYLE_SHEET = re.compile(
    r"[{};]\s*$|^\s*[A-Za-z#.*][\w#.\-: ]*\{|(^|[{;])\s*[a-z-]+\s*:\s*[^;{}]+;"
)
DATE_PATTERN = re.compile(r"(?:d{1,4}|M{1,4}|y{2,4}|h{1,2}|H{1,2}|m{2}|s{2}|ap|AP|[ :/.,\-'])+")
HTML_ONLY = re.compile(r"^\s*</?[a-zA-Z][^>]*>\s*$")
ATTRIBUTES = re.compile(r"(\s*[\w-]+=[\"'][^\"']*[\"'])+\s*")  # dir="rtl" align="right"
SHORTCUT = re.compile(
    r"(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+|F\d{1,2}|[\w-]+\.(?:md|txt|json|py|html|css)"
)
# SQL (a statement or a clause of one), written in capitals as the code base does.
SQL = re.compile(
    r"^\s*,?\s*(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|ALTER|DROP|GRANT|REVOKE|PRAGMA"
    r"|BEGIN|COMMIT|SET|WHERE|AND|OR|FROM|USING|VALUES|ON CONFLICT|ORDER BY|WITH)\b"
)
TAG = re.compile(r"<!?/?[a-zA-Z][^>]*>?|^[^<]*>|\{[^{}]*\}")


def looks_like_words(text: str) -> bool:
    """Whether a literal reads as words to a person, not as a key, a pattern or a style."""
    plain = re.sub(
        r"\{\w+(?:![rs])?(?::[^{}]*)?\}", "x", text
    )  # 'fewer than {small}' ends in words
    if STYLE_SHEET.search(plain) or SHORTCUT.fullmatch(text.strip()) or SQL.match(text):
        return False
    stripped = TAG.sub(" ", text).strip()  # the words between HTML tags, not the tags
    stripped = re.sub(r"&\w+;", " ", stripped).strip()
    if not WORD.search(stripped) or IDENTIFIER.fullmatch(stripped):
        return False
    if STYLE_SHEET.search(stripped) or HTML_ONLY.match(stripped) or ATTRIBUTES.fullmatch(stripped):
        return False
    # Word-like yet technical: a date pattern ('dd MMM yyyy'), a file filter alone ('*.pdf').
    return not DATE_PATTERN.fullmatch(stripped)


def _call_name(call: ast.Call) -> tuple[str, str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        receiver = func.value
        receiver_name = (
            receiver.attr
            if isinstance(receiver, ast.Attribute)
            else receiver.id
            if isinstance(receiver, ast.Name)
            else ""
        )
        return func.attr, receiver_name
    if isinstance(func, ast.Name):
        return func.id, ""
    return "", ""


@dataclass(frozen=True)
class Found:
    node: ast.expr  # an ast.Constant or an ast.JoinedStr
    at_import: bool  # evaluated when the module is imported (module or class level)
    in_translator: bool  # already the argument of _()/N_()/tr()


class _Finder(ast.NodeVisitor):
    def __init__(self, lines: list[str], room_texts: bool = False) -> None:
        self.lines = lines
        self.room_texts = room_texts
        self.found: list[Found] = []
        self.parents: dict[ast.AST, ast.AST] = {}
        self.depth = 0

    def run(self, tree: ast.Module) -> list[Found]:
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.visit(tree)
        return self.found

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        # Decorators and default values are evaluated at import time; only the body runs later.
        for outer in (*getattr(node, "decorator_list", ()), *node.args.defaults):
            self.visit(outer)
        for default in node.args.kw_defaults:
            if default is not None:
                self.visit(default)
        self.depth += 1
        for inner in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(inner)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str):
            return
        if looks_like_words(node.value) or (WORD.search(node.value) and self._shown(node)):
            self._consider(node)

    def _shown(self, node: ast.AST) -> bool:
        """A single word given to a call that shows text ('min' to setSuffix)."""
        child, parent = node, self.parents.get(node)
        while isinstance(parent, ast.IfExp | ast.BinOp):
            child, parent = parent, self.parents.get(parent)
        return (
            isinstance(parent, ast.Call)
            and _call_name(parent)[0] in TEXT_CALLS
            and bool(parent.args)
            and parent.args[0] is child  # the text, not the data beside it
        )

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # A placeholder reads as "x": f"{n} min" → "x min" (words), f"run_{key}" → "run_x" (a key).
        words = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "x"
            for part in node.values
        )
        if looks_like_words(words.replace("{", " ").replace("}", " ")):
            self._consider(node)
        # Parts of an f-string are not sentences on their own.

    def _consider(self, node: ast.expr) -> None:
        if any(OPT_OUT in self.lines[n - 1] for n in range(node.lineno, node.end_lineno + 1)):
            return
        if self.room_texts and self.depth == 0:
            return  # the room's multilingual tables
        statement = self._statement(node)
        if statement is not None and OPT_OUT in self.lines[statement.lineno - 1]:
            return
        parent = self.parents.get(node)
        child: ast.AST = node
        # Look through a conditional or a concatenation to the call or statement using it.
        while isinstance(parent, ast.IfExp | ast.BinOp | ast.BoolOp) and not (
            isinstance(parent, ast.IfExp) and child is parent.test
        ):
            child, parent = parent, self.parents.get(parent)
        if self._technical(parent, child):
            return
        in_translator = isinstance(parent, ast.Call) and _call_name(parent)[0] in TRANSLATORS
        self.found.append(Found(node, self.depth == 0, in_translator))

    def _statement(self, node: ast.AST) -> ast.stmt | None:
        """The simple statement holding a node (not a `def`, `if` or `with` around it)."""
        parent = self.parents.get(node)
        while parent is not None and not isinstance(parent, ast.stmt):
            parent = self.parents.get(parent)
        compound = (
            ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.While,
            ast.With, ast.Try,
        )  # fmt: skip
        return None if isinstance(parent, compound) else parent  # type: ignore[return-value]

    def _technical(self, parent: ast.AST | None, child: ast.AST) -> bool:
        if parent is None or isinstance(parent, ast.Expr | ast.Compare | ast.Subscript | ast.arg):
            return True  # a docstring, a comparison, an index, an annotation
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) or (
            isinstance(parent, ast.AnnAssign) and child is parent.annotation
        ):
            return True
        if isinstance(parent, ast.Dict) and any(key is child for key in parent.keys):
            return True
        if isinstance(parent, ast.keyword):
            return parent.arg in TECHNICAL_KEYWORDS
        if isinstance(parent, ast.Assign | ast.AnnAssign):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            return any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)
        if isinstance(parent, ast.Call):
            name, receiver = _call_name(parent)
            if name in TRANSLATORS:
                return False
            return name in TECHNICAL_CALLS or bool(TECHNICAL_RECEIVERS.search(receiver))
        if isinstance(parent, ast.Tuple | ast.List | ast.Set):
            grand = self.parents.get(parent)
            if isinstance(grand, ast.Compare):
                return True  # `x in ("a", "b")`
            if isinstance(grand, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in grand.targets
            ):
                return True
            if isinstance(grand, ast.Call) and _call_name(grand)[0] in TECHNICAL_CALLS:
                return True
        return False


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def find(path: Path) -> list[Found]:
    source = path.read_text(encoding="utf-8")
    room_texts = _relative(path) in ROOM_TEXT_FILES
    return _Finder(source.splitlines(), room_texts).run(ast.parse(source))


def bare_sentences(path: Path) -> list[Found]:
    """The sentences in a file that do not go through the translation functions."""
    return [found for found in find(path) if not found.in_translator]


def scanned_files(root: Path = ROOT) -> list[Path]:
    return sorted(
        p
        for folder in SCANNED
        for p in ([root / folder] if folder.endswith(".py") else (root / folder).rglob("*.py"))
        if not any(p == root / s or p.is_relative_to(root / s) for s in SKIPPED)
    )


# --- rewriting ---------------------------------------------------------------------------------


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.encode("utf-8").splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def _segment(data: bytes, starts: list[int], node: ast.AST) -> tuple[int, int]:
    begin = starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
    end = starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
    return begin, end


# Calls that only dress a value: the placeholder is named after the value (escape(title) → title).
_WRAPPERS = frozenset(
    {
        "escape", "html_escape", "quote", "str", "repr", "int", "float", "round", "abs", "sorted",
        "list", "tuple", "set", "strip", "lower", "upper", "title", "splitlines", "casefold",
        "capitalize", "as_posix", "resolve", "get",
    }
)  # fmt: skip


def _base_name(expr: ast.expr) -> str:
    """A readable name for what an f-string shows: `{title}`, `{count}`, never `{value3}`."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Subscript):
        return _base_name(expr.value)
    if isinstance(expr, ast.UnaryOp):
        return _base_name(expr.operand)
    if isinstance(expr, ast.BinOp):
        return _base_name(expr.left)
    if isinstance(expr, ast.BoolOp):
        return _base_name(expr.values[0])
    if isinstance(expr, ast.IfExp):
        return _base_name(expr.body)
    if isinstance(expr, ast.Call):
        func = expr.func
        name = _call_name(expr)[0]
        if name == "len":
            return "count"
        if name == "join" and expr.args:
            return _base_name(expr.args[0])
        if name in _WRAPPERS:
            if expr.args:
                return _base_name(expr.args[0])
            if isinstance(func, ast.Attribute):
                return _base_name(func.value)
        return name
    return ""


def _placeholder(expr: ast.expr, index: int, used: dict[str, str], text: str) -> str:
    """The placeholder for one expression; the same expression twice shares one name."""
    base = re.sub(r"\W", "", _base_name(expr).strip("_").lower()) or "value"
    if base.endswith("_names"):
        base = base.removesuffix("_names")
    name, number = base, 2
    while name in used and used[name] != text:
        name, number = f"{base}{number}", number + 1
    used[name] = text
    return name


def _fstring_call(node: ast.JoinedStr, source: bytes, starts: list[int], marker: str) -> str:
    text, arguments, used = [], {}, dict[str, str]()
    for index, part in enumerate(node.values):
        if isinstance(part, ast.Constant):
            text.append(str(part.value).replace("{", "{{").replace("}", "}}"))
            continue
        assert isinstance(part, ast.FormattedValue)
        begin, end = _segment(source, starts, part.value)
        expression = source[begin:end].decode("utf-8")
        name = _placeholder(part.value, index, used, expression)
        arguments[name] = expression
        conversion = "" if part.conversion == -1 else "!" + chr(part.conversion)
        spec = ""
        if part.format_spec is not None:
            spec = ":" + "".join(
                str(p.value) for p in part.format_spec.values if isinstance(p, ast.Constant)
            )
        text.append("{" + name + conversion + spec + "}")
    call_arguments = ", ".join(f"{k}={v}" for k, v in arguments.items())
    return f"{marker}({_literal(''.join(text))}).format({call_arguments})"


def _literal(text: str, width: int = 72) -> str:
    """A string literal, cut at spaces into implicitly joined pieces when it is long."""
    if len(repr(text)) <= width:
        return repr(text)
    pieces, piece = [], ""
    for word in re.split(r"(?<= )", text):
        if piece and len(repr(piece + word)) > width:
            pieces.append(piece)
            piece = ""
        piece += word
    pieces.append(piece)
    return "\n" + "\n".join(repr(p) for p in pieces) + "\n"


def rewrite(path: Path) -> tuple[int, list[str]]:
    """Wrap the bare sentences of one file; returns how many, and those left for a person."""
    text = path.read_text(encoding="utf-8")
    source = text.encode("utf-8")
    starts = _offsets(text)
    tree = ast.parse(text)
    edits: list[tuple[int, int, str]] = []
    markers: set[str] = set()
    to_check: list[str] = []
    for found in find(path):
        node = found.node
        if found.in_translator:
            continue
        marker = "N_" if found.at_import else "_"
        begin, end = _segment(source, starts, node)
        if isinstance(node, ast.JoinedStr):
            if found.at_import:
                to_check.append(f"{path}:{node.lineno}: f-string at import time, left bare")
                continue
            replacement = _fstring_call(node, source, starts, marker)
        else:
            replacement = f"{marker}({source[begin:end].decode('utf-8')})"
        if found.at_import:
            to_check.append(f"{path}:{node.lineno}: N_() — translate it with _() where shown")
        edits.append((begin, end, replacement))
        markers.add(marker)
    # self.tr(x) → _(x)
    for call in ast.walk(tree):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "tr"
            and len(call.args) == 1
        ):
            begin, end = _segment(source, starts, call.func)
            edits.append((begin, end, "_"))
            markers.add("_")
    if not edits:
        return 0, to_check
    for begin, end, replacement in sorted(edits, reverse=True):
        source = source[:begin] + replacement.encode("utf-8") + source[end:]
    new_text = source.decode("utf-8")
    new_text = _add_import(new_text, tree, markers)
    path.write_text(new_text, encoding="utf-8")
    return len(edits), to_check


def _add_import(text: str, tree: ast.Module, markers: set[str]) -> str:
    have = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "attune_desktop.core.i18n"
        for alias in node.names
    }
    missing = sorted(markers - have)
    if not missing:
        return text
    line = f"from attune_desktop.core.i18n import {', '.join(missing)}\n"
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    lines = text.splitlines(keepends=True)
    after = imports[-1].end_lineno if imports else 0
    if not imports:  # after the docstring
        body = tree.body
        first = body[0] if body else None
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        after = first.end_lineno if docstring and first is not None else 0
        line = "\n" + line
    lines.insert(after or 0, line)
    return "".join(lines)


def main(argv: list[str]) -> int:
    write = "--write" in argv
    files = [Path(a).resolve() for a in argv if not a.startswith("--")] or scanned_files()
    total, changed, notes = 0, [], []
    for path in files:
        if write:
            count, to_check = rewrite(path)
            notes += to_check
            if count:
                changed.append(str(path))
                total += count
        else:
            for found in bare_sentences(path):
                source = ast.get_source_segment(path.read_text(encoding="utf-8"), found.node)
                print(f"{path.relative_to(ROOT)}:{found.node.lineno}: {source}")
                total += 1
    if write and changed:
        ruff = [sys.executable, "-m", "ruff"]
        subprocess.run([*ruff, "check", "--fix", "--select", "I,F401", "-q", *changed], check=False)
        subprocess.run([*ruff, "format", "-q", *changed], check=False)
        print("\n".join(notes))
        print(f"wrapped {total} sentences in {len(changed)} files")
        return 0
    print(f"{total} bare sentences")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
