#!/usr/bin/env bash
# Runs lrtune's JMH benchmarks and then the same workloads in PyTorch, back to back in one run, and prints a
# summary with the ratios:
#   logistic regression, 100,000 x 100, batch 32, one epoch: lrtune vs Tribuo 4.3.2, vs PyTorch (float64 and
#     float32), vs a sequential sum of the same features (the memory floor)
#   MLP 784-128-10, batch 64, 10,000 rows, one epoch: lrtune vs PyTorch (float64 and float32), GFLOP/s, and
#     the share of the core's FMA peak (measured by dev.lrtune.bench.FmaPeak) each reaches; lrtune's float32
#     network (CPU time only) vs PyTorch float32 and vs lrtune's float64 one
#
#   bench/run.sh               the benchmarks and the summary (about 9 minutes)
#   bench/run.sh --avx2        the same with both runtimes held to AVX2 (-XX:UseAVX=2 for the JVM;
#                              ATEN_CPU_CAPABILITY=avx2 and OPENBLAS_CORETYPE=Haswell for PyTorch and its BLAS):
#                              what a CPU without AVX-512 gets, measured on one that has it
#                              (natively, OpenBLAS gets OPENBLAS_CORETYPE=SkylakeX on a CPU with AVX-512, Haswell
#                              with AVX2, unless it is set: its own detection misses recent CPUs)
#   bench/run.sh --breakdown   also where an lrtune logistic epoch spends its time
#   bench/run.sh --no-torch    lrtune and Tribuo only
#
# PyTorch is Debian's python3-torch, run by /usr/bin/python3 (PYTHON overrides), one thread (bench/torch_peer.py);
# its products go to the BLAS Debian's alternatives select: install libopenblas0-pthread, the reference libblas3
# is several times slower (the BLAS in use is printed).
# Extra JMH options go in JMH_ARGS (e.g. JMH_ARGS='-f 2'); Maven options in MAVEN_ARGS (e.g. -o).
# Results: target/jmh.json (JMH's JSON), target/jmh.log (its full output), target/cputime.log, target/torch-N.json
# (one per PyTorch process).
# The machine should be idle: the cores, the CPU's vector extensions and the load average are printed with the
# figures. Wall times taken under load are not comparable across runs; the CPU-time table (lrtune's epochs by
# dev.lrtune.bench.EpochCpuTimes in CPU_JVMS JVMs, PyTorch's by time.thread_time) holds up better on a shared
# machine.
set -euo pipefail
cd "$(dirname "$0")/.."

benchmarks="LogisticRegressionBenchmark MlpBenchmark"
jvm_args=""
torch=true
mode="native"
for arg in "$@"; do
	case "$arg" in
		--breakdown) benchmarks="$benchmarks LogisticBreakdownBenchmark" ;;
		--avx2)
			jvm_args="-XX:UseAVX=2"
			export ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell
			mode="AVX2 (-XX:UseAVX=2, ATEN_CPU_CAPABILITY=avx2, OPENBLAS_CORETYPE=Haswell)" ;;
		--no-torch) torch=false ;;
		*) echo "unknown option: $arg" >&2; exit 2 ;;
	esac
done
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'avx|avx2|fma|avx512f' | tr '\n' ' ' || true)
# OpenBLAS 0.3.21 does not know every CPU (an Emerald Rapids Xeon is taken for a Prescott, SSE3 only, and its
# float64 MLP ran about 2x slower): unless told otherwise, the native run names the kernel family the CPU's
# extensions allow, so that the peer runs as fast as it can here.
if [ "$mode" = native ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
	case " $flags " in
		*" avx512f "*) export OPENBLAS_CORETYPE=SkylakeX ;;
		*" avx2 "*) export OPENBLAS_CORETYPE=Haswell ;;
	esac
	[ -n "${OPENBLAS_CORETYPE:-}" ] && mode="native (OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE)"
fi
python="${PYTHON:-/usr/bin/python3}"
if $torch && ! "$python" -c 'import torch' 2>/dev/null; then
	echo "PyTorch is missing for $python (apt-get install python3-torch), or pass --no-torch" >&2
	exit 1
fi

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
machine="$(nproc) cores, $cpu, flags: ${flags:-none of avx avx2 fma avx512f}; mode: $mode"
echo "machine: $machine"

mkdir -p target
rm -f target/torch-*.json target/cputime.log
load_before=$(load)
echo "load average before: $load_before"
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.jvmArgs="$jvm_args" \
	-Dbench.args="-prof gc -rf json -rff target/jmh.json ${JMH_ARGS:-} $benchmarks" | tee target/jmh.log
# The core's peak of fused multiply-adds, in a JVM of its own, with the same options (the MLP's ceiling), before
# and after the CPU-time JVMs below; the summary keeps the higher: a peak read while a neighbour held the core
# (once 25 and 31 GFLOP/s against 42-43) would put lrtune's epoch at or above 100 % of it.
fma_peak() {
	./mvnw -q ${MAVEN_ARGS:-} -Pbench exec:exec -Dbench.jvmArgs="$jvm_args" -Dbench.main=dev.lrtune.bench.FmaPeak \
		-Dbench.args=40 | tee -a target/cputime.log
}
fma_peak
# The same epochs timed in CPU time (least of 12 rounds once the JIT has settled): the figures that hold up when
# the machine is shared. In several JVMs (CPU_JVMS, default 3), one after the other, and the least of each figure
# kept: JVMs of the same code settle on code of different speed (one MLP in several ran at 120 ms against 66-75),
# and a neighbour on the host can slow every round of one JVM for seconds, CPU time included. Each of these JVMs
# alternates the float64 MLP, the float32 MLP and the logistic epoch, as the service's JVM trains whatever comes
# (JMH's MLP fork trains the MLP alone), and prints the bytes each epoch allocated: about 2 MB for a settled MLP
# epoch, hundreds of MB or more when C2 left the kernels' vectors boxed (docs/benchmarks.md, 2026-12-07).
for ((jvm = 1; jvm <= ${CPU_JVMS:-3}; jvm++)); do
	./mvnw -q ${MAVEN_ARGS:-} -Pbench exec:exec -Dbench.jvmArgs="$jvm_args" -Dbench.main=dev.lrtune.bench.EpochCpuTimes \
		-Dbench.args=12 | tee -a target/cputime.log
done
fma_peak
load_between=$(load)
# PyTorch in as many processes as lrtune had JVMs, each figure the least over them: its processes, too, settle
# at different speeds (the same MLP epoch once 121 ms in one process and 174 ms in the next).
torch_runs=()
if $torch; then
	echo "load average before PyTorch: $load_between"
	for ((run = 1; run <= ${CPU_JVMS:-3}; run++)); do
		"$python" bench/torch_peer.py --json "target/torch-$run.json"
		torch_runs+=("target/torch-$run.json")
	done
fi
load_after=$(load)

torch_files=$(IFS=,; echo "${torch_runs[*]}")
python3 bench/summarize.py target/jmh.json target/jmh.log "$load_before" "$load_after" "$torch_files" "$machine" \
	target/cputime.log
