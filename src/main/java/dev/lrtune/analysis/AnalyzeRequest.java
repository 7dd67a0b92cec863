package dev.lrtune.analysis;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;

/**
 * A range-test curve measured by the client.
 *
 * @param lr the learning rate of each step, strictly increasing
 * @param loss the raw (unsmoothed) loss of each step; {@code null} stands for a NaN or infinite loss, as
 *     in lrtune's own curves, and ends the analysed part of the curve
 * @param smoothing β of the bias-corrected exponential moving average (default 0.98; 0 = the losses are
 *     used as given)
 * @param skipStart points ignored at the start (default 10), when the curve is long enough
 * @param skipEnd points ignored at the end (default 5), when the curve is long enough
 */
@Schema(description = "A learning-rate range-test curve (lr and raw loss per step) measured in another framework.",
		example = """
				{"lr": [1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1, 3.16e-1, 1],
				 "loss": [2.30, 2.30, 2.29, 2.26, 2.15, 1.90, 1.52, 1.20, 1.35, 2.70, null],
				 "smoothing": 0, "skipStart": 0, "skipEnd": 0}""")
record AnalyzeRequest(
		@NotEmpty @ArraySchema(arraySchema = @Schema(description = "Learning rate at each step, strictly increasing."),
				schema = @Schema(description = "Learning rate at each step, strictly increasing.", example = "0.001")) List<Double> lr,
		@NotEmpty @ArraySchema(arraySchema = @Schema(description = "Raw loss at each step, as many as lr; null for NaN/infinite."),
				schema = @Schema(description = "Raw loss at each step; null for NaN/infinite.", nullable = true, example = "2.3")) List<Double> loss,
		@Schema(description = "EMA smoothing β in [0, 1); 0 uses the losses as given.", defaultValue = "0.98") Double smoothing,
		@Schema(description = "Points ignored at the start of a long enough curve.", defaultValue = "10") Integer skipStart,
		@Schema(description = "Points ignored at the end of a long enough curve.", defaultValue = "5") Integer skipEnd) {
}
