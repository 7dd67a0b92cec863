package dev.lrtune.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

import dev.lrtune.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "CSV uploads, encoded for training")
class DatasetController {

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
	@Operation(summary = "Upload a CSV sent as the request body", description = UPLOAD_NOTES)
	ResponseEntity<DatasetView> uploadBody(@ParameterObject UploadParameters parameters,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))) InputStream body,
			@RequestHeader("Content-Type") String contentType,
			@RequestHeader(name = "Content-Length", required = false) Long contentLength) {
		Upload upload = new Upload(null, charset(contentType), contentLength == null ? -1 : contentLength, body);
		return created(catalog.upload(upload, parameters.toOptions(null)));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a CSV file as the multipart field 'file'", description = UPLOAD_NOTES)
	ResponseEntity<DatasetView> uploadFile(@RequestPart("file") MultipartFile file,
			@ParameterObject UploadParameters parameters) throws IOException {
		Upload upload = new Upload(file.getOriginalFilename(), charset(file.getContentType()), file.getSize(),
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
	@Operation(summary = "Delete a dataset and its data", description = "409 while a queued or running job uses it.")
	ResponseEntity<Void> delete(@PathVariable long id) {
		catalog.delete(id);
		return ResponseEntity.noContent().build();
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

	private static Charset charset(String contentType) {
		if (contentType == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			Charset charset = MediaType.parseMediaType(contentType).getCharset();
			return charset == null ? StandardCharsets.UTF_8 : charset;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("Content-Type", "unknown charset in '" + contentType + "'");
		}
	}

}
