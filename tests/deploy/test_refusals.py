"""Every refusal the source raises is one the web app can word: read from the source.

A problem class lists the `code`s it names in `reasons` (the web app words each,
test_web_catalogues.py and problems.test.ts); nothing at run time ties a raise's code
to that list, so a code raised but not listed is shown as the English detail, and a
reason listed but never raised is wording nobody reads. This reads every component's
source (ast) and resolves each call of a problem class — `Cls(..., code="x")`,
`Cls.helper(..., "x", ...)` by the helper's `code` parameter, `cls(...)` inside the
class — in its module, so an alias or an import from elsewhere resolves as Python does.
Chosen over a check in `Problem.__init__`: that sees only the raises a test happens to
reach, this sees all of them, and finds the dead reasons too.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from apik_shared.devstack.components import COMPONENTS
from apik_shared.platform.problem_types import problem_classes
from apik_shared.platform.problems import InvalidInput, Problem
from apik_shared.vocabulary.inputs import invalid

from .topology import ROOT

# The one module that builds a problem's `errors` entries: `field_error`, `InvalidInput.
# field/at/each` and the validation problem, each with its code.
ENTRIES_BUILT_IN = "shared/apik_shared/platform/problems.py"
# Params whose value is a code of a state machine: said in words (`labels.named`).
CODE_VALUED = {"status", "target", "stage", "step"}
# Raises whose code a pure rule computes (`code=refusal.code`): the module that holds
# the codes as literals, and the codes. The check reads each there, so a rule that
# drops or renames one fails as a raise would.
COMPUTED: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("services/examination/apik_examination/closure/service.py", "CaseStepRefused"): (
        "services/examination/apik_examination/closure/rules.py",
        (
            "outcome_needs_report",
            "outcome_against_finding",
            "no_corrective_action",
            "actions_not_done",
        ),
    ),
    ("services/prevention/apik_prevention/agreements/service/__init__.py", "NotActivatable"): (
        "services/prevention/apik_prevention/agreements/rules.py",
        ("no_document", "ended", "mou_not_active"),
    ),
    ("services/prevention/apik_prevention/studies/service/__init__.py", "NotFollowedUpYet"): (
        "services/prevention/apik_prevention/studies/rules.py",
        ("study_not_published", "no_evidence"),
    ),
    ("services/prevention/apik_prevention/articles/service.py", "PreventionForbidden"): (
        "services/prevention/apik_prevention/articles/rules.py",
        ("head_only", "own_article", "writers_only"),
    ),
    ("services/prevention/apik_prevention/villages/service.py", "NotReady"): (
        "services/prevention/apik_prevention/villages/service.py",
        ("no_assessment", "score_incomplete"),
    ),
    ("services/prevention/apik_prevention/publication/service.py", "NotReady"): (
        "services/prevention/apik_prevention/publication/service.py",
        ("entries_unreviewed", "answers_missing"),
    ),
}


@dataclass(frozen=True)
class Raised:
    where: str  # file:line
    cls: type[Problem]
    code: str | None  # None: no code given
    literal: bool  # False: the code is an expression this check cannot read


def _packages() -> list[Path]:
    found = [ROOT / "shared" / "apik_shared", ROOT / "gateway" / "apik_gateway"]
    found += sorted((ROOT / "services").glob("*/apik_*"))
    return found


def _modules() -> Iterator[tuple[Path, ModuleType]]:
    for package in _packages():
        for path in sorted(package.rglob("*.py")):
            relative = path.relative_to(package.parent)
            skipped = {"migrations", "devstack"}  # a __main__ runs a program when imported
            if skipped & set(relative.parts) or path.name == "__main__.py":
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            yield path, importlib.import_module(name)


def _literals(code: ast.expr | None) -> list[str] | None:
    """The codes an expression can be: a literal, or either literal of `a if c else b`."""
    if isinstance(code, ast.Constant) and isinstance(code.value, str):
        return [code.value]
    if isinstance(code, ast.IfExp):
        either = [_literals(code.body), _literals(code.orelse)]
        return None if None in either else [c for one in either for c in one or []]
    return None


def _computed(where: str, cls: type[Problem]) -> list[str] | None:
    """A computed code's possible values, each read as a literal where COMPUTED says."""
    known = COMPUTED.get((where.split(":")[0], cls.__name__))
    if known is None:
        return None
    module, codes = known
    tree = ast.parse((ROOT / module).read_text())
    written = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    return [code for code in codes if code in written]


