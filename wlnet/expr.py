"""Expressions: the one data type every layer of wlnet speaks.

Everything is immutable and hashable. Atoms (Integer, Real, Rational, String, Symbol and
opaque ``ObjectAtom`` values such as nets) are small classes; a normal expression is
``Expr(head, args)``. ``PackedArray`` is a List whose elements live in a NumPy array, so
100k x 10 reals stay one array and not a million Python objects; it behaves exactly like
the equivalent ``Expr(List, ...)`` (same ``head``, ``args``, equality and hash).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = [
    "Atom", "Integer", "Real", "Rational", "String", "Symbol", "ObjectAtom", "Expr",
    "PackedArray", "NumericArray", "S", "TRUE", "FALSE", "pack", "from_python", "to_python", "make_list", "is_list",
    "is_association",
]


class Atom:
    """Base of every atomic expression; ``args`` is empty and ``head`` names the kind."""

    __slots__ = ()
    args: tuple = ()

    def __repr__(self):
        return f"{type(self).__name__}({self.value!r})"


class Integer(Atom):
    __slots__ = ("value",)

    def __init__(self, value: int):
        self.value = int(value)

    @property
    def head(self):
        return S.Integer

    def __eq__(self, other):
        return type(other) is Integer and other.value == self.value

    def __hash__(self):
        return hash(("Integer", self.value))


class Real(Atom):
    """A machine real (Python float, i.e. IEEE double)."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = float(value)

    @property
    def head(self):
        return S.Real

    def __eq__(self, other):
        return type(other) is Real and (other.value == self.value or
                                        (other.value != other.value and self.value != self.value))

    def __hash__(self):
        return hash(("Real", self.value))


class Rational(Atom):
    """An exact non-integer fraction such as 1/2 (always in lowest terms, denominator > 1)."""

    __slots__ = ("value",)

    def __init__(self, value: Fraction):
        self.value = value

    @property
    def head(self):
        return S.Rational

    def __eq__(self, other):
        return type(other) is Rational and other.value == self.value

    def __hash__(self):
        return hash(("Rational", self.value))


class String(Atom):
    __slots__ = ("value",)

    def __init__(self, value: str):
        self.value = value

    @property
    def head(self):
        return S.String

    def __eq__(self, other):
        return type(other) is String and other.value == self.value

    def __hash__(self):
        return hash(("String", self.value))


class Symbol(Atom):
    """A symbol; interned, so ``Symbol("x") is Symbol("x")`` and identity is equality."""

    __slots__ = ("name", "__weakref__")
    _table: dict[str, "Symbol"] = {}

    def __new__(cls, name: str):
        sym = cls._table.get(name)
        if sym is None:
            sym = object.__new__(cls)
            sym.name = name
            cls._table[name] = sym
        return sym

    @property
    def head(self):
        return S.Symbol

    @property
    def value(self):
        return self.name

    def __repr__(self):
        return f"Symbol({self.name!r})"

    def __reduce__(self):
        return (Symbol, (self.name,))

    __hash__ = object.__hash__


class _SymbolNamespace:
    """``S.List`` is ``Symbol("List")``: a short way to write the builtin symbols."""

    def __getattr__(self, name: str) -> Symbol:
        sym = Symbol(name)
        setattr(self, name, sym)
        return sym

    def __getitem__(self, name: str) -> Symbol:
        return Symbol(name)


S = _SymbolNamespace()
TRUE = Symbol("True")      # `S.True` is not valid Python, hence these two names
FALSE = Symbol("False")


class ObjectAtom(Atom):
    """An opaque value with a head symbol (a net, a results object, a picture).

    Subclasses set ``head`` and keep their payload; equality is identity of the payload,
    so two nets are SameQ only if they are the same value.
    """

    __slots__ = ("payload",)
    head: Symbol

    def __init__(self, payload):
        self.payload = payload

    @property
    def value(self):
        return self.payload

    def __eq__(self, other):
        return type(other) is type(self) and other.payload is self.payload

    def __hash__(self):
        return hash(id(self.payload))


