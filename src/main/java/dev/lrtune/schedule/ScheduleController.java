package dev.lrtune.schedule;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "Schedules", description = "Learning-rate schedules: what exists, and what each gives step by step.")
class ScheduleController {

	private final ScheduleCatalog catalog;

	private final SchedulePreview preview;

	ScheduleController(ScheduleCatalog catalog, SchedulePreview preview) {
		this.catalog = catalog;
		this.preview = preview;
	}

	@GetMapping
	@Operation(summary = "Every schedule type with its parameters, defaults and formula")
	List<ScheduleType> types() {
		return catalog.all();
	}

	@PostMapping("/preview")
	@Operation(summary = "The learning rate (and momentum) a schedule gives at steps 0…steps−1, without training")
	PreviewResponse preview(@Valid @RequestBody PreviewRequest request) {
		return preview.preview(request);
	}

}