def _problem(obj: object) -> type[Problem] | None:
    return obj if inspect.isclass(obj) and issubclass(obj, Problem) else None


def _code_argument(call: ast.Call, method: object) -> tuple[bool, ast.expr | None]:
    """(whether the call says a code, the expression that says it)."""
    for keyword in call.keywords:
        if keyword.arg == "code" or keyword.arg is None:  # `**rule(...)` may hold one
            return True, keyword.value
    if not callable(method):
        return False, None
    names = [p for p in inspect.signature(method).parameters]  # bound: `cls` is gone
    if "code" in names and names.index("code") < len(call.args):
        return True, call.args[names.index("code")]
    # A helper that names its code itself (`step_refused`, `in_status`) is read where
    # it is defined (its own `cls(...)`), not at each call.
    return "code" not in names, None


class _Scan(ast.NodeVisitor):
    def __init__(self, path: Path, module: ModuleType) -> None:
        self.path, self.module = path, module
        self.classes: list[type[Problem] | None] = []
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.raised: list[Raised] = []
        self.bare: list[str] = []  # code-valued params given as a bare code
        self.fields: list[Raised] = []  # a field's own refusal: `InvalidInput.field`, `invalid`
        self.validators: set[str] = set()  # functions pydantic calls to validate a field
        self.value_errors: list[tuple[str, str]] = []  # (function, where)
        self.hand_built: list[str] = []  # an `errors` entry written as a dict literal

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(_problem(getattr(self.module, node.name, None)))
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        decorators = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
        if any(isinstance(d, ast.Name) and d.id.endswith("_validator") for d in decorators):
            self.validators.add(node.name)
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _target(self, func: ast.expr) -> tuple[type[Problem] | None, object]:
        if isinstance(func, ast.Name):
            if func.id == "cls" and self.classes:
                return self.classes[-1], None
            return _problem(getattr(self.module, func.id, None)), None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            cls = _problem(getattr(self.module, func.value.id, None))
            if cls is not None:
                return cls, getattr(cls, func.attr, None)
        return None, None

    def _is_parameter(self, name: str) -> bool:
        function = self.functions[-1] if self.functions else None
        if function is None:
            return False
        arguments = function.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        return any(a.arg == name for a in every)

    def _named_param(self, value: ast.expr) -> bool:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            return value.func.id == "named"
        # A helper's parameter typed `Named` (`in_status(detail, status: Named)`).
        return isinstance(value, ast.Name) and self._is_parameter(value.id)

    def visit_Dict(self, node: ast.Dict) -> None:
        # `{"pointer": …, "detail": …}` is a field's entry in a problem's `errors`: built
        # by hand it may lack a code (the app then shows the English), and its code,
        # if any, escapes the list below. `{**error, "pointer": …}` moves an entry that
        # has its code already.
        keys = [k.value if isinstance(k, ast.Constant) else k for k in node.keys]
        where = f"{self.path.relative_to(ROOT)}:{node.lineno}"
        helper = where.split(":")[0] == ENTRIES_BUILT_IN and "code" in keys
        if "pointer" in keys and None not in keys and not helper:
            self.hand_built.append(where)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(raised, ast.Name) and raised.id == "ValueError" and self.functions:
            where = f"{self.path.relative_to(ROOT)}:{node.lineno}"
            self.value_errors.append((self.functions[-1].name, where))
        self.generic_visit(node)

    def _field_code(self, node: ast.Call) -> tuple[bool, ast.expr | None]:
        """(whether the call refuses one field, the expression naming its code)."""
        func, keyword = node.func, next((k.value for k in node.keywords if k.arg == "code"), None)
        if isinstance(func, ast.Name) and getattr(self.module, func.id, None) is invalid:
            return True, node.args[0] if node.args else keyword
        cls, _ = self._target(func)
        if cls is not None and issubclass(cls, InvalidInput):
            return isinstance(func, ast.Attribute) and func.attr == "field", keyword
        return False, None

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id.endswith("Validator"):
            self.validators |= {a.id for a in node.args if isinstance(a, ast.Name)}
        refuses, field_code = self._field_code(node)
        if refuses:
            where = f"{self.path.relative_to(ROOT)}:{node.lineno}"
            found = _literals(field_code)
            named: list[str | None] = [*found] if found else [None]
            self.fields += [Raised(where, InvalidInput, c, c is not None) for c in named]
            self.generic_visit(node)
            return
        cls, method = self._target(node.func)
        if cls is not None and (method is None or callable(method)):
            where = f"{self.path.relative_to(ROOT)}:{node.lineno}"
            says, code = _code_argument(node, method)
            codes = _literals(code)
            if codes is None and code is not None:
                codes = _computed(where, cls)
            if codes is not None:
                self.raised += [Raised(where, cls, c, True) for c in codes]
            elif code is not None and not (
                isinstance(code, ast.Name) and self._is_parameter(code.id)
            ):
                self.raised.append(Raised(where, cls, None, False))
            elif not says:
                self.raised.append(Raised(where, cls, None, True))
            self._check_params(node, where)
        self.generic_visit(node)

    def _check_params(self, node: ast.Call, where: str) -> None:
        for keyword in node.keywords:
            if keyword.arg != "params" or not isinstance(keyword.value, ast.Dict):
                continue
            for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                coded = isinstance(key, ast.Constant) and key.value in CODE_VALUED
                if coded and key is not None and not self._named_param(value):
                    self.bare.append(f"{where} {ast.unparse(key)}")


