package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class DatasetMatricesTests {

	@Test
	void aChunkHoldsLittleEndianDoublesFeaturesFirstThenTargets() {
		byte[] chunk = DatasetMatrices.encode(new double[] { 1.0, -2.5 }, new double[] { 3.0 }, 0);
		assertThat(chunk).hasSize(24);
		assertThat(chunk).startsWith(0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F);
		ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(new double[] { buffer.getDouble(), buffer.getDouble(), buffer.getDouble() }).containsExactly(1.0, -2.5, 3.0);
	}

	@Test
	void chunksSplitTheStreamWhereverTheBoundaryFallsAndReassembleIt() {
		double[] features = sequence(DatasetMatrices.CHUNK_DOUBLES + 7, 0);
		double[] targets = sequence(DatasetMatrices.CHUNK_DOUBLES, 1e9);
		double[] loadedFeatures = new double[features.length];
		double[] loadedTargets = new double[targets.length];
		long read = 0;
		for (int chunk = 0; chunk < 3; chunk++) {
			byte[] bytes = DatasetMatrices.encode(features, targets, chunk);
			read += DatasetMatrices.decode(bytes, chunk, loadedFeatures, loadedTargets);
		}
		assertThat(read).isEqualTo(features.length + targets.length);
		assertThat(loadedFeatures).isEqualTo(features);
		assertThat(loadedTargets).isEqualTo(targets);
	}

	private static double[] sequence(int length, double offset) {
		double[] values = new double[length];
		for (int i = 0; i < length; i++) {
			values[i] = offset + i * 0.5;
		}
		return values;
	}

}
