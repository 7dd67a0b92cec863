package dev.lrtune.analysis;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.lrtune.core.rangetest.AnalysisSettings;
import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.web.InvalidRequestException;

/** Runs {@link RangeTestAnalysis} on a client's curve, within the configured size. */
@Service
class CurveAnalysis {

	private final RangeTestSettings settings;

	CurveAnalysis(RangeTestSettings settings) {
		this.settings = settings;
	}

	Recommendation analyze(AnalyzeRequest request) {
		if (request.lr().size() > settings.maxAnalyzePoints()) {
			throw new InvalidRequestException("lr", "at most " + settings.maxAnalyzePoints()
					+ " points can be analysed, " + request.lr().size() + " were sent");
		}
		AnalysisSettings analysisSettings = AnalysisSettings.of(request.smoothing(), request.skipStart(),
				request.skipEnd());
		return RangeTestAnalysis.analyze(learningRates(request.lr()), losses(request.loss()), analysisSettings);
	}

	private static double[] learningRates(List<Double> lr) {
		double[] out = new double[lr.size()];
		for (int i = 0; i < out.length; i++) {
			if (lr.get(i) == null) {
				throw new InvalidRequestException("lr[" + i + "]", "must be a number");
			}
			out[i] = lr.get(i);
		}
		return out;
	}

	/** {@code null} is how lrtune writes a non-finite loss in JSON, so it reads back as NaN. */
	private static double[] losses(List<Double> loss) {
		double[] out = new double[loss.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = loss.get(i) == null ? Double.NaN : loss.get(i);
		}
		return out;
	}

}
