#!/usr/bin/env python3
"""Writes a GOPROXY tree (list/info/mod/@latest) for every require of a go.mod, plus one newer release per module,
and a copy of the go.mod without replace directives (they point at directories the benchmark does not have)."""
import json, os, re, sys

src, root, out_gomod = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(src).read()
reqs, in_block = [], False
for line in text.splitlines():
    s = line.split("//")[0].strip()
    if s.startswith("require ("):
        in_block = True; continue
    if in_block and s == ")":
        in_block = False; continue
    m = re.match(r'^(?:require\s+)?(\S+)\s+(v\S+)$', s) if (in_block or s.startswith("require ")) else None
    if m:
        reqs.append((m.group(1).strip('"'), m.group(2)))

def esc(s): return re.sub(r'[A-Z]', lambda c: '!' + c.group(0).lower(), s)

def newer(v):
    m = re.match(r'^v(\d+)\.(\d+)\.(\d+)(\+incompatible)?$', v)
    return f"v{m.group(1)}.{int(m.group(2)) + 1}.0{m.group(4) or ''}" if m else None

for path, v in reqs:
    d = os.path.join(root, esc(path), "@v"); os.makedirs(d, exist_ok=True)
    versions = [v] + ([newer(v)] if newer(v) else [])
    for ver in versions:
        with open(os.path.join(d, esc(ver) + ".info"), "w") as f: json.dump({"Version": ver, "Time": "2024-01-01T00:00:00Z"}, f)
        with open(os.path.join(d, esc(ver) + ".mod"), "w") as f: f.write(f"module {path}\n\ngo 1.21\n" if not ver.endswith("+incompatible") else f"module {path}\n")
    with open(os.path.join(d, "list"), "w") as f: f.write("".join(x + "\n" for x in versions if "-" not in x or True))
    with open(os.path.join(root, esc(path), "@latest"), "w") as f: json.dump({"Version": versions[-1]}, f)

os.makedirs(os.path.dirname(out_gomod), exist_ok=True)
out, skip = [], False
for l in text.splitlines():
    t = l.strip()
    if t == "replace (": skip = True; continue
    if skip and t == ")": skip = False; continue
    if skip or t.startswith("replace "): continue
    out.append(l)
open(out_gomod, "w").write("\n".join(out) + "\n")
print(len(reqs))
