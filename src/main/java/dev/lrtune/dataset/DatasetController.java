package dev.lrtune.dataset;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "CSV uploads, encoded for training")
class DatasetController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String UPLOAD_NOTES = "String columns are one-hot encoded (categories sorted); classes are "
			+ "numbered in sorted order of their labels. Cells that are empty, NA, N/A, NaN, null, None or ? are missing. "
			+ "A file that cannot become a dataset is a 400/413/422 problem naming the line, the column and the fix; "
			+ "nothing is stored then.";

	private final DatasetCatalog catalog;

	private final DatasetSettings settings;

	DatasetController(DatasetCatalog catalog, DatasetSettings settings) {
		this.catalog = catalog;
		this.settings = settings;
	}

	@PostMapping(consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@Operation(summary = "Upload a CSV, as the request body (text/csv) or as the multipart field 'file'",
			description = UPLOAD_NOTES, requestBody = @RequestBody(content = @Content(mediaType = "text/csv",
					schema = @Schema(type = "string", example = "x1,x2,label\n0.5,1.2,yes\n0.1,0.7,no\n"))))
	@ApiResponse(responseCode = "201", description = "The dataset; its URL in Location")
	@ApiResponse(responseCode = "400", description = "Malformed CSV or request field", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "413", description = "Upload too large", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "422", description = "A CSV that cannot be trained on as asked",
			content = @Content(mediaType = PROBLEM))
	ResponseEntity<DatasetView> uploadBody(@ParameterObject UploadParameters parameters, HttpServletRequest request)
			throws IOException {
		Upload upload = new Upload(null, Upload.charset(request.getContentType()), request.getContentLengthLong(),
				request.getInputStream());
		return created(catalog.upload(upload, parameters.toOptions(null)));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a CSV, as the request body (text/csv) or as the multipart field 'file'",
			description = UPLOAD_NOTES)
	@ApiResponse(responseCode = "201", description = "The dataset; its URL in Location")
	ResponseEntity<DatasetView> uploadFile(@RequestPart("file") MultipartFile file,
			@ParameterObject UploadParameters parameters) throws IOException {
		Upload upload = new Upload(file.getOriginalFilename(), Upload.charset(file.getContentType()), file.getSize(),
				file.getInputStream());
		return created(catalog.upload(upload, parameters.toOptions(file.getOriginalFilename())));
	}

	@GetMapping
	@Operation(summary = "All datasets, newest first")
	List<DatasetView> list() {
		return catalog.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One dataset")
	DatasetView get(@PathVariable long id) {
		return catalog.get(id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a dataset and its data", description = "409 while a queued or running job uses it.")
	void delete(@PathVariable long id) {
		catalog.delete(id);
	}

	/** Spring's multipart limit, met while the request is read: the same 413 as lrtune's own limit. */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException ex) {
		long limit = ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : settings.maxBytes().toBytes();
		DatasetProblem problem = DatasetProblem.tooLarge(limit);
		return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
	}

	private static ResponseEntity<DatasetView> created(DatasetView dataset) {
		return ResponseEntity.created(URI.create("/api/v1/datasets/" + dataset.id())).body(dataset);
	}

}
