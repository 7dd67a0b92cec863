package dev.lrtune.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.SmoothedLoss;
import dev.lrtune.web.InvalidRequestException;
import dev.lrtune.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a job's curve for the API: a range of iterations, optionally smoothed (the bias-corrected EMA of
 * the range test, computed from iteration 0 so that a value does not depend on where the range starts) and
 * downsampled with {@link Downsampling#minMax}; without {@code maxPoints}, raw points in pages of
 * {@code lrtune.curves.max-points}.
 */
@Service
public class CurveQuery {

	/** Summary blocks per bucket from which a downsampled read uses the chunks' summaries. */
	private static final int BLOCKS_PER_BUCKET = 4;

	private final Curves curves;

	private final CurveOwners owners;

	private final CurveSettings settings;

	private final CurveCache cache;

	private final JsonMapper json;

	CurveQuery(Curves curves, CurveOwners owners, CurveSettings settings, CurveCache cache, JsonMapper json) {
		this.curves = curves;
		this.owners = owners;
		this.settings = settings;
		this.cache = cache;
		this.json = json;
	}

	/**
	 * {@link #curve} serialised; a downsampled one ({@code maxPoints} given, so of bounded size) from the
	 * {@link CurveCache} when it holds it.
	 */
	byte[] curveJson(long jobId, Long from, Long to, Integer maxPoints, Double smoothing) {
		Supplier<byte[]> read = () -> json.writeValueAsBytes(curve(jobId, from, to, maxPoints, smoothing));
		if (maxPoints == null) {
			return read.get();
		}
		return cache.get(new CurveCache.Key(jobId, from, to, maxPoints, smoothing), read);
	}

	public CurveView curve(long jobId, Long from, Long to, Integer maxPoints, Double smoothing) {
		long start = from == null ? 0 : from;
		checkArguments(start, to, maxPoints, smoothing);
		if (!owners.exists(jobId)) {
			throw notFound(jobId);
		}
		long stored = curves.pointCount(jobId);
		long end = Math.min(to == null ? Long.MAX_VALUE : to, stored - 1);
		if (start > end) {
			return new CurveView(List.of(), List.of(), List.of(), null, 0, false, null, validation(List.of()));
		}
		long total = end - start + 1;
		if (maxPoints != null && smoothing == null && summarised(total, maxPoints)) {
			CurvePoints kept = curves.readSummarised(jobId, start, end, maxPoints);
			return view(kept, total, true, null, downsample(curves.validations(jobId, start, end), maxPoints));
		}
		boolean paged = maxPoints == null && total > settings.maxPoints();
		long last = paged ? start + settings.maxPoints() - 1 : end;
		RawCurve raw = read(jobId, start, last, smoothing);
		List<ValidationPoint> validations = curves.validations(jobId, start, last);
		if (maxPoints == null) {
			return view(CurvePoints.of(raw, all(raw.size())), total, false, paged ? last + 1 : null, validations);
		}
		int[] picked = Downsampling.minMax(raw.loss(), maxPoints);
		return view(CurvePoints.of(raw, picked), total, picked.length < raw.size(), null, downsample(validations, maxPoints));
	}

	/**
	 * Whether a downsampled range is long enough to be read from the chunks' summaries: when each bucket spans
	 * at least {@value #BLOCKS_PER_BUCKET} summary blocks, so that the picks differ from an exact read only in
	 * buckets' edges, and the cost stops growing with the range (~1.6 KiB per 4096 points instead of 64–96 KiB).
	 * Shorter ranges are read point by point, exactly as before.
	 */
	static boolean summarised(long total, int maxPoints) {
		long buckets = (maxPoints - 2) / 2;
		return buckets > 0 && total - 2 >= buckets * BLOCKS_PER_BUCKET * ChunkSummary.BLOCK;
	}

	private void checkArguments(long from, Long to, Integer maxPoints, Double smoothing) {
		if (from < 0) {
			throw new InvalidRequestException("from", "must be at least 0, got " + from);
		}
		if (to != null && to < from) {
			throw new InvalidRequestException("to", "must be at least from (" + from + "), got " + to);
		}
		if (maxPoints != null && (maxPoints < 2 || maxPoints > settings.maxPoints())) {
			throw new InvalidRequestException("maxPoints",
					"must be in 2.." + settings.maxPoints() + " (lrtune.curves.max-points), got " + maxPoints);
		}
		if (smoothing != null && !(smoothing >= 0 && smoothing < 1)) {
			throw new InvalidRequestException("smoothing", "must be in [0, 1), got " + smoothing);
		}
	}

	private RawCurve read(long jobId, long from, long to, Double smoothing) {
		if (smoothing == null) {
			return curves.read(jobId, from, to);
		}
		RawCurve whole = curves.read(jobId, 0, to);
		double[] smoothed;
		try {
			smoothed = SmoothedLoss.smooth(whole.loss(), smoothing);
		}
		catch (InvalidParameterException ex) {
			throw new InvalidRequestException("smoothing", ex.detail());
		}
		int offset = (int) from;
		int n = (int) (to - from + 1);
		return new RawCurve(from, slice(whole.lr(), offset, n), slice(smoothed, offset, n),
				whole.momentum() == null ? null : slice(whole.momentum(), offset, n));
	}

	private static double[] slice(double[] values, int offset, int n) {
		double[] out = new double[n];
		System.arraycopy(values, offset, out, 0, n);
		return out;
	}

	static int[] all(int n) {
		int[] indices = new int[n];
		for (int i = 0; i < n; i++) {
			indices[i] = i;
		}
		return indices;
	}

	private static List<ValidationPoint> downsample(List<ValidationPoint> points, int maxPoints) {
		double[] loss = points.stream().mapToDouble(ValidationPoint::loss).toArray();
		List<ValidationPoint> kept = new ArrayList<>();
		for (int index : Downsampling.minMax(loss, maxPoints)) {
			kept.add(points.get(index));
		}
		return kept;
	}

	static CurveView view(CurvePoints points, long total, boolean downsampled, Long nextFrom,
			List<ValidationPoint> validations) {
		int n = points.size();
		List<Long> iteration = new ArrayList<>(n);
		List<Double> lr = new ArrayList<>(n);
		List<Double> loss = new ArrayList<>(n);
		List<Double> momentum = points.momentum() == null ? null : new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			iteration.add(points.iteration()[i]);
			lr.add(points.lr()[i]);
			loss.add(finiteOrNull(points.loss()[i]));
			if (momentum != null) {
				momentum.add(finiteOrNull(points.momentum()[i]));
			}
		}
		return new CurveView(iteration, lr, loss, momentum, total, downsampled, nextFrom, validation(validations));
	}

	private static CurveView.Validation validation(List<ValidationPoint> points) {
		return new CurveView.Validation(points.stream().map(ValidationPoint::iteration).toList(),
				points.stream().map(p -> finiteOrNull(p.loss())).toList(),
				points.stream().map(p -> finiteOrNull(p.accuracy())).toList());
	}

	private static Double finiteOrNull(double value) {
		return Double.isFinite(value) ? value : null;
	}

	static ErrorResponseException notFound(long jobId) {
		return Problems.of(HttpStatus.NOT_FOUND, "Job not found", "There is no job " + jobId + ".");
	}

}
