#!/usr/bin/env bash
# Replays malloc-lab traces natively (the C library's malloc) and in HeapLab's engine (`heaplab.jar bench`), side by
# side, and prints the ratio. Usage: bench/native/compare.sh [--arch x86|x64] TRACE.rep...
# Needs cc and the built jar (mvn -B -DskipTests package). Timings are wall-clock: run it on an idle machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${here}/../../app/target/heaplab.jar"
arch=(--arch x86)
if [[ "${1:-}" == "--arch" ]]; then
    arch=(--arch "$2")
    shift 2
fi
out="$(mktemp -d)"
trap 'rm -rf "${out}"' EXIT
cc -O2 -o "${out}/replay" "${here}/replay.c"
printf '%-22s %14s %14s %8s\n' trace native heaplab ratio
for trace in "$@"; do
    native="$("${out}/replay" "${trace}" 20 | awk '{print $3}')"
    engine="$(java -jar "${jar}" bench "${trace}" "${arch[@]}" --repeat 20 | awk '/^bench replay/ {print $3}')"
    printf '%-22s %14s %14s %8s\n' "$(basename "${trace}")" "${native}" "${engine}" \
        "1/$(awk -v n="${native}" -v e="${engine}" 'BEGIN {printf "%.1f", n / e}')"
done
