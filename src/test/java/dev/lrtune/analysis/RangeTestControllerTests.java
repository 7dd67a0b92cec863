package dev.lrtune.analysis;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.lrtune.core.rangetest.RangeTestAnalysis;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.ApiSlice;

@ApiSlice
class RangeTestControllerTests {

	@Autowired
	private MockMvc mvc;

	/** A bowl in log(lr): the loss is lowest at lr = 1e-2 and climbs on both sides. */
	private static double[][] bowl(int n) {
		double[] lr = new double[n];
		double[] loss = new double[n];
		for (int i = 0; i < n; i++) {
			double x = -5 + 5.0 * i / (n - 1); // log10(lr) from -5 to 0
			lr[i] = Math.pow(10, x);
			loss[i] = 1 + (x + 2) * (x + 2);
		}
		return new double[][] { lr, loss };
	}

	private static String json(double[] values) {
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < values.length; i++) {
			out.append(i == 0 ? "" : ",").append(values[i]);
		}
		return out.append(']').toString();
	}

	@Test
	void whenAnalyzingACurveThenTheBodyEqualsTheCoreAnalysisOfTheSameCurve() throws Exception {
		double[][] curve = bowl(101);
		Recommendation expected = RangeTestAnalysis.analyze(curve[0], curve[1]);
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":" + json(curve[0]) + ",\"loss\":" + json(curve[1]) + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recommendedLr").value(expected.recommendedLr()))
			.andExpect(jsonPath("$.method").value(expected.method()))
			.andExpect(jsonPath("$.suggestions.minimum").value(expected.suggestions().minimum()))
			.andExpect(jsonPath("$.suggestions.steepest").value(expected.suggestions().steepest()))
			.andExpect(jsonPath("$.suggestions.valley").value(expected.suggestions().valley()))
			.andExpect(jsonPath("$.suggestions.divergence").value(expected.suggestions().divergence()))
			.andExpect(jsonPath("$.minLossLr").value(expected.minLossLr()))
			.andExpect(jsonPath("$.divergenceLr").value(expected.divergenceLr()))
			.andExpect(jsonPath("$.cyclicBounds.baseLr").value(expected.cyclicBounds().baseLr()))
			.andExpect(jsonPath("$.cyclicBounds.maxLr").value(expected.cyclicBounds().maxLr()));
	}

	@Test
	void whenTheLossIsUnsmoothedThenTheMinimumSuggestionIsATenthOfTheBowlsBottom() throws Exception {
		double[][] curve = bowl(101);
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":" + json(curve[0]) + ",\"loss\":" + json(curve[1]) + ",\"smoothing\":0}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.minLossLr", closeTo(1e-2, 1e-12)))
			.andExpect(jsonPath("$.suggestions.minimum", closeTo(1e-3, 1e-12)));
	}

	@Test
	void whenANullLossEndsTheCurveThenItIsTreatedAsDivergence() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"lr":[1e-4,1e-3,1e-2,1e-1,1,10],"loss":[3,2,1,2,5,null],"smoothing":0}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.minLossLr").value(1e-2));
	}

	@Test
	void whenTheLossNeverRisesThenDivergenceIsNullAndAWarningSaysToWidenTheRange() throws Exception {
		// falls all the way: the limit lies beyond endLr, so no divergence is claimed
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"lr":[1e-5,1e-4,1e-3,1e-2,1e-1,1],"loss":[3,2.9,2.5,1.8,1.2,1.0],"smoothing":0}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.suggestions.divergence").value(nullValue()))
			.andExpect(jsonPath("$.divergenceLr").value(nullValue()))
			.andExpect(jsonPath("$.indices.divergence").value(nullValue()))
			.andExpect(jsonPath("$.warnings[*].code", hasItem("no_divergence")))
			.andExpect(jsonPath("$.warnings[?(@.code == 'no_divergence')].message",
					hasItem(containsString("raise endLr"))));
	}

	@Test
	void whenTheLossIsFlatThenNothingIsRecommendedAndTheWarningSaysWhy() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"lr":[1e-7,1e-6,1e-5,1e-4,1e-3,1e-2],"loss":[29000,29000,29000,29000,29000,29000],"smoothing":0}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recommendedLr").value(nullValue()))
			.andExpect(jsonPath("$.method").value(nullValue()))
			.andExpect(jsonPath("$.suggestions.minimum").value(nullValue()))
			.andExpect(jsonPath("$.warnings[*].code", hasItem("flat")));
	}

	@Test
	void aCurveThatFallsAndDivergesCarriesNoWarnings() throws Exception {
		double[][] curve = bowl(101);
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":" + json(curve[0]) + ",\"loss\":" + json(curve[1]) + ",\"smoothing\":0}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.warnings").isArray())
			.andExpect(jsonPath("$.warnings").isEmpty());
	}

	@Test
	void whenLrAndLossDifferInLengthThenA400NamesTheField() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":[1e-4,1e-3,1e-2,1e-1],\"loss\":[3,2,1]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("loss"));
	}

	@Test
	void whenLrIsNotIncreasingThenA400NamesLr() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":[1e-4,1e-3,1e-3,1e-1],\"loss\":[3,2,1,2]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lr"));
	}

	@Test
	void whenSmoothingIsOutOfRangeThenA400NamesSmoothing() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":[1e-4,1e-3,1e-2,1e-1],\"loss\":[3,2,1,2],\"smoothing\":1.5}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("smoothing"));
	}

	@Test
	void whenAFieldIsUnknownThenA400NamesIt() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":[1e-4,1e-3,1e-2],\"loss\":[3,2,1],\"smoothnig\":0.9}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("smoothnig"))
			.andExpect(jsonPath("$.detail", containsString("unknown field")));
	}

	@Test
	void whenLrIsMissingThenA400NamesIt() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"loss\":[3,2,1]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lr"));
	}

	@Test
	void whenTheBodyIsNotJsonThenA400SaysWhere() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON).content("{\"lr\": [1,"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void whenAStringStandsForANumberThenA400NamesTheField() throws Exception {
		mvc.perform(post("/api/v1/range-tests/analyze").contentType(MediaType.APPLICATION_JSON)
			.content("{\"lr\":[1e-4,1e-3,1e-2],\"loss\":[3,2,1],\"skipStart\":\"ten\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("skipStart"));
	}

}
