/**
 * JMH benchmarks of the core's training loop, with Tribuo 4.3.2 as the peer and a plain sequential pass
 * over the feature array as the memory-bandwidth floor. Run with {@code bench/run.sh}; never part of
 * {@code verify} (surefire excludes {@code *Benchmark*}, and these sources are only compiled under the
 * {@code bench} Maven profile). {@link dev.lrtune.bench.ServiceBenchmark} measures the running service
 * instead (jobs, curves, the queue): {@code bench/service.sh}.
 */
package dev.lrtune.bench;