class Expr:
    """A normal expression ``head[args...]``. ``final_at``: the moment
    (``kernel.definitions.Clock``) the evaluator last found it final, or 0."""

    __slots__ = ("head", "_args", "_hash", "final_at")

    def __init__(self, head, *args):
        self.head = head
        self._args = args
        self._hash = None
        self.final_at = 0

    @property
    def args(self) -> tuple:
        return self._args

    @classmethod
    def make(cls, head, args) -> "Expr":
        """Build from an existing tuple/list of arguments without unpacking twice."""
        e = cls.__new__(cls)
        e.head = head
        e._args = tuple(args)
        e._hash = None
        e.final_at = 0
        return e

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Expr):
            return False
        if isinstance(other, PackedArray) and isinstance(self, PackedArray):
            return _same_arrays(self, other)
        global _nesting
        if _nesting > _NESTING_IN_C:
            return _equal_iteratively(self, other)
        _nesting += 1
        try:
            return self.head == other.head and len(self.args) == len(other.args) and \
                self.args == other.args
        finally:
            _nesting -= 1

    def __hash__(self):
        if self._hash is None:
            if self.head is S.List:  # must agree with PackedArray's hash
                self._hash = hash(("List", len(self.args)))
            else:
                global _nesting
                if _nesting > _NESTING_IN_C:
                    _hash_iteratively(self)
                    return self._hash
                _nesting += 1
                try:
                    self._hash = hash((self.head, self.args))
                finally:
                    _nesting -= 1
        return self._hash

    def __repr__(self):
        return f"Expr({self.head!r}, {', '.join(map(repr, self.args))})"

    def has_head(self, name: str) -> bool:
        return self.head is Symbol(name)


# Equality and hashing compare nested tuples, which recurses through C once per level. An
# expression can be far deeper than the C stack allows (``Nest[Hold, 1, 10^6]``), so past
# _NESTING_IN_C levels both switch to loops with an explicit stack; shallow expressions keep
# the speed of tuple comparison. (The count is shared by threads: it only picks the way.)
_NESTING_IN_C = 100
_nesting = 0


def _same_arrays(a: "PackedArray", b: "PackedArray") -> bool:
    return a.array.shape == b.array.shape and \
        (a.array.dtype.kind == "f") == (b.array.dtype.kind == "f") and \
        bool(np.array_equal(a.array, b.array))


def _equal_iteratively(a, b) -> bool:
    pairs = [(a, b)]
    while pairs:
        x, y = pairs.pop()
        if x is y:
            continue
        if not (isinstance(x, Expr) and isinstance(y, Expr)):
            if isinstance(x, Expr) or isinstance(y, Expr) or x != y:
                return False
            continue
        if isinstance(x, PackedArray) and isinstance(y, PackedArray):
            if not _same_arrays(x, y):
                return False
            continue
        if len(x.args) != len(y.args):
            return False
        pairs.append((x.head, y.head))
        pairs.extend(zip(x.args, y.args))
    return True


def _hash_iteratively(root: "Expr") -> None:
    """Set ``_hash`` on root and every unhashed expression inside it, innermost first, so
    each tuple hash finds its children's hashes already made."""
    stack = [root]
    while stack:
        x = stack[-1]
        if x._hash is not None:
            stack.pop()
        elif x.head is S.List:
            x._hash = hash(("List", len(x))) if isinstance(x, PackedArray) else \
                hash(("List", len(x.args)))
            stack.pop()
        else:
            missing = [c for c in (x.head, *x.args) if isinstance(c, Expr) and c._hash is None]
            if missing:
                stack.extend(missing)
            else:
                x._hash = hash((x.head, x.args))
                stack.pop()


class PackedArray(Expr):
    """A rectangular numeric List stored as a read-only NumPy array (int64 or float).

    ``args`` is built lazily (rows are PackedArrays again), so code that treats it as a
    plain List works, while builtins that know about it use ``.array`` directly.
    """

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray):
        if array.ndim == 0:
            raise ValueError("PackedArray needs at least one dimension")
        if array.flags.writeable:
            array = array.copy() if not array.flags.owndata else array
            array.flags.writeable = False
        self.array = array
        self.head = S.List
        self._args = None
        self._hash = None
        self.final_at = 0

    @property
    def args(self) -> tuple:
        if self._args is None:
            a = self.array
            if a.ndim > 1:
                self._args = tuple(PackedArray(row) for row in a)
            elif a.dtype.kind == "f":
                self._args = tuple(Real(v) for v in a.tolist())
            else:
                self._args = tuple(Integer(v) for v in a.tolist())
        return self._args

    def __len__(self):
        return self.array.shape[0]

    def __hash__(self):
        return hash(("List", self.array.shape[0]))

    def __repr__(self):
        return f"PackedArray({self.array!r})"


