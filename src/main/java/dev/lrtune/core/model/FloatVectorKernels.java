package dev.lrtune.core.model;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 layer product with explicit SIMD (the Vector API), bit for bit {@link FloatScalarKernels#product}.
 * As in {@link VectorKernels}, lanes only ever hold different outputs: each output is its init (or zero), then
 * one fused multiply-add per inner term in inner order, so the vector width never changes a result.
 *
 * <p>Speed: a tile of 4 rows × 3 vectors of outputs (12 accumulators; with AVX2's 16 registers, room for the 3
 * weight vectors and a broadcast) is held in registers over a block of {@link #BLOCK} inner terms, against a
 * panel of b packed 3 vectors per term side by side, which stays in L1 while every row tile passes over it. With
 * AVX-512's 32 registers the tile is 4 rows × 4 vectors of 16 floats (16 accumulators, 4 weight vectors and a
 * broadcast), so that 128 columns are two whole panels. The packing rounds float64 weights to float32 on the way
 * ({@code bWide}), so the rounding costs no pass of its own. Columns are split into panels of 3 (or 4) vectors,
 * then what is left; the last columns, short of a whole vector, are computed against a panel padded with zero
 * weights into scratch space and copied out. Rows past the last tile go one by one.
 *
 * <p>Only loaded when {@link Kernels} found the {@code jdk.incubator.vector} module.
 */
final class FloatVectorKernels {

	/**
	 * The float64 kernels' shape in floats ({@code SPECIES_PREFERRED}, as {@link #WIDE}): 8 floats with AVX2, 16
	 * with AVX-512. One shape of float vectors in the JVM, and the same as the float64 vectors': a JVM whose
	 * float vectors came in two shapes (128-bit ones converted beside 256-bit tiles) left the tiles to the Vector
	 * API's allocating fallback, and the conversion below makes every float vector of this shape.
	 */
	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	private static final int ROWS = 4;

	/**
	 * Weights rounded as a panel is packed, in the float64 kernels' vectors ({@code DoubleVector.SPECIES_PREFERRED},
	 * as {@link VectorKernels} takes): two vectors of L/2 doubles converted ({@code vcvtpd2ps}) into the lower and
	 * the upper half of one vector of L floats (4 + 4 into 8 with AVX2, 8 + 8 into 16 with AVX-512). A scalar
	 * conversion per weight took the 784-128-10 MLP's forward product from 52 to 36 GFLOP/s.
	 *
	 * <p>Never a second shape of float64 vectors: with AVX-512, converting from 256-bit ones put a second class
	 * into the type profiles of the JDK's shared {@code DoubleVector} methods ({@code intoArray}'s calls of
	 * {@code length()} and {@code vspecies()}). C2 compiles a call on an accumulator (a loop's phi, typed
	 * {@code DoubleVector}) by those profiles; with two classes in them the float64 kernels that C2 compiled after
	 * a float32 epoch dispatched on the class, boxed their vectors and ran the float64 MLP's epoch at 1.6–16× its
	 * time (docs/benchmarks.md, 2026-12-07).
	 */
	private static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;

	private static final int WIDE_LANES = WIDE.length();

	/** The upper half of a float vector's lanes, where the second of two converted float64 vectors goes. */
	private static final VectorMask<Float> UPPER = VectorMask.fromLong(S, ((1L << L) - 1) & (-1L << WIDE_LANES));

	/** The float64 vectors the packing converts from: the float64 kernels' own (see {@link #WIDE}). */
	static VectorSpecies<Double> wideSpecies() {
		return WIDE;
	}

	/** Vectors of the widest panel: 3 with AVX2's 16 registers, 4 with AVX-512's 32 (see {@link #tile4}). */
	private static final int VECTORS = L >= 16 ? 4 : 3;

	/** The widest panel. */
	private static final int PANEL = VECTORS * L;

	/**
	 * Inner terms per block of a panel: 24 KB of packed b with AVX2, 32 KB with AVX-512's panels of 64 floats,
	 * within the L1 over all row tiles.
	 */
	private static final int BLOCK = L >= 16 ? 128 : 256;

	private FloatVectorKernels() {
	}

	static int lanes() {
		return L;
	}

	/**
	 * Floats of scratch space {@link #product} needs for n rows of {@code inner} terms: a's rows packed when it is
	 * read down its columns, a panel of b, and the padded init and outputs of the last columns.
	 */
	static int scratchLength(int n, int inner) {
		return n * inner + BLOCK * PANEL + PANEL + n * PANEL;
	}

	/**
	 * As {@link FloatScalarKernels#product}, the same bits; {@code scratch} holds at least
	 * {@link #scratchLength scratchLength(n, inner)} floats.
	 */
	static void product(float[] a, int aOffset, int aRowStride, int aInnerStride, float[] b, double[] bWide,
			int bOffset, int bStride, float[] init, int initOffset, float[] c, int cOffset, int cStride, int n,
			int inner, int width, float[] scratch) {
		int panelAt = n * inner;
		int initAt = panelAt + BLOCK * PANEL;
		int edgeAt = initAt + PANEL;
		if (aInnerStride != 1) {
			pack(a, aOffset, aRowStride, aInnerStride, n, inner, scratch);
			a = scratch;
			aOffset = 0;
			aRowStride = inner;
		}
		for (int j = 0; j < width;) {
			int vectors = panelVectors(width - j);
			int panelWidth = vectors * L;
			int columns = Math.min(panelWidth, width - j);
			if (columns == panelWidth) {
				panel(a, aOffset, aRowStride, b, bWide, bOffset + j, bStride, init, initOffset + j, c, cOffset + j,
						cStride, n, inner, columns, vectors, scratch, panelAt);
			}
			else {
				float[] edgeInit = null;
				if (init != null) {
					System.arraycopy(init, initOffset + j, scratch, initAt, columns);
					Arrays.fill(scratch, initAt + columns, initAt + panelWidth, 0f);
					edgeInit = scratch;
				}
				panel(a, aOffset, aRowStride, b, bWide, bOffset + j, bStride, edgeInit, initAt, scratch, edgeAt,
						panelWidth, n, inner, columns, vectors, scratch, panelAt);
				for (int i = 0; i < n; i++) {
					System.arraycopy(scratch, edgeAt + i * panelWidth, c, cOffset + i * cStride + j, columns);
				}
			}
			j += columns;
		}
	}

	/**
	 * Vectors of the next panel, given the columns left: {@link #VECTORS} while there are, then what is left.
	 * (With AVX2, 128 columns as 3+3+3+3+2+2 vectors instead of 3+3+3+3+3+1 measured slower: the 784-128-10
	 * MLP's epoch 102–108 ms against 93–100; the tile of two vectors ran at half the tile of three's rate per
	 * term. With AVX-512, 128 columns are 4+4.)
	 */
	private static int panelVectors(int columns) {
		int vectors = (columns + L - 1) / L;
		return Math.min(vectors, VECTORS);
	}

	/**
	 * Every row × one panel of {@code vectors} vectors ({@code columns} of them real, the rest padded with zero
	 * weights), in blocks of inner terms whose panel of b is packed first; c holds the panel's whole vectors.
	 */
	private static void panel(float[] a, int aOffset, int aRow, float[] b, double[] bWide, int bAt, int bStride,
			float[] init, int initAt, float[] c, int cAt, int cStride, int n, int inner, int columns, int vectors,
			float[] scratch, int panelAt) {
		int tileEnd = n - n % ROWS;
		int panelWidth = vectors * L;
		// blocks of equal length, at most BLOCK: a short last block (784 = 3·256 + 16) paid a tile's loads and
		// stores of its accumulators for few terms
		int blocks = (inner + BLOCK - 1) / BLOCK;
		int length = (inner + blocks - 1) / blocks;
		for (int k0 = 0; k0 < inner; k0 += length) {
			int count = Math.min(length, inner - k0);
			boolean first = k0 == 0;
			packPanel(b, bWide, bAt + k0 * bStride, bStride, count, columns, panelWidth, scratch, panelAt);
			for (int i = 0; i < tileEnd; i += ROWS) {
				int at = aOffset + i * aRow + k0;
				int to = cAt + i * cStride;
				if (vectors == 4) {
					tile4(a, at, aRow, scratch, panelAt, first, init, initAt, c, to, cStride, count);
				}
				else if (vectors == 3) {
					tile3(a, at, aRow, scratch, panelAt, first, init, initAt, c, to, cStride, count);
				}
				else if (vectors == 2) {
					tile2(a, at, aRow, scratch, panelAt, first, init, initAt, c, to, cStride, count);
				}
				else {
					tile1(a, at, aRow, scratch, panelAt, first, init, initAt, c, to, cStride, count);
				}
			}
			for (int i = tileEnd; i < n; i++) {
				for (int v = 0; v < vectors; v++) {
					single(a, aOffset + i * aRow + k0, scratch, panelAt + v * L, panelWidth, first, init, initAt + v * L,
							c, cAt + i * cStride + v * L, count);
				}
			}
		}
	}

	/**
	 * {@code count} rows of b's {@code columns} columns from {@code bAt} (rounded to float32 from {@code bWide}
	 * when b is null), {@code panelWidth} floats per row side by side, the columns past {@code columns} zero.
	 */
	private static void packPanel(float[] b, double[] bWide, int bAt, int bStride, int count, int columns,
			int panelWidth, float[] packed, int at) {
		for (int k = 0; k < count; k++) {
			int from = bAt + k * bStride;
			int to = at + k * panelWidth;
			if (b != null) {
				System.arraycopy(b, from, packed, to, columns);
			}
			else {
				int j = 0;
				for (; j + L <= columns; j += L) {
					FloatVector lower = (FloatVector) DoubleVector.fromArray(WIDE, bWide, from + j)
						.convertShape(VectorOperators.D2F, S, 0);
					FloatVector upper = (FloatVector) DoubleVector.fromArray(WIDE, bWide, from + j + WIDE_LANES)
						.convertShape(VectorOperators.D2F, S, -1);
					lower.blend(upper, UPPER).intoArray(packed, to + j);
				}
				for (; j < columns; j++) {
					packed[to + j] = (float) bWide[from + j];
				}
			}
			if (columns < panelWidth) {
				Arrays.fill(packed, to + columns, to + panelWidth, 0f);
			}
		}
	}

	/**
	 * Rows {@code [0, rows)} of a read down its columns, row-major into {@code packed}; where the rows are
	 * adjacent ({@code aRowStride} 1) four at a time, as four rows' terms k lie side by side.
	 */
	private static void pack(float[] a, int aOffset, int aRowStride, int aInnerStride, int rows, int inner,
			float[] packed) {
		int i = 0;
		if (aRowStride == 1) {
			for (; i + 3 < rows; i += 4) {
				int to = i * inner;
				for (int k = 0, from = aOffset + i; k < inner; k++, from += aInnerStride) {
					packed[to + k] = a[from];
					packed[to + inner + k] = a[from + 1];
					packed[to + 2 * inner + k] = a[from + 2];
					packed[to + 3 * inner + k] = a[from + 3];
				}
			}
		}
		for (; i < rows; i++) {
			for (int k = 0; k < inner; k++) {
				packed[i * inner + k] = a[aOffset + i * aRowStride + k * aInnerStride];
			}
		}
	}

	private static FloatVector start(float[] init, int at) {
		return init == null ? FloatVector.zero(S) : FloatVector.fromArray(S, init, at);
	}

	/** An accumulator's start: from init on the first block of inner terms, else what the previous block left in c. */
	private static FloatVector resume(boolean first, float[] init, int initAt, float[] c, int cAt) {
		return first ? start(init, initAt) : FloatVector.fromArray(S, c, cAt);
	}

	/**
	 * One tile over a block of inner terms: 4 rows of p (row r's terms contiguous from {@code pAt + r·d}) × a
	 * packed panel of 3 vectors from {@code bAt}. The loop's shape is {@link VectorKernels}'s tile, which C2
	 * compiles well: unit-stride inputs from four row offsets, indices carried as induction variables.
	 */
	private static void tile3(float[] p, int pAt, int d, float[] b, int bAt, boolean first, float[] init,
			int initAt, float[] c, int cAt, int cStride, int inner) {
		int d2 = 2 * d;
		int d3 = 3 * d;
		FloatVector c00 = resume(first, init, initAt, c, cAt);
		FloatVector c01 = resume(first, init, initAt + L, c, cAt + L);
		FloatVector c02 = resume(first, init, initAt + 2 * L, c, cAt + 2 * L);
		FloatVector c10 = resume(first, init, initAt, c, cAt + cStride);
		FloatVector c11 = resume(first, init, initAt + L, c, cAt + cStride + L);
		FloatVector c12 = resume(first, init, initAt + 2 * L, c, cAt + cStride + 2 * L);
		FloatVector c20 = resume(first, init, initAt, c, cAt + 2 * cStride);
		FloatVector c21 = resume(first, init, initAt + L, c, cAt + 2 * cStride + L);
		FloatVector c22 = resume(first, init, initAt + 2 * L, c, cAt + 2 * cStride + 2 * L);
		FloatVector c30 = resume(first, init, initAt, c, cAt + 3 * cStride);
		FloatVector c31 = resume(first, init, initAt + L, c, cAt + 3 * cStride + L);
		FloatVector c32 = resume(first, init, initAt + 2 * L, c, cAt + 3 * cStride + 2 * L);
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += 3 * L) {
			FloatVector b0 = FloatVector.fromArray(S, b, bk);
			FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
			FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
			FloatVector x = FloatVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			c02 = b2.fma(x, c02);
			x = FloatVector.broadcast(S, p[pk + d]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			c12 = b2.fma(x, c12);
			x = FloatVector.broadcast(S, p[pk + d2]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			c22 = b2.fma(x, c22);
			x = FloatVector.broadcast(S, p[pk + d3]);
			c30 = b0.fma(x, c30);
			c31 = b1.fma(x, c31);
			c32 = b2.fma(x, c32);
		}
		// stored here rather than through a helper: C2 reaches its node-count cutoff in this method and left the
		// last calls of one out of line, each then boxing its vectors (3 GB allocated per epoch)
		c00.intoArray(c, cAt);
		c01.intoArray(c, cAt + L);
		c02.intoArray(c, cAt + 2 * L);
		c10.intoArray(c, cAt + cStride);
		c11.intoArray(c, cAt + cStride + L);
		c12.intoArray(c, cAt + cStride + 2 * L);
		c20.intoArray(c, cAt + 2 * cStride);
		c21.intoArray(c, cAt + 2 * cStride + L);
		c22.intoArray(c, cAt + 2 * cStride + 2 * L);
		c30.intoArray(c, cAt + 3 * cStride);
		c31.intoArray(c, cAt + 3 * cStride + L);
		c32.intoArray(c, cAt + 3 * cStride + 2 * L);
	}

	/**
	 * {@link #tile3} with a panel of 4 vectors, with AVX-512 only: 16 accumulators, 4 weight vectors and a
	 * broadcast in 32 registers.
	 */
	private static void tile4(float[] p, int pAt, int d, float[] b, int bAt, boolean first, float[] init,
			int initAt, float[] c, int cAt, int cStride, int inner) {
		int d2 = 2 * d;
		int d3 = 3 * d;
		int c1 = cAt + cStride;
		int c2 = cAt + 2 * cStride;
		int c3 = cAt + 3 * cStride;
		FloatVector c00 = resume(first, init, initAt, c, cAt);
		FloatVector c01 = resume(first, init, initAt + L, c, cAt + L);
		FloatVector c02 = resume(first, init, initAt + 2 * L, c, cAt + 2 * L);
		FloatVector c03 = resume(first, init, initAt + 3 * L, c, cAt + 3 * L);
		FloatVector c10 = resume(first, init, initAt, c, c1);
		FloatVector c11 = resume(first, init, initAt + L, c, c1 + L);
		FloatVector c12 = resume(first, init, initAt + 2 * L, c, c1 + 2 * L);
		FloatVector c13 = resume(first, init, initAt + 3 * L, c, c1 + 3 * L);
		FloatVector c20 = resume(first, init, initAt, c, c2);
		FloatVector c21 = resume(first, init, initAt + L, c, c2 + L);
		FloatVector c22 = resume(first, init, initAt + 2 * L, c, c2 + 2 * L);
		FloatVector c23 = resume(first, init, initAt + 3 * L, c, c2 + 3 * L);
		FloatVector c30 = resume(first, init, initAt, c, c3);
		FloatVector c31 = resume(first, init, initAt + L, c, c3 + L);
		FloatVector c32 = resume(first, init, initAt + 2 * L, c, c3 + 2 * L);
		FloatVector c33 = resume(first, init, initAt + 3 * L, c, c3 + 3 * L);
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += 4 * L) {
			FloatVector b0 = FloatVector.fromArray(S, b, bk);
			FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
			FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
			FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
			FloatVector x = FloatVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			c02 = b2.fma(x, c02);
			c03 = b3.fma(x, c03);
			x = FloatVector.broadcast(S, p[pk + d]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			c12 = b2.fma(x, c12);
			c13 = b3.fma(x, c13);
			x = FloatVector.broadcast(S, p[pk + d2]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			c22 = b2.fma(x, c22);
			c23 = b3.fma(x, c23);
			x = FloatVector.broadcast(S, p[pk + d3]);
			c30 = b0.fma(x, c30);
			c31 = b1.fma(x, c31);
			c32 = b2.fma(x, c32);
			c33 = b3.fma(x, c33);
		}
		// stored here, not through a helper, as in tile3
		c00.intoArray(c, cAt);
		c01.intoArray(c, cAt + L);
		c02.intoArray(c, cAt + 2 * L);
		c03.intoArray(c, cAt + 3 * L);
		c10.intoArray(c, c1);
		c11.intoArray(c, c1 + L);
		c12.intoArray(c, c1 + 2 * L);
		c13.intoArray(c, c1 + 3 * L);
		c20.intoArray(c, c2);
		c21.intoArray(c, c2 + L);
		c22.intoArray(c, c2 + 2 * L);
		c23.intoArray(c, c2 + 3 * L);
		c30.intoArray(c, c3);
		c31.intoArray(c, c3 + L);
		c32.intoArray(c, c3 + 2 * L);
		c33.intoArray(c, c3 + 3 * L);
	}

	/** {@link #tile3} with a panel of two vectors. */
	private static void tile2(float[] p, int pAt, int d, float[] b, int bAt, boolean first, float[] init,
			int initAt, float[] c, int cAt, int cStride, int inner) {
		int d2 = 2 * d;
		int d3 = 3 * d;
		FloatVector c00 = resume(first, init, initAt, c, cAt);
		FloatVector c01 = resume(first, init, initAt + L, c, cAt + L);
		FloatVector c10 = resume(first, init, initAt, c, cAt + cStride);
		FloatVector c11 = resume(first, init, initAt + L, c, cAt + cStride + L);
		FloatVector c20 = resume(first, init, initAt, c, cAt + 2 * cStride);
		FloatVector c21 = resume(first, init, initAt + L, c, cAt + 2 * cStride + L);
		FloatVector c30 = resume(first, init, initAt, c, cAt + 3 * cStride);
		FloatVector c31 = resume(first, init, initAt + L, c, cAt + 3 * cStride + L);
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += 2 * L) {
			FloatVector b0 = FloatVector.fromArray(S, b, bk);
			FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
			FloatVector x = FloatVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			x = FloatVector.broadcast(S, p[pk + d]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			x = FloatVector.broadcast(S, p[pk + d2]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			x = FloatVector.broadcast(S, p[pk + d3]);
			c30 = b0.fma(x, c30);
			c31 = b1.fma(x, c31);
		}
		c00.intoArray(c, cAt);
		c01.intoArray(c, cAt + L);
		c10.intoArray(c, cAt + cStride);
		c11.intoArray(c, cAt + cStride + L);
		c20.intoArray(c, cAt + 2 * cStride);
		c21.intoArray(c, cAt + 2 * cStride + L);
		c30.intoArray(c, cAt + 3 * cStride);
		c31.intoArray(c, cAt + 3 * cStride + L);
	}

	/** {@link #tile3} with a panel of one vector. */
	private static void tile1(float[] p, int pAt, int d, float[] b, int bAt, boolean first, float[] init,
			int initAt, float[] c, int cAt, int cStride, int inner) {
		int d2 = 2 * d;
		int d3 = 3 * d;
		FloatVector c0 = resume(first, init, initAt, c, cAt);
		FloatVector c1 = resume(first, init, initAt, c, cAt + cStride);
		FloatVector c2 = resume(first, init, initAt, c, cAt + 2 * cStride);
		FloatVector c3 = resume(first, init, initAt, c, cAt + 3 * cStride);
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += L) {
			FloatVector b0 = FloatVector.fromArray(S, b, bk);
			c0 = b0.fma(FloatVector.broadcast(S, p[pk]), c0);
			c1 = b0.fma(FloatVector.broadcast(S, p[pk + d]), c1);
			c2 = b0.fma(FloatVector.broadcast(S, p[pk + d2]), c2);
			c3 = b0.fma(FloatVector.broadcast(S, p[pk + d3]), c3);
		}
		c0.intoArray(c, cAt);
		c1.intoArray(c, cAt + cStride);
		c2.intoArray(c, cAt + 2 * cStride);
		c3.intoArray(c, cAt + 3 * cStride);
	}

	/** One row from {@code pAt} × one vector of a packed panel ({@code panelWidth} floats per term). */
	private static void single(float[] p, int pAt, float[] b, int bAt, int panelWidth, boolean first, float[] init,
			int initAt, float[] c, int cAt, int inner) {
		FloatVector sum = resume(first, init, initAt, c, cAt);
		for (int k = 0; k < inner; k++) {
			sum = FloatVector.fromArray(S, b, bAt + k * panelWidth).fma(FloatVector.broadcast(S, p[pAt + k]), sum);
		}
		sum.intoArray(c, cAt);
	}

	/**
	 * {@link FloatKernels#reluBackward} without a branch per element (half the units of a ReLU layer are off, in
	 * no pattern a branch predictor learns): δ·1 where a > 0, δ·0 elsewhere, as blended lanes.
	 */
	static void reluBackward(float[] delta, float[] a, int length) {
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			FloatVector d = FloatVector.fromArray(S, delta, j);
			VectorMask<Float> on = FloatVector.fromArray(S, a, j).compare(VectorOperators.GT, 0f);
			d.mul(0f).blend(d, on).intoArray(delta, j);
		}
		for (; j < length; j++) {
			delta[j] = delta[j] * (a[j] > 0 ? 1f : 0f);
		}
	}

}
