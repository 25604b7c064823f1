#!/bin/bash
# ingest-cpu.sh BINARY LABEL SF DATABASE [fresh|again]
#
# Runs `BINARY synth --sf SF` into DATABASE (dropped and created first with
# `fresh`, the default; left as it is with `again`) and prints its wall time,
# the sourcecmp process's CPU time (rusage, through /usr/bin/time) and the CPU
# time of the PostgreSQL backends serving DATABASE (sampled every half second
# from /proc/PID/stat, so PostgreSQL must run on this machine), with the load
# average before and after. Run it for two binaries one after the other to
# compare them side by side (BENCHMARKS.md, "Ingest").
set -u
bin=$1 label=$2 sf=$3 db=$4 mode=${5:-fresh}
P="psql -h 127.0.0.1 -U postgres -Atq"
url="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
if [ "$mode" = fresh ]; then
	$P -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
fi
out=${TMPDIR:-/tmp}/ingest-cpu.$label.$sf.$mode
load0=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/time -f "%e %U %S" -o "$out.time" "$bin" synth --sf "$sf" --database-url "$url" >"$out.stdout" 2>"$out.stderr" &
pid=$!
declare -A ticks
while kill -0 $pid 2>/dev/null; do
	for b in $($P -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db'" postgres); do
		t=$(awk '{print $14 + $15}' /proc/$b/stat 2>/dev/null) && [ -n "$t" ] && ticks[$b]=$t
	done
	sleep 0.5
done
wait $pid
rc=$?
pg=0
for b in "${!ticks[@]}"; do pg=$((pg + ticks[$b])); done
read -r wall user sys <"$out.time"
printf "%-8s sf%-3s %-6s rc=%s wall %7.1f s  sourcecmp CPU %6.1f s  PostgreSQL CPU %6.1f s  load %s -> %s\n" \
	"$label" "$sf" "$mode" $rc "$wall" "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $pg / $(getconf CLK_TCK)" | bc)" \
	"$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^(documents|stances|total|cpu)' "$out.stdout" | sed 's/^/    /'