class NumericArray(Atom):
    """Wolfram's NumericArray: a read-only NumPy array of one machine type, named as
    Wolfram names it ("Real32", "UnsignedInteger8", ...). An atom (AtomQ is True, it is
    never evaluated inside); equal values of the same type are SameQ. Conversion from
    lists, with Wolfram's methods, is the builtin's job (builtins/structure/numericarray.py)."""

    __slots__ = ("array", "type")
    TYPES = {"Integer8": np.int8, "UnsignedInteger8": np.uint8, "Integer16": np.int16,
             "UnsignedInteger16": np.uint16, "Integer32": np.int32,
             "UnsignedInteger32": np.uint32, "Integer64": np.int64,
             "UnsignedInteger64": np.uint64, "Real32": np.float32, "Real64": np.float64}

    def __init__(self, array: np.ndarray, type_name: str):
        dtype = np.dtype(self.TYPES[type_name])
        if array.dtype != dtype or array.ndim == 0:
            raise ValueError(f"a NumericArray of type {type_name} needs an array of "
                             f"{dtype} with at least one dimension")
        if array.flags.writeable:
            array = array.copy()
            array.flags.writeable = False
        self.array, self.type = array, type_name

    @property
    def head(self):
        return S.NumericArray

    @property
    def value(self):
        return self.array

    def __eq__(self, other):
        return type(other) is NumericArray and other.type == self.type and \
            other.array.shape == self.array.shape and \
            bool(np.array_equal(other.array, self.array,
                                equal_nan=self.array.dtype.kind == "f"))

    def __hash__(self):
        return hash(("NumericArray", self.type, self.array.shape))

    def __repr__(self):
        return f"NumericArray({self.array!r}, {self.type!r})"

    def normal(self) -> Expr:
        """The values as a list (packed: machine integers or reals)."""
        a = self.array
        if a.dtype.kind == "f":
            return PackedArray(a.astype(np.float64))
        if a.dtype == np.uint64 and a.size and int(a.max()) > np.iinfo(np.int64).max:
            return from_python(a.tolist())      # beyond machine integers: not packed
        return PackedArray(a.astype(np.int64))


def is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def is_association(e) -> bool:
    """A valid association: ``Association[rule, ...]`` whose arguments are all two-argument
    rules. ``<|1|>`` evaluates to ``Association[1]``, which has the head but is not one,
    so code that reads keys and values must ask this, never the head alone."""
    if not (isinstance(e, Expr) and e.head is S.Association):
        return False
    rule, delayed = S.Rule, S.RuleDelayed
    return all(type(r) is Expr and (r.head is rule or r.head is delayed) and len(r._args) == 2
               for r in e.args)


def make_list(items) -> Expr:
    return Expr.make(S.List, items)


def pack(items) -> Expr:
    """A List of the given element expressions, packed when they are all numbers of one
    kind (machine integers or machine reals) forming a rectangular array."""
    items = tuple(items)
    arr = _try_pack(items)
    return PackedArray(arr) if arr is not None else Expr.make(S.List, items)


def _try_pack(items):
    if not items:
        return None
    first = items[0]
    if type(first) is Integer:
        if all(type(x) is Integer for x in items):
            try:
                return np.array([x.value for x in items], dtype=np.int64)
            except OverflowError:
                return None
        return None
    if type(first) is Real:
        if all(type(x) is Real for x in items):
            return np.array([x.value for x in items], dtype=np.float64)
        return None
    if isinstance(first, PackedArray):
        if all(isinstance(x, PackedArray) and x.array.shape == first.array.shape and
               x.array.dtype == first.array.dtype for x in items):
            return np.stack([x.array for x in items])
    return None


def from_python(obj) -> "Atom | Expr":
    """Convert a Python value (bool, int, float, Fraction, str, list/tuple, dict, ndarray,
    None) into an expression; expressions pass through unchanged."""
    if isinstance(obj, (Atom, Expr)):
        return obj
    if obj is None:
        return S.Null
    if isinstance(obj, bool) or isinstance(obj, np.bool_):
        return TRUE if obj else FALSE
    if isinstance(obj, (int, np.integer)):
        return Integer(int(obj))
    if isinstance(obj, (float, np.floating)):
        return Real(float(obj))
    if isinstance(obj, Fraction):
        return Integer(obj.numerator) if obj.denominator == 1 else Rational(obj)
    if isinstance(obj, str):
        return String(obj)
    if isinstance(obj, np.ndarray):
        if obj.ndim == 0:
            return from_python(obj.item())
        if obj.dtype.kind in "iu":
            return PackedArray(obj.astype(np.int64))
        if obj.dtype.kind == "f":
            return PackedArray(obj if obj.dtype in (np.float32, np.float64) else
                               obj.astype(np.float64))
        if obj.dtype.kind == "b":
            return make_list([from_python(bool(x)) for x in obj])
        return make_list([from_python(x) for x in obj])
    if isinstance(obj, (list, tuple)):
        return pack(from_python(x) for x in obj)
    if isinstance(obj, dict):
        return Expr.make(S.Association,
                         [Expr(S.Rule, from_python(k), from_python(v)) for k, v in obj.items()])
    raise TypeError(f"cannot convert {type(obj).__name__} to an expression")


def to_python(e):
    """The inverse of from_python for plain data (numbers, strings, lists, True/False/Null);
    anything else comes back as the expression itself."""
    if isinstance(e, PackedArray):
        return e.array.tolist()
    if isinstance(e, (Integer, Real, String, Rational)):
        return e.value
    if e is TRUE:
        return True
    if e is FALSE:
        return False
    if e is S.Null:
        return None
    if is_list(e):
        return [to_python(x) for x in e.args]
    return e
