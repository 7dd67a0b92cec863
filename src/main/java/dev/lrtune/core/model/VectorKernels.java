package dev.lrtune.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with explicit SIMD (the Vector API), bit for bit the results of {@link ScalarKernels}.
 *
 * <p>Why the bits match on every CPU: the product only ever combines lanes of the same output element, so the
 * vector width changes how many outputs are computed at once, never how one output is computed: its bias (or
 * zero), then one fused multiply-add per inner term in inner order, as in the scalar code. A fused
 * multiply-add rounds once, as IEEE 754 defines it, in the vector lanes as in {@link Math#fma}. The one
 * cross-lane sum, the dot product, uses four lanes whatever the CPU offers: lane m is the scalar code's
 * accumulator m.
 *
 * <p>Speed: the product holds a tile of 4 rows × 3 vectors of outputs (12 accumulators: with AVX2's 16
 * registers, room is left for the 3 weight vectors and a broadcast) over the whole inner loop; per inner
 * term it loads 3 weight vectors, broadcasts 4 inputs and issues 12 fused multiply-adds, and stores each
 * output once. The tiles read the input's rows in place when each row is contiguous, wherever the rows start
 * (a shuffled batch's rows in the dataset: {@link #productOfRows}); an input read down its columns (the weight
 * gradient's) is first copied out row-major ({@link #pack}, {@link #packColumns}). The weights are read from a
 * packed panel, 3 vectors per inner term side by side ({@link #packPanel}). Edges: a packed panel of two
 * vectors ({@link #panel2}), then one vector, then the last columns one by one, then single rows. That is the
 * layout for 256-bit vectors
 * (AVX2); with 512-bit ones the earlier layout, inputs interleaved by fours, measured faster and is kept
 * ({@link #productWide}), except for a shuffled batch's rows read in place, which take the tiles above with
 * either width (with 512-bit vectors as fast as {@link #productWide}'s loop given the rows' starts). All give
 * the same bits.
 *
 * <p>Only loaded when {@link Kernels} found the {@code jdk.incubator.vector} module.
 */
final class VectorKernels {

	/** The widest vectors the CPU has (256 bits with AVX2, 512 with AVX-512): the products' lanes. */
	private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	/** Four lanes, the dot product's four accumulators, whatever the CPU offers. */
	private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

	/** {@link #zeros()}'s lanes. */
	private static final double[] ZEROS = new double[4];

	/** Rows per tile of {@link #product}. */
	private static final int ROWS = 4;

	/** Columns of a panel of {@link #product}: three vectors. */
	private static final int PANEL = 3 * L;

	/** Inner terms per block of a panel: the packed block of b (24 KB with AVX2) stays in L1 over all row tiles. */
	private static final int BLOCK = 256;

	private VectorKernels() {
	}

	/** Lanes of the products on this CPU. */
	static int lanes() {
		return L;
	}

	/**
	 * Doubles of scratch space the products need for n rows of {@code inner} terms (the packed input rows and a
	 * weight panel).
	 */
	static int scratchLength(int n, int inner) {
		return n * inner + BLOCK * PANEL;
	}

	/**
	 * As {@link ScalarKernels#product}, the same bits; {@code scratch} holds at least
	 * {@link #scratchLength scratchLength(n, inner)} doubles.
	 */
	static void product(double[] a, int aOffset, int aRowStride, int aInnerStride, double[] b, int bOffset,
			int bStride, double[] init, int initOffset, double[] c, int cOffset, int cStride, int n, int inner,
			int width, double[] scratch) {
		if (L > 4) {
			productWide(a, null, aOffset, aRowStride, aInnerStride, b, bOffset, bStride, init, initOffset, c, cOffset,
					cStride, n, inner, width, scratch);
			return;
		}
		if (aInnerStride == 1) {
			tiles(a, null, aOffset, aRowStride, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner,
					width, scratch, 0);
			return;
		}
		// a read down its columns: its rows are first copied out row-major, so that every tile reads four
		// contiguous rows
		pack(a, aOffset, aRowStride, aInnerStride, n, inner, scratch);
		tiles(scratch, null, 0, inner, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner, width,
				scratch, n * inner);
	}

	/**
	 * {@link #product} of the rows of a that start at {@code rows[0..n)}, read where they lie ({@code a_{i,k} =
	 * a[rows[i] + k]}): a shuffled batch's inputs read in the dataset, without a gathered copy. The same bits
	 * as the rows gathered, with vectors of any width: with 512-bit ones too the tiles of the 256-bit layout
	 * ({@link #tiles}), since {@link #productWide}'s tiles take their rows a constant stride apart.
	 */
	static void productOfRows(double[] a, int[] rows, double[] b, int bOffset, int bStride, double[] init,
			int initOffset, double[] c, int cOffset, int cStride, int n, int inner, int width, double[] scratch) {
		tiles(a, rows, 0, 0, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner, width, scratch, 0);
	}

	/**
	 * {@link #product} of the transpose of the rows that start at {@code rows[0..inner)} ({@code a_{i,k} =
	 * a[rows[k] + i]}): the first layer's weight gradient of a batch read in the dataset. Its rows are copied
	 * out row-major first, as {@link #product} does for an input read down its columns, straight from where
	 * the batch's rows lie; with 512-bit vectors interleaved by fours, as {@link #productWide} packs them.
	 */
	static void productOfColumns(double[] a, int[] rows, double[] b, int bOffset, int bStride, double[] init,
			int initOffset, double[] c, int cOffset, int cStride, int n, int inner, int width, double[] scratch) {
		if (L > 4) {
			productWide(a, rows, 0, 0, 0, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner, width,
					scratch);
			return;
		}
		packColumns(a, rows, n, inner, scratch);
		tiles(scratch, null, 0, inner, b, bOffset, bStride, init, initOffset, c, cOffset, cStride, n, inner, width,
				scratch, n * inner);
	}

	/**
	 * The tiles of a product whose rows of a are contiguous: row i from {@code rows[i]} when {@code rows} is
	 * given, else from {@code pStart + i·pRow}; the weight panels are packed into {@code scratch} at
	 * {@code panel}. Every row tile through each panel of three vectors, then through the edge columns; then
	 * the rows past the last tile one by one.
	 */
	private static void tiles(double[] p, int[] rows, int pStart, int pRow, double[] b, int bOffset, int bStride,
			double[] init, int initOffset, double[] c, int cOffset, int cStride, int n, int inner, int width,
			double[] scratch, int panel) {
		int tileEnd = n - n % ROWS;
		int panelsEnd = width - width % PANEL;
		for (int j = 0; j < panelsEnd; j += PANEL) {
			panel3(p, rows, pStart, pRow, tileEnd, b, bOffset + j, bStride, init, initOffset + j, c, cOffset + j,
					cStride, inner, scratch, panel);
		}
		int j = panelsEnd;
		if (j + 2 * L <= width) {
			panel2(p, rows, pStart, pRow, tileEnd, b, bOffset + j, bStride, init, initOffset + j, c, cOffset + j,
					cStride, inner, scratch, panel);
			j += 2 * L;
		}
		edgeColumns(p, rows, pStart, pRow, tileEnd, j, b, bOffset, bStride, init, initOffset, c, cOffset, cStride,
				inner, width);
		for (int i = tileEnd; i < n; i++) {
			singleRow(p, rowStart(rows, pStart, pRow, i), b, bOffset, bStride, init, initOffset, c,
					cOffset + i * cStride, inner, width);
		}
	}

	/**
	 * The row tiles up to {@code tileEnd} × one panel of three vectors (from column 0 of b, c and init as given),
	 * in blocks of {@link #BLOCK} inner terms whose panel of b is packed first.
	 */
	private static void panel3(double[] p, int[] rows, int pStart, int pRow, int tileEnd, double[] b, int bAt,
			int bStride, double[] init, int initAt, double[] c, int cAt, int cStride, int inner, double[] scratch,
			int panel) {
		for (int k0 = 0; k0 < inner; k0 += BLOCK) {
			int count = Math.min(BLOCK, inner - k0);
			packPanel(b, bAt + k0 * bStride, bStride, count, scratch, panel);
			for (int i = 0; i < tileEnd; i += ROWS) {
				int r0 = rowStart(rows, pStart, pRow, i);
				int d1 = rowStart(rows, pStart, pRow, i + 1) - r0;
				int d2 = rowStart(rows, pStart, pRow, i + 2) - r0;
				int d3 = rowStart(rows, pStart, pRow, i + 3) - r0;
				tile3(p, r0 + k0, d1, d2, d3, scratch, panel, k0 == 0, init, initAt, c, cAt + i * cStride, cStride,
						count);
			}
		}
	}

	/**
	 * {@link #panel3} with two vectors: the columns past the last panel of three (the 784-128-10 MLP's columns
	 * 120–127), packed and blocked alike. Read in place instead, b's rows lie a row stride apart (1 KB for 128
	 * columns), so that the L1 holds few of them (their lines fall into few of its sets) and every tile read
	 * them again from L2.
	 */
	private static void panel2(double[] p, int[] rows, int pStart, int pRow, int tileEnd, double[] b, int bAt,
			int bStride, double[] init, int initAt, double[] c, int cAt, int cStride, int inner, double[] scratch,
			int panel) {
		for (int k0 = 0; k0 < inner; k0 += BLOCK) {
			int count = Math.min(BLOCK, inner - k0);
			packPanel2(b, bAt + k0 * bStride, bStride, count, scratch, panel);
			for (int i = 0; i < tileEnd; i += ROWS) {
				int r0 = rowStart(rows, pStart, pRow, i);
				int d1 = rowStart(rows, pStart, pRow, i + 1) - r0;
				int d2 = rowStart(rows, pStart, pRow, i + 2) - r0;
				int d3 = rowStart(rows, pStart, pRow, i + 3) - r0;
				tile2(p, r0 + k0, d1, d2, d3, scratch, panel, 2 * L, k0 == 0, init, initAt, c, cAt + i * cStride,
						cStride, count);
			}
		}
	}

	/** The row tiles up to {@code tileEnd} × the columns from {@code j} on: a vector, then single columns. */
	private static void edgeColumns(double[] p, int[] rows, int pStart, int pRow, int tileEnd, int j, double[] b,
			int bOffset, int bStride, double[] init, int initOffset, double[] c, int cOffset, int cStride, int inner,
			int width) {
		for (int i = 0; i < tileEnd; i += ROWS) {
			int r0 = rowStart(rows, pStart, pRow, i);
			int d1 = rowStart(rows, pStart, pRow, i + 1) - r0;
			int d2 = rowStart(rows, pStart, pRow, i + 2) - r0;
			int d3 = rowStart(rows, pStart, pRow, i + 3) - r0;
			int at = cOffset + i * cStride;
			int column = j;
			if (column + L <= width) {
				tile1(p, r0, d1, d2, d3, b, bOffset + column, bStride, init, initOffset + column, c, at + column,
						cStride, inner);
				column += L;
			}
			for (; column < width; column++) {
				lastColumn(p, r0, d1, d2, d3, b, bOffset + column, bStride, init, initOffset + column, c, at + column,
						cStride, inner);
			}
		}
	}

	/** One row from {@code row} (contiguous) × every column: vectors, then the columns past the last one. */
	private static void singleRow(double[] p, int row, double[] b, int bOffset, int bStride, double[] init,
			int initOffset, double[] c, int at, int inner, int width) {
		int column = 0;
		for (; column + L <= width; column += L) {
			single(p, row, 1, b, bOffset + column, bStride, init, initOffset + column, c, at + column, inner);
		}
		for (; column < width; column++) {
			double start = init == null ? 0.0 : init[initOffset + column];
			c[at + column] = ScalarKernels.column(p, row, 1, b, bOffset + column, bStride, start, inner);
		}
	}

	private static int rowStart(int[] rows, int pStart, int pRow, int i) {
		return rows == null ? pStart + i * pRow : rows[i];
	}

	/**
	 * {@link #product} with vectors of eight lanes or more (AVX-512): the earlier loops, unchanged (the inputs
	 * interleaved by fours, the strides as arguments, the same bits). With 32 vector registers C2 keeps that
	 * loop's broadcasts without spilling, and it measured faster there than {@link #tile3}'s (the 784-128-10
	 * MLP's weight gradient at 51 against 41–42 GFLOP/s, short products alike), while with AVX2's 16 registers it
	 * is the slower one.
	 */
	private static void productWide(double[] a, int[] columnStarts, int aOffset, int aRowStride, int aInnerStride,
			double[] b, int bOffset, int bStride, double[] init, int initOffset, double[] c, int cOffset, int cStride,
			int n, int inner, int width, double[] scratch) {
		int tileEnd = n - n % ROWS;
		// The tiles read a's rows in place when each row is contiguous; otherwise (a read down its columns, or a
		// batch's rows read down their columns: columnStarts), or when columns are left over for lastColumn,
		// which needs them, packed side by side.
		boolean packed = columnStarts != null || aInnerStride != 1 || width % L != 0;
		double[] p = packed ? scratch : a;
		int pRow = packed ? 1 : aRowStride;
		int pInner = packed ? ROWS : 1;
		int pStart = packed ? 0 : aOffset;
		int pTile = packed ? inner : aRowStride;
		int panel = packed ? tileEnd * inner : 0;
		if (packed) {
			packInterleaved(a, columnStarts, aOffset, aRowStride, aInnerStride, tileEnd, inner, scratch);
		}
		int j = 0;
		for (; j + PANEL <= width; j += PANEL) {
			for (int k0 = 0; k0 < inner; k0 += BLOCK) {
				int count = Math.min(BLOCK, inner - k0);
				packPanel(b, bOffset + k0 * bStride + j, bStride, count, scratch, panel);
				for (int i = 0; i < tileEnd; i += ROWS) {
					tile3Wide(p, pStart + i * pTile + k0 * pInner, pRow, pInner, scratch, panel, PANEL, k0 == 0, init,
							initOffset + j, c, cOffset + i * cStride + j, cStride, count);
				}
			}
		}
		if (j + 2 * L <= width) {
			for (int i = 0; i < tileEnd; i += ROWS) {
				tile2Wide(p, pStart + i * pTile, pRow, pInner, b, bOffset + j, bStride, init, initOffset + j, c,
						cOffset + i * cStride + j, cStride, inner);
			}
			j += 2 * L;
		}
		if (j + L <= width) {
			for (int i = 0; i < tileEnd; i += ROWS) {
				tile1Wide(p, pStart + i * pTile, pRow, pInner, b, bOffset + j, bStride, init, initOffset + j, c,
						cOffset + i * cStride + j, cStride, inner);
			}
			j += L;
		}
		for (int i = 0; i < tileEnd; i += ROWS) {
			for (int column = j; column < width; column++) {
				lastColumnWide(scratch, i * inner, ROWS, b, bOffset + column, bStride, init, initOffset + column, c,
						cOffset + i * cStride + column, cStride, inner);
			}
		}
		// the rows past the last tile one by one; a batch's rows read down their columns are first copied out
		// row-major past the tiles' packed rows, over the weight panel, no longer needed
		double[] q = a;
		int qStart = aOffset;
		int qRow = aRowStride;
		int qInner = aInnerStride;
		if (columnStarts != null) {
			for (int i = tileEnd; i < n; i++) {
				for (int k = 0; k < inner; k++) {
					scratch[i * inner + k] = a[columnStarts[k] + i];
				}
			}
			q = scratch;
			qStart = 0;
			qRow = inner;
			qInner = 1;
		}
		int vectorEnd = j;
		for (int i = tileEnd; i < n; i++) {
			int row = qStart + i * qRow;
			int at = cOffset + i * cStride;
			for (j = 0; j < vectorEnd; j += L) {
				single(q, row, qInner, b, bOffset + j, bStride, init, initOffset + j, c, at + j, inner);
			}
			for (; j < width; j++) {
				double start = init == null ? 0.0 : init[initOffset + j];
				c[at + j] = ScalarKernels.column(q, row, qInner, b, bOffset + j, bStride, start, inner);
			}
		}
	}

	/** Rows {@code [0, rows)} of a, in tiles of {@link #ROWS}: tile t's term k of row r at (t·inner + k)·ROWS + r. */
	private static void packInterleaved(double[] a, int[] columnStarts, int aOffset, int aRowStride, int aInnerStride,
			int rows, int inner, double[] packed) {
		for (int t = 0; t < rows; t += ROWS) {
			int base = t * inner;
			// a batch's rows read down their columns: the tile's four terms k lie side by side at columnStarts[k] + t
			if (columnStarts != null) {
				for (int k = 0; k < inner; k++) {
					System.arraycopy(a, columnStarts[k] + t, packed, base + k * ROWS, ROWS);
				}
				continue;
			}
			// a read down its columns: a tile's four terms k lie side by side already (copied as doubles, not as a
			// 256-bit vector: see lastColumn)
			if (aRowStride == 1) {
				int from = aOffset + t;
				for (int k = 0; k < inner; k++) {
					System.arraycopy(a, from + k * aInnerStride, packed, base + k * ROWS, ROWS);
				}
				continue;
			}
			for (int r = 0; r < ROWS; r++) {
				int from = aOffset + (t + r) * aRowStride;
				for (int k = 0; k < inner; k++) {
					packed[base + k * ROWS + r] = a[from + k * aInnerStride];
				}
			}
		}
	}

	/**
	 * One tile over a block of inner terms: 4 packed rows from {@code p} × 3 vectors of b from {@code bAt},
	 * starting from init ({@code first} block) or from what the previous block left in c. The packed
	 * layout's strides come in as arguments ({@code pRow} 1, {@code pInner} {@link #ROWS}): with them as
	 * constants C2's code for this loop measured a third slower.
	 */
	private static void tile3Wide(double[] p, int pAt, int pRow, int pInner, double[] b, int bAt, int bStride,
			boolean first, double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c00;
		DoubleVector c01;
		DoubleVector c02;
		DoubleVector c10;
		DoubleVector c11;
		DoubleVector c12;
		DoubleVector c20;
		DoubleVector c21;
		DoubleVector c22;
		DoubleVector c30;
		DoubleVector c31;
		DoubleVector c32;
		if (first) {
			c00 = start(init, initAt);
			c01 = start(init, initAt + L);
			c02 = start(init, initAt + 2 * L);
			c10 = c00;
			c11 = c01;
			c12 = c02;
			c20 = c00;
			c21 = c01;
			c22 = c02;
			c30 = c00;
			c31 = c01;
			c32 = c02;
		}
		else {
			c00 = DoubleVector.fromArray(S, c, cAt);
			c01 = DoubleVector.fromArray(S, c, cAt + L);
			c02 = DoubleVector.fromArray(S, c, cAt + 2 * L);
			c10 = DoubleVector.fromArray(S, c, cAt + cStride);
			c11 = DoubleVector.fromArray(S, c, cAt + cStride + L);
			c12 = DoubleVector.fromArray(S, c, cAt + cStride + 2 * L);
			c20 = DoubleVector.fromArray(S, c, cAt + 2 * cStride);
			c21 = DoubleVector.fromArray(S, c, cAt + 2 * cStride + L);
			c22 = DoubleVector.fromArray(S, c, cAt + 2 * cStride + 2 * L);
			c30 = DoubleVector.fromArray(S, c, cAt + 3 * cStride);
			c31 = DoubleVector.fromArray(S, c, cAt + 3 * cStride + L);
			c32 = DoubleVector.fromArray(S, c, cAt + 3 * cStride + 2 * L);
		}
		for (int k = 0; k < inner; k++) {
			int bk = bAt + k * bStride;
			int pk = pAt + k * pInner;
			DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
			DoubleVector b1 = DoubleVector.fromArray(S, b, bk + L);
			DoubleVector b2 = DoubleVector.fromArray(S, b, bk + 2 * L);
			DoubleVector x = DoubleVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			c02 = b2.fma(x, c02);
			x = DoubleVector.broadcast(S, p[pk + pRow]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			c12 = b2.fma(x, c12);
			x = DoubleVector.broadcast(S, p[pk + 2 * pRow]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			c22 = b2.fma(x, c22);
			x = DoubleVector.broadcast(S, p[pk + 3 * pRow]);
			c30 = b0.fma(x, c30);
			c31 = b1.fma(x, c31);
			c32 = b2.fma(x, c32);
		}
		store3(c00, c01, c02, c, cAt);
		store3(c10, c11, c12, c, cAt + cStride);
		store3(c20, c21, c22, c, cAt + 2 * cStride);
		store3(c30, c31, c32, c, cAt + 3 * cStride);
	}

	/** {@link #tile3Wide} with two vectors of b. */
	private static void tile2Wide(double[] p, int pAt, int pRow, int pInner, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c00 = start(init, initAt);
		DoubleVector c01 = start(init, initAt + L);
		DoubleVector c10 = c00;
		DoubleVector c11 = c01;
		DoubleVector c20 = c00;
		DoubleVector c21 = c01;
		DoubleVector c30 = c00;
		DoubleVector c31 = c01;
		for (int k = 0; k < inner; k++) {
			int bk = bAt + k * bStride;
			int pk = pAt + k * pInner;
			DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
			DoubleVector b1 = DoubleVector.fromArray(S, b, bk + L);
			DoubleVector x = DoubleVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			x = DoubleVector.broadcast(S, p[pk + pRow]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			x = DoubleVector.broadcast(S, p[pk + 2 * pRow]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			x = DoubleVector.broadcast(S, p[pk + 3 * pRow]);
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

	/** {@link #tile3Wide} with one vector of b. */
	private static void tile1Wide(double[] p, int pAt, int pRow, int pInner, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c0 = start(init, initAt);
		DoubleVector c1 = c0;
		DoubleVector c2 = c0;
		DoubleVector c3 = c0;
		for (int k = 0; k < inner; k++) {
			int pk = pAt + k * pInner;
			DoubleVector b0 = DoubleVector.fromArray(S, b, bAt + k * bStride);
			c0 = b0.fma(DoubleVector.broadcast(S, p[pk]), c0);
			c1 = b0.fma(DoubleVector.broadcast(S, p[pk + pRow]), c1);
			c2 = b0.fma(DoubleVector.broadcast(S, p[pk + 2 * pRow]), c2);
			c3 = b0.fma(DoubleVector.broadcast(S, p[pk + 3 * pRow]), c3);
		}
		c0.intoArray(c, cAt);
		c1.intoArray(c, cAt + cStride);
		c2.intoArray(c, cAt + 2 * cStride);
		c3.intoArray(c, cAt + 3 * cStride);
	}

	/**
	 * One column past the last whole vector, for the 4 packed rows of a tile: four independent chains of
	 * {@link Math#fma}, the scalar code's sums. Not a vector of {@link #FOUR}: with 512-bit vectors, 256-bit
	 * ones in the products made C2's type profile of the shared {@code DoubleVector} methods (fma, intoArray)
	 * see two vector classes, and it then left those operations to the allocating Java fallback in every tile.
	 */
	private static void lastColumnWide(double[] p, int pAt, int pInner, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		double start = init == null ? 0.0 : init[initAt];
		double s0 = start;
		double s1 = start;
		double s2 = start;
		double s3 = start;
		for (int k = 0; k < inner; k++) {
			int pk = pAt + k * pInner;
			double bk = b[bAt + k * bStride];
			s0 = Math.fma(p[pk], bk, s0);
			s1 = Math.fma(p[pk + 1], bk, s1);
			s2 = Math.fma(p[pk + 2], bk, s2);
			s3 = Math.fma(p[pk + 3], bk, s3);
		}
		c[cAt] = s0;
		c[cAt + cStride] = s1;
		c[cAt + 2 * cStride] = s2;
		c[cAt + 3 * cStride] = s3;
	}

	/** {@code count} rows of {@link #PANEL} doubles of b from {@code bAt}, side by side into {@code packed} at {@code at}. */
	private static void packPanel(double[] b, int bAt, int bStride, int count, double[] packed, int at) {
		for (int k = 0; k < count; k++) {
			int from = bAt + k * bStride;
			int to = at + k * PANEL;
			DoubleVector.fromArray(S, b, from).intoArray(packed, to);
			DoubleVector.fromArray(S, b, from + L).intoArray(packed, to + L);
			DoubleVector.fromArray(S, b, from + 2 * L).intoArray(packed, to + 2 * L);
		}
	}

	/** {@link #packPanel} with two vectors per row. */
	private static void packPanel2(double[] b, int bAt, int bStride, int count, double[] packed, int at) {
		for (int k = 0; k < count; k++) {
			int from = bAt + k * bStride;
			int to = at + k * 2 * L;
			DoubleVector.fromArray(S, b, from).intoArray(packed, to);
			DoubleVector.fromArray(S, b, from + L).intoArray(packed, to + L);
		}
	}

	/** Rows {@code [0, rows)} of a, row-major: term k of row i at {@code i·inner + k}. */
	private static void pack(double[] a, int aOffset, int aRowStride, int aInnerStride, int rows, int inner,
			double[] packed) {
		int i = 0;
		// a read down its columns: four rows' terms k lie side by side, so four rows at a time read them together
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
			int from = aOffset + i * aRowStride;
			int to = i * inner;
			for (int k = 0; k < inner; k++) {
				packed[to + k] = a[from + k * aInnerStride];
			}
		}
	}

	/**
	 * Rows {@code [0, rows)} of {@code a_{i,k} = a[starts[k] + i]}, row-major ({@link #pack}'s layout): four
	 * rows at a time, as their terms k lie side by side in each of the rows that {@code starts} names.
	 */
	private static void packColumns(double[] a, int[] starts, int rows, int inner, double[] packed) {
		int i = 0;
		for (; i + 3 < rows; i += 4) {
			int to = i * inner;
			for (int k = 0; k < inner; k++) {
				int from = starts[k] + i;
				packed[to + k] = a[from];
				packed[to + inner + k] = a[from + 1];
				packed[to + 2 * inner + k] = a[from + 2];
				packed[to + 3 * inner + k] = a[from + 3];
			}
		}
		for (; i < rows; i++) {
			int to = i * inner;
			for (int k = 0; k < inner; k++) {
				packed[to + k] = a[starts[k] + i];
			}
		}
	}

	private static DoubleVector start(double[] init, int at) {
		return init == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, init, at);
	}

	/**
	 * One tile over a block of inner terms: 4 rows of {@code p} (row r's terms contiguous from
	 * {@code pAt + d_r}, {@code d_0} = 0) × the packed panel of b ({@link #PANEL} doubles per term) from {@code bAt},
	 * starting from init ({@code first} block) or from what the previous block left in c.
	 *
	 * <p>The loop's shape is what C2 (JDK 17) compiles well, measured: the inputs read at a unit stride from
	 * four row offsets (C2 then drops their bounds checks; an interleaved layout, one index for the four rows,
	 * let its scheduler keep several broadcasts live and spill accumulators, half the speed), and the indices
	 * carried as induction variables rather than {@code k·stride} (fewer integer instructions competing with the
	 * fused multiply-adds for ports: 15 % faster with AVX2). Unrolling the inner loop by hand made the method too
	 * large for C2 to inline the Vector API calls, which then allocated. For 256-bit vectors: with 512-bit ones
	 * {@link #productWide} is faster.
	 */
	private static void tile3(double[] p, int pAt, int d1, int d2, int d3, double[] b, int bAt, boolean first,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c00;
		DoubleVector c01;
		DoubleVector c02;
		DoubleVector c10;
		DoubleVector c11;
		DoubleVector c12;
		DoubleVector c20;
		DoubleVector c21;
		DoubleVector c22;
		DoubleVector c30;
		DoubleVector c31;
		DoubleVector c32;
		if (first) {
			c00 = start(init, initAt);
			c01 = start(init, initAt + L);
			c02 = start(init, initAt + 2 * L);
			c10 = c00;
			c11 = c01;
			c12 = c02;
			c20 = c00;
			c21 = c01;
			c22 = c02;
			c30 = c00;
			c31 = c01;
			c32 = c02;
		}
		else {
			c00 = DoubleVector.fromArray(S, c, cAt);
			c01 = DoubleVector.fromArray(S, c, cAt + L);
			c02 = DoubleVector.fromArray(S, c, cAt + 2 * L);
			c10 = DoubleVector.fromArray(S, c, cAt + cStride);
			c11 = DoubleVector.fromArray(S, c, cAt + cStride + L);
			c12 = DoubleVector.fromArray(S, c, cAt + cStride + 2 * L);
			c20 = DoubleVector.fromArray(S, c, cAt + 2 * cStride);
			c21 = DoubleVector.fromArray(S, c, cAt + 2 * cStride + L);
			c22 = DoubleVector.fromArray(S, c, cAt + 2 * cStride + 2 * L);
			c30 = DoubleVector.fromArray(S, c, cAt + 3 * cStride);
			c31 = DoubleVector.fromArray(S, c, cAt + 3 * cStride + L);
			c32 = DoubleVector.fromArray(S, c, cAt + 3 * cStride + 2 * L);
		}
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += PANEL) {
			DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
			DoubleVector b1 = DoubleVector.fromArray(S, b, bk + L);
			DoubleVector b2 = DoubleVector.fromArray(S, b, bk + 2 * L);
			DoubleVector x = DoubleVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			c02 = b2.fma(x, c02);
			x = DoubleVector.broadcast(S, p[pk + d1]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			c12 = b2.fma(x, c12);
			x = DoubleVector.broadcast(S, p[pk + d2]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			c22 = b2.fma(x, c22);
			x = DoubleVector.broadcast(S, p[pk + d3]);
			c30 = b0.fma(x, c30);
			c31 = b1.fma(x, c31);
			c32 = b2.fma(x, c32);
		}
		store3(c00, c01, c02, c, cAt);
		store3(c10, c11, c12, c, cAt + cStride);
		store3(c20, c21, c22, c, cAt + 2 * cStride);
		store3(c30, c31, c32, c, cAt + 3 * cStride);
	}

	/** An accumulator's start: from init on the first block of inner terms, else what the previous block left in c. */
	private static DoubleVector resume(boolean first, double[] init, int initAt, double[] c, int cAt) {
		return first ? start(init, initAt) : DoubleVector.fromArray(S, c, cAt);
	}

	private static void store3(DoubleVector v0, DoubleVector v1, DoubleVector v2, double[] c, int at) {
		v0.intoArray(c, at);
		v1.intoArray(c, at + L);
		v2.intoArray(c, at + 2 * L);
	}

	/** {@link #tile3} with two vectors of b. */
	private static void tile2(double[] p, int pAt, int d1, int d2, int d3, double[] b, int bAt, int bStride,
			boolean first, double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c00 = resume(first, init, initAt, c, cAt);
		DoubleVector c01 = resume(first, init, initAt + L, c, cAt + L);
		DoubleVector c10 = resume(first, init, initAt, c, cAt + cStride);
		DoubleVector c11 = resume(first, init, initAt + L, c, cAt + cStride + L);
		DoubleVector c20 = resume(first, init, initAt, c, cAt + 2 * cStride);
		DoubleVector c21 = resume(first, init, initAt + L, c, cAt + 2 * cStride + L);
		DoubleVector c30 = resume(first, init, initAt, c, cAt + 3 * cStride);
		DoubleVector c31 = resume(first, init, initAt + L, c, cAt + 3 * cStride + L);
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += bStride) {
			DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
			DoubleVector b1 = DoubleVector.fromArray(S, b, bk + L);
			DoubleVector x = DoubleVector.broadcast(S, p[pk]);
			c00 = b0.fma(x, c00);
			c01 = b1.fma(x, c01);
			x = DoubleVector.broadcast(S, p[pk + d1]);
			c10 = b0.fma(x, c10);
			c11 = b1.fma(x, c11);
			x = DoubleVector.broadcast(S, p[pk + d2]);
			c20 = b0.fma(x, c20);
			c21 = b1.fma(x, c21);
			x = DoubleVector.broadcast(S, p[pk + d3]);
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

	/** {@link #tile3} with one vector of b. */
	private static void tile1(double[] p, int pAt, int d1, int d2, int d3, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		DoubleVector c0 = start(init, initAt);
		DoubleVector c1 = c0;
		DoubleVector c2 = c0;
		DoubleVector c3 = c0;
		for (int pk = pAt, bk = bAt; pk < pAt + inner; pk++, bk += bStride) {
			DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
			c0 = b0.fma(DoubleVector.broadcast(S, p[pk]), c0);
			c1 = b0.fma(DoubleVector.broadcast(S, p[pk + d1]), c1);
			c2 = b0.fma(DoubleVector.broadcast(S, p[pk + d2]), c2);
			c3 = b0.fma(DoubleVector.broadcast(S, p[pk + d3]), c3);
		}
		c0.intoArray(c, cAt);
		c1.intoArray(c, cAt + cStride);
		c2.intoArray(c, cAt + 2 * cStride);
		c3.intoArray(c, cAt + 3 * cStride);
	}

	/**
	 * One column past the last whole vector, for the 4 rows of a tile: four independent chains of
	 * {@link Math#fma}, the scalar code's sums. Not a vector of {@link #FOUR}: with 512-bit vectors, 256-bit
	 * ones in the products made C2's type profile of the shared {@code DoubleVector} methods (fma, intoArray)
	 * see two vector classes, and it then left those operations to the allocating Java fallback in every tile.
	 */
	private static void lastColumn(double[] p, int pAt, int d1, int d2, int d3, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int cStride, int inner) {
		double start = init == null ? 0.0 : init[initAt];
		double s0 = start;
		double s1 = start;
		double s2 = start;
		double s3 = start;
		for (int k = 0; k < inner; k++) {
			int pk = pAt + k;
			double bk = b[bAt + k * bStride];
			s0 = Math.fma(p[pk], bk, s0);
			s1 = Math.fma(p[pk + d1], bk, s1);
			s2 = Math.fma(p[pk + d2], bk, s2);
			s3 = Math.fma(p[pk + d3], bk, s3);
		}
		c[cAt] = s0;
		c[cAt + cStride] = s1;
		c[cAt + 2 * cStride] = s2;
		c[cAt + 3 * cStride] = s3;
	}

	/** One row (read in place) × one vector of b. */
	private static void single(double[] a, int aAt, int aInnerStride, double[] b, int bAt, int bStride,
			double[] init, int initAt, double[] c, int cAt, int inner) {
		DoubleVector sum = start(init, initAt);
		for (int k = 0; k < inner; k++) {
			sum = DoubleVector.fromArray(S, b, bAt + k * bStride)
				.fma(DoubleVector.broadcast(S, a[aAt + k * aInnerStride]), sum);
		}
		sum.intoArray(c, cAt);
	}

	/**
	 * {@link ScalarKernels#reluBackward} without a branch per element (half the units of a ReLU layer are off,
	 * in no pattern a branch predictor can learn): δ·1 where a > 0, δ·0 elsewhere, as blended lanes.
	 */
	static void reluBackward(double[] delta, double[] a, int length) {
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector d = DoubleVector.fromArray(S, delta, j);
			VectorMask<Double> on = DoubleVector.fromArray(S, a, j).compare(VectorOperators.GT, 0.0);
			d.mul(0.0).blend(d, on).intoArray(delta, j);
		}
		for (; j < length; j++) {
			delta[j] = delta[j] * (a[j] > 0 ? 1.0 : 0.0);
		}
	}

	/**
	 * Four rows' {@link ScalarKernels#dot dot products} with {@code w}, each row read in place from {@code x}
	 * at its offset: {@code out[at + r] = x[o_r..o_r+length) · w}. Each row's four accumulators are the four
	 * lanes of one 256-bit vector (accumulator m takes the terms k ≡ m mod 4, as in the scalar code), combined
	 * as {@code (s0 + s1) + (s2 + s3)} and then the leftover terms one by one: the scalar bits. Four rows at a
	 * time keep four independent chains of additions and four streams of loads in flight.
	 */
	static void dot4(double[] x, int o0, int o1, int o2, int o3, double[] w, int length, double[] out, int at) {
		DoubleVector s0 = zeros();
		DoubleVector s1 = s0;
		DoubleVector s2 = s0;
		DoubleVector s3 = s0;
		int k = 0;
		for (; k + 3 < length; k += 4) {
			DoubleVector v = DoubleVector.fromArray(FOUR, w, k);
			s0 = DoubleVector.fromArray(FOUR, x, o0 + k).mul(v).add(s0);
			s1 = DoubleVector.fromArray(FOUR, x, o1 + k).mul(v).add(s1);
			s2 = DoubleVector.fromArray(FOUR, x, o2 + k).mul(v).add(s2);
			s3 = DoubleVector.fromArray(FOUR, x, o3 + k).mul(v).add(s3);
		}
		DoubleVector zero = zeros();
		out[at] = finish(zero.add(s0), x, o0, w, k, length);
		out[at + 1] = finish(zero.add(s1), x, o1, w, k, length);
		out[at + 2] = finish(zero.add(s2), x, o2, w, k, length);
		out[at + 3] = finish(zero.add(s3), x, o3, w, k, length);
	}

	/**
	 * Eight rows' {@link #dot4 dot products} at once, rows read in place at {@code o[from..from+8)}: eight
	 * independent chains of additions, twice {@link #dot4}'s, so that the loop is bound by its loads rather than
	 * by the latency of each row's additions (with AVX2: 8 accumulators, the weights and a product in 16
	 * registers). Each row's bits are {@link #dot4}'s.
	 */
	static void dot8(double[] x, int[] o, int from, double[] w, int length, double[] out, int at) {
		int o0 = o[from];
		int o1 = o[from + 1];
		int o2 = o[from + 2];
		int o3 = o[from + 3];
		int o4 = o[from + 4];
		int o5 = o[from + 5];
		int o6 = o[from + 6];
		int o7 = o[from + 7];
		DoubleVector s0 = zeros();
		DoubleVector s1 = s0;
		DoubleVector s2 = s0;
		DoubleVector s3 = s0;
		DoubleVector s4 = s0;
		DoubleVector s5 = s0;
		DoubleVector s6 = s0;
		DoubleVector s7 = s0;
		int k = 0;
		for (; k + 3 < length; k += 4) {
			DoubleVector v = DoubleVector.fromArray(FOUR, w, k);
			s0 = DoubleVector.fromArray(FOUR, x, o0 + k).mul(v).add(s0);
			s1 = DoubleVector.fromArray(FOUR, x, o1 + k).mul(v).add(s1);
			s2 = DoubleVector.fromArray(FOUR, x, o2 + k).mul(v).add(s2);
			s3 = DoubleVector.fromArray(FOUR, x, o3 + k).mul(v).add(s3);
			s4 = DoubleVector.fromArray(FOUR, x, o4 + k).mul(v).add(s4);
			s5 = DoubleVector.fromArray(FOUR, x, o5 + k).mul(v).add(s5);
			s6 = DoubleVector.fromArray(FOUR, x, o6 + k).mul(v).add(s6);
			s7 = DoubleVector.fromArray(FOUR, x, o7 + k).mul(v).add(s7);
		}
		// the lane sums written out here rather than through finish: C2 reaches its node-count cutoff in this
		// method and leaves some of the calls of a method not marked for forced inlining out of line, each then
		// boxing its vector; lane() is forced inline. Each accumulator is read through zero + s (the same bits,
		// see zeros()), a vector whose class C2 knows when it parses.
		DoubleVector zero = zeros();
		s0 = zero.add(s0);
		s1 = zero.add(s1);
		s2 = zero.add(s2);
		s3 = zero.add(s3);
		s4 = zero.add(s4);
		s5 = zero.add(s5);
		s6 = zero.add(s6);
		s7 = zero.add(s7);
		out[at] = (s0.lane(0) + s0.lane(1)) + (s0.lane(2) + s0.lane(3));
		out[at + 1] = (s1.lane(0) + s1.lane(1)) + (s1.lane(2) + s1.lane(3));
		out[at + 2] = (s2.lane(0) + s2.lane(1)) + (s2.lane(2) + s2.lane(3));
		out[at + 3] = (s3.lane(0) + s3.lane(1)) + (s3.lane(2) + s3.lane(3));
		out[at + 4] = (s4.lane(0) + s4.lane(1)) + (s4.lane(2) + s4.lane(3));
		out[at + 5] = (s5.lane(0) + s5.lane(1)) + (s5.lane(2) + s5.lane(3));
		out[at + 6] = (s6.lane(0) + s6.lane(1)) + (s6.lane(2) + s6.lane(3));
		out[at + 7] = (s7.lane(0) + s7.lane(1)) + (s7.lane(2) + s7.lane(3));
		if (k < length) {
			leftovers8(x, o, from, w, k, length, out, at);
		}
	}

	/** {@link #finish}'s leftover terms of {@link #dot8}'s eight rows, added to their sums in out. */
	private static void leftovers8(double[] x, int[] o, int from, double[] w, int k, int length, double[] out, int at) {
		for (int r = 0; r < 8; r++) {
			int offset = o[from + r];
			double sum = out[at + r];
			for (int j = k; j < length; j++) {
				sum += x[offset + j] * w[j];
			}
			out[at + r] = sum;
		}
	}

	/** One row's {@link #dot4}. */
	static double dot(double[] x, int offset, double[] w, int length) {
		DoubleVector sum = zeros();
		int k = 0;
		for (; k + 3 < length; k += 4) {
			sum = DoubleVector.fromArray(FOUR, x, offset + k).mul(DoubleVector.fromArray(FOUR, w, k)).add(sum);
		}
		return finish(zeros().add(sum), x, offset, w, k, length);
	}

	/**
	 * Four lanes of +0.0, loaded rather than {@code DoubleVector.zero(FOUR)}: a loaded vector is typed as its
	 * class when C2 parses, {@code zero} only as {@code DoubleVector}. The dot products keep every call on a
	 * vector of that known class: an accumulator is only ever an argument ({@code p.add(s)}, {@code zero.add(s)}),
	 * never the receiver. A call on an accumulator (a loop's phi, typed {@code DoubleVector}) is compiled from the
	 * type profile of the JDK's shared method, and in a JVM that also runs 512-bit vectors C2 then boxed the
	 * accumulators (75–94 MB an epoch in {@code dot8}, 24–27 ms instead of 16; docs/benchmarks.md,
	 * 2026-12-07). The same bits: p + s is s + p (but for the payload of a NaN when both are NaNs of different
	 * payloads, which Java leaves open), and +0.0 + s is s, since an accumulator that starts at +0.0 is never
	 * −0.0 (round to nearest gives +0.0 for every exact cancellation and for −0.0 + +0.0).
	 */
	private static DoubleVector zeros() {
		return DoubleVector.fromArray(FOUR, ZEROS, 0);
	}

	private static double finish(DoubleVector lanes, double[] x, int offset, double[] w, int k, int length) {
		double sum = (lanes.lane(0) + lanes.lane(1)) + (lanes.lane(2) + lanes.lane(3));
		for (; k < length; k++) {
			sum += x[offset + k] * w[k];
		}
		return sum;
	}

	/**
	 * {@code g[j] += r0·x[o0 + j] + r1·x[o1 + j] + r2·x[o2 + j] + r3·x[o3 + j]}, summed left to right, for
	 * {@code j < length}: {@link ScalarKernels#axpy4} with the rows read in place.
	 */
	static void axpy4(double[] g, double r0, int o0, double r1, int o1, double r2, int o2, double r3, int o3,
			double[] x, int length) {
		DoubleVector v0 = DoubleVector.broadcast(S, r0);
		DoubleVector v1 = DoubleVector.broadcast(S, r1);
		DoubleVector v2 = DoubleVector.broadcast(S, r2);
		DoubleVector v3 = DoubleVector.broadcast(S, r3);
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector.fromArray(S, g, j)
				.add(DoubleVector.fromArray(S, x, o0 + j).mul(v0)
					.add(DoubleVector.fromArray(S, x, o1 + j).mul(v1))
					.add(DoubleVector.fromArray(S, x, o2 + j).mul(v2))
					.add(DoubleVector.fromArray(S, x, o3 + j).mul(v3)))
				.intoArray(g, j);
		}
		for (; j < length; j++) {
			g[j] += r0 * x[o0 + j] + r1 * x[o1 + j] + r2 * x[o2 + j] + r3 * x[o3 + j];
		}
	}

	/**
	 * Two passes of {@link #axpy4} in one, rows read in place at {@code o[from..from+8)} with the factors
	 * {@code r[from..from+8)}: {@code g[j] = (g[j] + (r0·x0[j] + … + r3·x3[j])) + (r4·x4[j] + … + r7·x7[j])},
	 * each sum left to right, the bits of the two passes; g is loaded and stored once per eight rows.
	 */
	static void axpy8(double[] g, double[] r, int[] o, int from, double[] x, int length) {
		DoubleVector v0 = DoubleVector.broadcast(S, r[from]);
		DoubleVector v1 = DoubleVector.broadcast(S, r[from + 1]);
		DoubleVector v2 = DoubleVector.broadcast(S, r[from + 2]);
		DoubleVector v3 = DoubleVector.broadcast(S, r[from + 3]);
		DoubleVector v4 = DoubleVector.broadcast(S, r[from + 4]);
		DoubleVector v5 = DoubleVector.broadcast(S, r[from + 5]);
		DoubleVector v6 = DoubleVector.broadcast(S, r[from + 6]);
		DoubleVector v7 = DoubleVector.broadcast(S, r[from + 7]);
		int o0 = o[from];
		int o1 = o[from + 1];
		int o2 = o[from + 2];
		int o3 = o[from + 3];
		int o4 = o[from + 4];
		int o5 = o[from + 5];
		int o6 = o[from + 6];
		int o7 = o[from + 7];
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector first = DoubleVector.fromArray(S, x, o0 + j).mul(v0)
				.add(DoubleVector.fromArray(S, x, o1 + j).mul(v1))
				.add(DoubleVector.fromArray(S, x, o2 + j).mul(v2))
				.add(DoubleVector.fromArray(S, x, o3 + j).mul(v3));
			DoubleVector second = DoubleVector.fromArray(S, x, o4 + j).mul(v4)
				.add(DoubleVector.fromArray(S, x, o5 + j).mul(v5))
				.add(DoubleVector.fromArray(S, x, o6 + j).mul(v6))
				.add(DoubleVector.fromArray(S, x, o7 + j).mul(v7));
			DoubleVector.fromArray(S, g, j).add(first).add(second).intoArray(g, j);
		}
		double r0 = r[from];
		double r1 = r[from + 1];
		double r2 = r[from + 2];
		double r3 = r[from + 3];
		double r4 = r[from + 4];
		double r5 = r[from + 5];
		double r6 = r[from + 6];
		double r7 = r[from + 7];
		for (; j < length; j++) {
			double sum = g[j] + (r0 * x[o0 + j] + r1 * x[o1 + j] + r2 * x[o2 + j] + r3 * x[o3 + j]);
			g[j] = sum + (r4 * x[o4 + j] + r5 * x[o5 + j] + r6 * x[o6 + j] + r7 * x[o7 + j]);
		}
	}

	/** {@code g[j] += r·x[o + j]} for {@code j < length}. */
	static void axpy(double[] g, double r, int o, double[] x, int length) {
		DoubleVector v = DoubleVector.broadcast(S, r);
		int vectorEnd = length - length % L;
		int j = 0;
		for (; j < vectorEnd; j += L) {
			DoubleVector.fromArray(S, g, j).add(DoubleVector.fromArray(S, x, o + j).mul(v)).intoArray(g, j);
		}
		for (; j < length; j++) {
			g[j] += r * x[o + j];
		}
	}

}
