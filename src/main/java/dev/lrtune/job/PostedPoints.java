package dev.lrtune.job;

import java.util.ArrayList;
import java.util.List;

import dev.lrtune.curve.ValidationPoint;
import dev.lrtune.web.InvalidRequestException;

/**
 * A post of points, checked and turned into the arrays the curve store takes. The checks that need nothing but the
 * post run when it is read ({@link #of}); those against the job's length and stored points run under the job's lock
 * ({@link #checkAgainst}). Either way a bad post is refused whole, before anything is stored.
 */
final class PostedPoints {

	/** The first posted iteration (0 when the post has none). */
	final long first;

	final double[] lr;

	final double[] loss;

	/** {@code null} when the post carries no momentum. */
	final double[] momentum;

	final List<ValidationPoint> validations;

	private PostedPoints(long first, double[] lr, double[] loss, double[] momentum, List<ValidationPoint> validations) {
		this.first = first;
		this.lr = lr;
		this.loss = loss;
		this.momentum = momentum;
		this.validations = validations;
	}

	/** The iteration after the last posted one ({@link #first} when none was posted). */
	long end() {
		return first + lr.length;
	}

	boolean anyNonFiniteLoss() {
		for (double value : loss) {
			if (!Double.isFinite(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @throws InvalidRequestException naming the first field that breaks a rule: arrays of different lengths, more
	 *     than {@code maxPoints} points, iterations that are not consecutive, a learning rate that is missing, negative
	 *     or not finite
	 */
	static PostedPoints of(PointsRequest request, int maxPoints) {
		long[] iterations = request.iteration();
		int n = iterations.length;
		if (request.size() > maxPoints) {
			throw new InvalidRequestException("iteration", "a post carries at most " + maxPoints
					+ " points (lrtune.client-runs.max-points-per-post), iterations and evaluations together; this one has "
					+ request.size() + ": post them in smaller batches");
		}
		sameLength("lr", request.lr().length, n);
		sameLength("loss", request.loss().length, n);
		if (request.momentum() != null) {
			sameLength("momentum", request.momentum().length, n);
		}
		long first = n == 0 ? 0 : iteration(iterations[0], 0, "iteration");
		double[] lr = request.lr();
		for (int i = 0; i < n; i++) {
			if (iterations[i] != first + i) {
				iteration(iterations[i], i, "iteration");
				throw new InvalidRequestException("iteration[" + i + "]", "must be " + (first + i)
						+ ": iterations ascend one by one within a post (a curve has a point for every iteration), got "
						+ iterations[i] + " after " + (first + i - 1));
			}
			double rate = lr[i];
			if (!(rate >= 0) || Double.isInfinite(rate)) {
				// a null entry was read as NaN, which no JSON number is
				throw new InvalidRequestException("lr[" + i + "]", "must be a finite number ≥ 0, got "
						+ (Double.isNaN(rate) ? "null" : rate));
			}
		}
		// null losses and momenta were read as NaN already
		return new PostedPoints(first, lr, request.loss(), request.momentum(), validations(request.validation()));
	}

	private static List<ValidationPoint> validations(PointsRequest.Validation validation) {
		if (validation == null) {
			return List.of();
		}
		int n = validation.iteration().size();
		sameLength("validation.loss", validation.loss(), n);
		if (validation.accuracy() != null) {
			sameLength("validation.accuracy", validation.accuracy(), n);
		}
		List<ValidationPoint> points = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			long iteration = iteration(validation.iteration(), i, "validation.iteration");
			if (i > 0 && iteration <= points.get(i - 1).iteration()) {
				throw new InvalidRequestException("validation.iteration[" + i + "]", "must be greater than "
						+ points.get(i - 1).iteration() + ": evaluations ascend within a post, got " + iteration);
			}
			double accuracy = validation.accuracy() == null ? Double.NaN : orNaN(validation.accuracy().get(i));
			points.add(new ValidationPoint(iteration, orNaN(validation.loss().get(i)), accuracy));
		}
		return points;
	}

	/**
	 * @param totalIterations the job's iterations: every posted iteration lies below
	 * @param storedPoints how many points are stored (iterations 0…storedPoints − 1): a post may not leave a gap
	 * @throws InvalidRequestException naming the first iteration that breaks a rule
	 */
	void checkAgainst(long totalIterations, long storedPoints) {
		if (lr.length > 0) {
			if (first > storedPoints) {
				throw new InvalidRequestException("iteration[0]", "must be at most " + storedPoints
						+ ", the first iteration not stored yet: a curve has no gaps, got " + first);
			}
			if (end() > totalIterations) {
				throw new InvalidRequestException("iteration[" + (totalIterations - first) + "]", "must be below "
						+ totalIterations + ", the job's iterations: iterations lie in [0, " + totalIterations + "), got "
						+ (end() - 1));
			}
		}
		long stored = Math.max(storedPoints, end());
		for (int i = 0; i < validations.size(); i++) {
			long iteration = validations.get(i).iteration();
			if (iteration >= stored) {
				throw new InvalidRequestException("validation.iteration[" + i + "]", "must be at most " + (stored - 1)
						+ ", the last iteration stored with this post: an evaluation follows its iteration, got " + iteration);
			}
		}
	}

	private static long iteration(long iteration, int i, String field) {
		if (iteration < 0) {
			throw new InvalidRequestException(field + "[" + i + "]", "must be an iteration ≥ 0, got " + iteration);
		}
		return iteration;
	}

	private static long iteration(List<Long> iterations, int i, String field) {
		Long iteration = iterations.get(i);
		if (iteration == null || iteration < 0) {
			throw new InvalidRequestException(field + "[" + i + "]", "must be an iteration ≥ 0, got " + iteration);
		}
		return iteration;
	}

	private static void sameLength(String field, List<?> values, int expected) {
		sameLength(field, values.size(), expected);
	}

	private static void sameLength(String field, int values, int expected) {
		if (values != expected) {
			throw new InvalidRequestException(field, "has " + values + " values but "
					+ (field.startsWith("validation.") ? "validation.iteration" : "iteration") + " has " + expected
					+ ": every array holds one value per point");
		}
	}

	/** {@code null} is how the contract writes a non-finite number. */
	private static double orNaN(Double value) {
		return value == null ? Double.NaN : value;
	}

}
