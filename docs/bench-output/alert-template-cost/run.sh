#!/bin/bash
# usage: run.sh VARIANT N  -> runs exporter + prometheus, measures, kills both
set -u
W=$(cd "$(dirname "$0")" && pwd)
V=$1; N=$2; P=http://127.0.0.1:19190
D=$W/data-$V-$N; rm -rf $D; OUT=$W/out-$V-$N; mkdir -p $OUT
cd "$W"
python3 exporter.py $N 19181 & EXP=$!
/usr/bin/prometheus --config.file=prometheus-$V.yml --storage.tsdb.path=$D \
  --web.listen-address=127.0.0.1:19190 --log.level=warn >$OUT/prom.log 2>&1 & PROM=$!
echo "exporter $EXP prometheus $PROM"
q() { curl -s "$P/api/v1/query" --data-urlencode "query=$1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "none")'; }
start=$(date +%s)
until [ "$(q 'count(ALERTS{alertname="PacewatchBehindPace",alertstate="firing"})' 2>/dev/null)" = "$N" ]; do
  sleep 5; [ $(( $(date +%s) - start )) -gt 300 ] && { echo "timeout waiting for firing"; break; }
done
echo "firing after $(( $(date +%s) - start ))s"; sleep 25
m() { curl -s $P/metrics | grep -E "^(prometheus_rule_group_last_duration_seconds|prometheus_rule_group_last_evaluation_samples|process_cpu_seconds_total)" ; }
m > $OUT/m0; t0=$(date +%s.%N); ps -o time= -p $PROM > $OUT/ps0
for i in 1 2 3 4 5 6; do sleep 10; m > $OUT/m$i; done
t1=$(date +%s.%N); ps -o time= -p $PROM > $OUT/ps1
echo "window $(echo "$t1 - $t0" | bc)s" > $OUT/window
curl -s $P/api/v1/rules > $OUT/rules.json
curl -s "$P/api/v1/alerts" | python3 -c 'import json,sys; a=json.load(sys.stdin)["data"]["alerts"]; import collections; print(collections.Counter((x["labels"]["alertname"],x["state"]) for x in a)); b=[x for x in a if x["labels"]["alertname"]=="PacewatchBehindPace"][:1]; print(b)' > $OUT/alerts
kill $PROM; wait $PROM; kill $EXP; wait $EXP 2>/dev/null
rm -rf $D
echo done
