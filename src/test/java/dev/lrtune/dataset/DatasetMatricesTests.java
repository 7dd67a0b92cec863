package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class DatasetMatricesTests {

	@Test
	void aChunkHoldsLittleEndianDoublesFeaturesFirstThenTargets() {
		byte[] chunk = new DatasetMatrices.ChunkEncoder(new double[] { 1.0, -2.5 }, new double[] { 3.0 }).encode(0);
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
		DatasetMatrices.ChunkEncoder encoder = new DatasetMatrices.ChunkEncoder(features, targets);
		long read = 0;
		for (int chunk = 0; chunk < 3; chunk++) {
			read += DatasetMatrices.decode(encoder.encode(chunk), read, loadedFeatures, loadedTargets);
		}
		assertThat(read).isEqualTo(features.length + targets.length);
		assertThat(loadedFeatures).isEqualTo(features);
		assertThat(loadedTargets).isEqualTo(targets);
	}

	@Test
	void fullChunksShareOneBufferAndTheShorterLastOneIsACopyOfItsLength() {
		double[] features = sequence(2 * DatasetMatrices.CHUNK_DOUBLES + 5, 0);
		DatasetMatrices.ChunkEncoder encoder = new DatasetMatrices.ChunkEncoder(features, new double[0]);

		byte[] first = encoder.encode(0);
		byte[] second = encoder.encode(1);
		double secondStarts = ByteBuffer.wrap(second).order(ByteOrder.LITTLE_ENDIAN).getDouble(0);
		byte[] last = encoder.encode(2);

		assertThat(second).isSameAs(first).hasSize(DatasetMatrices.CHUNK_DOUBLES * Double.BYTES);
		assertThat(secondStarts).isEqualTo(features[DatasetMatrices.CHUNK_DOUBLES]);
		assertThat(last).isNotSameAs(first).hasSize(5 * Double.BYTES);
		assertThat(ByteBuffer.wrap(last).order(ByteOrder.LITTLE_ENDIAN).getDouble(0))
			.isEqualTo(features[2 * DatasetMatrices.CHUNK_DOUBLES]);
	}

	@Test
	void chunksOfAnotherSizeReadTheSameSinceEachStartsWhereTheOneBeforeEnded() {
		double[] features = sequence(100, 0);
		double[] targets = sequence(10, -1);
		double[] loadedFeatures = new double[features.length];
		double[] loadedTargets = new double[targets.length];

		long read = DatasetMatrices.decode(bytes(features, 0, 64), 0, loadedFeatures, loadedTargets);
		read += DatasetMatrices.decode(bytes(features, 64, 36, targets), read, loadedFeatures, loadedTargets);

		assertThat(read).isEqualTo(110);
		assertThat(loadedFeatures).isEqualTo(features);
		assertThat(loadedTargets).isEqualTo(targets);
		assertThatThrownBy(() -> DatasetMatrices.decode(bytes(targets, 0, 10), 101, loadedFeatures, loadedTargets))
			.isInstanceOf(IllegalStateException.class);
	}

	private static byte[] bytes(double[] values, int from, int length, double[]... more) {
		int total = length;
		for (double[] next : more) {
			total += next.length;
		}
		ByteBuffer buffer = ByteBuffer.allocate(total * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asDoubleBuffer().put(values, from, length);
		buffer.position(length * Double.BYTES);
		for (double[] next : more) {
			buffer.asDoubleBuffer().put(next);
			buffer.position(buffer.position() + next.length * Double.BYTES);
		}
		return buffer.array();
	}

	private static double[] sequence(int length, double offset) {
		double[] values = new double[length];
		for (int i = 0; i < length; i++) {
			values[i] = offset + i * 0.5;
		}
		return values;
	}

}
