package dev.lrtune.schedule;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping(path = "/api/v1/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schedules", description = "Learning-rate schedules: what exists, and what each gives step by step.")
class ScheduleController {

	private final ScheduleCatalog catalog;

	private final SchedulePreview preview;

	ScheduleController(ScheduleCatalog catalog, SchedulePreview preview) {
		this.catalog = catalog;
		this.preview = preview;
	}

	@GetMapping
	@Operation(operationId = "listScheduleTypes", summary = "Every schedule type with its parameters, defaults and formula",
			description = "What POST /api/v1/schedules/preview and a job's schedule accept: each type's name, its "
					+ "parameters with their defaults, and the rate it gives at step k.")
	List<ScheduleType> types() {
		return catalog.all();
	}

	@PostMapping("/preview")
	@Operation(operationId = "previewSchedule", summary = "The learning rate (and momentum) a schedule gives at steps 0…steps−1, without training",
			description = "Pick an example for each schedule type from the list below the request body.")
	@ApiResponse(responseCode = "200", description = "The rate (and momentum) at each step")
	@ApiResponse(responseCode = "400", description = "A field is missing or out of range; `errors` names each one")
	PreviewResponse preview(@Valid @RequestBody PreviewRequest request) {
		return preview.preview(request);
	}

}
