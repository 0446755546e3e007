import sys, json, re, glob, statistics
out = sys.argv[1]
vals = {}
for i in range(1, 7):
    for line in open(f"{out}/m{i}"):
        name, v = line.rsplit(" ", 1)
        vals.setdefault(name, []).append(float(v))
for k, vs in sorted(vals.items()):
    if "process_cpu" in k: continue
    g = re.search(r'rule_group="[^"]*;([^"]*)"', k).group(1)
    kind = "dur_s" if "duration" in k else "samples"
    print(f"{g:28s} {kind:8s} mean={statistics.mean(vs):.4f} min={min(vs):.4f} max={max(vs):.4f} n={len(vs)}")
c0 = float(open(f"{out}/m0").read().split("process_cpu_seconds_total ")[1].split()[0])
c6 = vals["process_cpu_seconds_total"][-1]
print("cpu_seconds over window:", round(c6 - c0, 2), open(f"{out}/window").read().strip(), "ps:", open(f"{out}/ps0").read().strip(), "->", open(f"{out}/ps1").read().strip())
r = json.load(open(f"{out}/rules.json"))
for g in r["data"]["groups"]:
    if g["name"] != "pacewatch-pace": continue
    print("group", g["name"], "interval", g["interval"], "evaluationTime", g["evaluationTime"])
    for rule in g["rules"]:
        print("  ", rule["name"], "evalTime=%.4f" % rule["evaluationTime"], "alerts=", len(rule.get("alerts", [])))
print(open(f"{out}/alerts").read()[:900])
