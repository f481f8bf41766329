"""How gradients flow backwards through a compiled fold body, as generated code."""
from .code import compile_code


class BackPlan:
    """How gradients flow for one set of wanted gradients: per register the order of its
    contributions (first writes, later ones add), aliases (a register whose only
    contribution is its consumer's output gradient, unchanged, shares that buffer), and
    the generated code."""

    def __init__(self, prog, want_seq):
        k = prog.kernel
        self.key = len(prog.plans)
        seeded = {k.state_reg, *k.out_regs}
        skip = {reg for reg, w in zip(k.seq_regs, want_seq) if not w}
        count = {}
        contributions = []  # (op index, input position, reg) in backward order
        for i in range(len(prog.ops) - 1, -1, -1):
            kind, kk = prog.ops[i]
            for pos, reg in enumerate(kk.ins):
                if reg in skip or (kind in ("linear", "pair") and not kk.want_x):
                    continue
                contributions.append((i, pos, reg))
                count[reg] = count.get(reg, 0) + 1
        self.alias, self.mode, self.scratch = {}, {}, set()
        seen = {}
        for i, pos, reg in contributions:
            kind, kk = prog.ops[i]
            if reg in seeded:
                mode = "add"
            elif count[reg] == 1 and kind == "add":
                mode = "alias"
                self.alias[reg] = kk.outs[0]
            else:
                mode = "write" if reg not in seen else "add"
            seen[reg] = True
            self.mode[(i, pos)] = mode
            if mode == "add" and kind != "add":
                self.scratch.add(reg)
        # registers in an order where an alias comes after its target
        order = []
        for i in range(len(prog.ops) - 1, -1, -1):
            for reg in prog.ops[i][1].outs:
                if reg not in order:
                    order.append(reg)
            for reg in prog.ops[i][1].ins:
                if reg not in order and reg not in skip:
                    order.append(reg)
        for reg in (k.state_reg, *k.out_regs):
            if reg not in order:
                order.append(reg)
        self.order = order
        # gradients kept for every step: those summed into weight gradients after the
        # loop, the fold's input gradients, and the seeded ones (and what they alias)
        full = {k.state_reg, *k.out_regs}
        full.update(reg for reg, w in zip(k.seq_regs, want_seq) if w)
        for kind, kk in prog.ops:
            if kind in ("linear", "pair") and kk.wants_arrays:
                full.add(kk.outs[0])
        for reg in list(self.alias):
            if reg in full:
                while reg in self.alias:
                    reg = self.alias[reg]
                    full.add(reg)
        self.full = full
        self.code = self._generate(prog)

    def root(self, reg):
        """The register whose gradient buffer an aliased register shares."""
        while reg in self.alias:
            reg = self.alias[reg]
        return reg

    def _generate(self, prog):
        key = self.key
        lines, names, after = [], set(), []

        def g(reg):
            names.add(f"g{key}_{reg}")
            return f"g{key}_{reg}[t]"

        def f(reg):
            names.add(f"f{reg}")
            return f"f{reg}[t]"

        def contrib(i, pos, reg, make):
            """make(out) -> the code writing the contribution into out."""
            mode = self.mode.get((i, pos))
            if mode is None or mode == "alias":
                return
            if mode == "write":
                lines.append(make(g(reg)))
            else:
                names.add(f"sc{key}_{reg}")
                lines.append(make(f"sc{key}_{reg}"))
                lines.append(f"add({g(reg)}, sc{key}_{reg}, {g(reg)})")

        for i in range(len(prog.ops) - 1, -1, -1):
            kind, kk = prog.ops[i]
            y = kk.outs[0]
            if kind == "linear":
                names.add(f"w{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"dot({g(y)}, w{i}, {out})")
                if kk.want_w:
                    names.update({f"G{key}_{y}", f"F{kk.ins[0]}", f"sw{i}", f"k{i}"})
                    after.append(f"dot(G{key}_{y}.T, F{kk.ins[0]}, sw{i})")
                    after.append(f"add(k{i}.gw, sw{i}, k{i}.gw)")
                if kk.want_b and kk.b is not None:
                    names.update({f"G{key}_{y}", f"sb{i}", f"k{i}", "ones"})
                    after.append(f"dot(ones, G{key}_{y}, sb{i})")  # the sum over steps
                    after.append(f"add(k{i}.gb, sb{i}, k{i}.gb)")
            elif kind == "pair":
                names.add(f"w{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"dot({g(y)}, w{i}, {out})")
                after += self._pair_grads(i, kk, f"G{key}_{y}", f"F{kk.ins[0]}", names)
            elif kind == "add":
                for pos, reg in enumerate(kk.ins):
                    mode = self.mode.get((i, pos))
                    if mode == "write":
                        lines.append(f"copyto({g(reg)}, {g(y)})")
                    elif mode == "add":
                        lines.append(f"add({g(reg)}, {g(y)}, {g(reg)})")
            elif kind == "tanh":
                names.add(f"s{i}")
                if (i, 0) in self.mode:
                    lines.append(f"multiply({f(y)}, {f(y)}, s{i})")
                    lines.append(f"subtract(1.0, s{i}, s{i})")
                contrib(i, 0, kk.ins[0], lambda out: f"multiply({g(y)}, s{i}, {out})")
            else:  # named
                names.add(f"k{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"multiply({g(y)}, "
                        f"k{i}.df({f(kk.ins[0])}, {f(y)}), {out})")
        body = lines or ["pass"]
        src = ["def backward(V, T):"]
        src += [f"    {n} = V['{n}']" for n in sorted(names)]
        src += ["    for t in range(T - 1, -1, -1):"] + [f"        {line}" for line in body]
        src += [f"    {line}" for line in after]
        return compile_code("\n".join(src), "backward")

    @staticmethod
    def _pair_grads(i, pair, G, X, names):
        """After the loop: the array gradients of a merged pair (see Pair)."""
        a, b = pair.first, pair.second
        lines = []
        if a.want_w:
            names.update({G, X, f"sg{i}", f"swa{i}", f"wb{i}", f"ka{i}"})
            lines += [f"dot({G}.T, {X}, sg{i})", f"dot(wb{i}.T, sg{i}, swa{i})",
                      f"add(ka{i}.gw, swa{i}, ka{i}.gw)"]
        if (a.want_b and a.b is not None) or (b.want_b and b.b is not None):
            names.update({G, "ones", f"sbo{i}"})
            lines.append(f"dot(ones, {G}, sbo{i})")  # 1^T.G
        if a.want_b and a.b is not None:
            names.update({f"sba{i}", f"wb{i}", f"ka{i}"})
            lines += [f"dot(sbo{i}, wb{i}, sba{i})", f"add(ka{i}.gb, sba{i}, ka{i}.gb)"]
        if b.want_b and b.b is not None:
            names.add(f"kb{i}")
            lines.append(f"add(kb{i}.gb, sbo{i}, kb{i}.gb)")
        if b.want_w:
            names.update({G, X, f"U{i}", f"wat{i}", f"swb{i}", f"kb{i}"})
            lines.append(f"dot({X}, wat{i}, U{i})")
            if a.b is not None:
                names.add(f"ka{i}")
                lines.append(f"add(U{i}, ka{i}.b, U{i})")
            lines += [f"dot({G}.T, U{i}, swb{i})", f"add(kb{i}.gw, swb{i}, kb{i}.gw)"]
        return lines