@dataclass(frozen=True)
class _Scanned:
    raised: list[Raised]
    bare: list[str]
    fields: list[Raised]
    value_errors: list[str]
    hand_built: list[str]


def _scan() -> tuple[list[Raised], list[str], list[Raised], list[str]]:
    found = _scanned()
    return found.raised, found.bare, found.fields, found.value_errors


@functools.cache
def _scanned() -> _Scanned:
    for c in COMPONENTS:  # the apps load every problem class a component has
        importlib.import_module(f"{c.package}.app").create_app()
    raised: list[Raised] = []
    bare: list[str] = []
    fields: list[Raised] = []
    value_errors: list[str] = []
    hand_built: list[str] = []
    for path, module in _modules():
        scan = _Scan(path, module)
        scan.visit(ast.parse(path.read_text(), str(path)))
        raised += scan.raised
        bare += scan.bare
        fields += scan.fields
        hand_built += scan.hand_built
        if path.name != "settings.py":  # an operator's settings, read at start, not a client's
            value_errors += [w for f, w in scan.value_errors if f in scan.validators]
    return _Scanned(raised, bare, fields, value_errors, hand_built)


def _reasons(cls: type[Problem]) -> dict[str, type[Problem]]:
    """The codes worded under `cls`'s slug that `cls` may name: its own and those of
    the ancestors of the same slug (a component's `transition-not-allowed` raises the
    shared `cannot_become` too), each with the class that lists it."""
    return {
        code: owner
        for owner in reversed(cls.__mro__)
        if isinstance(owner, type) and issubclass(owner, Problem) and owner.slug == cls.slug
        for code in owner.reasons
    }


def test_the_scan_reads_the_raises_it_is_meant_to():
    RAISED = _scan()[0]
    # The check is only as good as what it finds: a state machine's shared reason, a
    # component's own (by keyword and through a helper's positional `code`), a type's own.
    found = {(r.cls.__name__, r.code) for r in RAISED}
    assert ("TransitionNotAllowed", "cannot_become") in found
    assert ("IntakeConflict", "file_on_loan") in found
    assert ("PreventionStepRefused", "not_renewable") in found
    assert ("CaseStepRefused", "case_status") in found
    assert ("NothingSealed", "identity_shown") in found  # either branch of an `if`
    assert ("NotActivatable", "no_document") in found  # computed by its rule
    # (Direct `InvalidInput(...)` raises became `InvalidInput.each`, read as fields.)
    assert len(RAISED) > 290


def test_every_code_a_refusal_raises_is_in_its_class_s_reasons():
    RAISED = _scan()[0]
    unlisted = [
        f"{r.where}: {r.cls.__name__} ({r.cls.slug}) raises {r.code!r}"
        for r in RAISED
        if r.code is not None and r.code not in _reasons(r.cls)
    ]
    assert unlisted == []


def test_every_code_is_a_literal_the_check_can_read():
    RAISED = _scan()[0]
    unread = [f"{r.where}: {r.cls.__name__}" for r in RAISED if not r.literal]
    assert unread == []


def test_every_listed_reason_is_raised_somewhere():
    RAISED = _scan()[0]
    raised = {
        (_reasons(r.cls)[r.code], r.code)
        for r in RAISED
        if r.code is not None and r.code in _reasons(r.cls)
    }
    dead = [
        f"{cls.__module__}.{cls.__qualname__}: {code}"
        for cls in problem_classes()
        for code in cls.reasons
        if (cls, code) not in raised
    ]
    assert dead == []


def test_a_class_with_reasons_is_never_raised_without_naming_one():
    RAISED = _scan()[0]
    # A class that lists its reasons is raised for several: without a code the app
    # can only show the English detail.
    silent = [
        f"{r.where}: {r.cls.__name__}"
        for r in RAISED
        if r.code is None and r.literal and r.cls.reasons
    ]
    assert silent == []


def test_a_status_stage_or_step_param_is_named_in_words():
    # `labels.named(table, code)`: the problem says it in words beside the code.
    assert _scan()[1] == []


def test_every_field_refusal_names_a_code_the_web_app_words():
    # `InvalidInput.field(pointer, detail, code=...)` and a validator's `invalid(code,
    # ...)`: the app words `api.field.<code>` (problems.test.ts, both languages).
    fields = _scan()[2]
    assert len(fields) > 300
    assert [f.where for f in fields if f.code is None] == []
    kept = json.loads((ROOT / "frontend" / "src" / "i18n" / "fieldCodes.json").read_text())
    assert kept == sorted({f.code for f in fields if f.code is not None})


def test_no_validator_refuses_with_a_bare_value_error():
    # A bare ValueError reaches a client as `value_error` and an English sentence.
    assert _scan()[3] == []


def test_every_field_entry_of_a_problem_is_built_with_a_code():
    # Any problem's `errors` (a 422's fields, a 413's body, a 403's office) is built by
    # `field_error(pointer, invalid(code, ...))` or `InvalidInput.field/at/each`: never
    # a dict by hand, which can leave out the code the app words the field by.
    assert _scanned().hand_built == []


def test_the_scan_finds_an_entry_written_by_hand():
    # What the check above catches, shown on a snippet: an entry without a code, and
    # one whose code the list cannot read; moving an entry that has one (`**error`) and
    # the shared helper's own are not caught.
    source = """
def refuse(error, code):
    a = {"pointer": "#/body/x", "detail": "bad"}
    b = {"pointer": "#/body/y", "detail": "bad", "code": code}
    c = {**error, "pointer": "#/body/rows/3/z"}
"""
    scan = _Scan(ROOT / "services" / "example.py", ModuleType("example"))
    scan.visit(ast.parse(source))
    assert scan.hand_built == ["services/example.py:3", "services/example.py:4"]
    helper = _Scan(ROOT / ENTRIES_BUILT_IN, ModuleType("helper"))
    helper.visit(ast.parse(source))
    assert helper.hand_built == ["shared/apik_shared/platform/problems.py:3"]
