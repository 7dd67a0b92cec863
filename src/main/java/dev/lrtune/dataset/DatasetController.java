package dev.lrtune.dataset;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "CSV uploads, encoded for training")
class DatasetController {

	private static final String UPLOAD_NOTES = "String columns are one-hot encoded (categories sorted); classes are "
			+ "numbered in sorted order of their labels. Cells that are empty, NA, N/A, NaN, null, None or ? are missing. "
			+ "A file that cannot become a dataset is a 400/413/422 problem naming the line, the column and the fix; "
			+ "nothing is stored then.";

	private static final String UPLOAD_SUMMARY = "Upload a CSV, as the request body (text/csv) or as the multipart field 'file'";

	private static final String DATASET_ID = "The dataset's id, as returned by the upload";

	static final String PENGUINS_CSV = """
			species,Body Mass (g),flipper_mm,island
			Adelie,3750,181,Torgersen
			Adelie,3800,186,Biscoe
			Gentoo,5000,217,Biscoe
			Gentoo,4875,215,Biscoe
			Chinstrap,3500,192,Dream
			Chinstrap,3900,195,Dream
			""";

	static final String REGRESSION_CSV = """
			x1,x2,y
			0.5,1.2,3.1
			0.1,0.7,1.4
			0.9,1.1,4.0
			0.3,0.2,0.9
			""";

	private final DatasetCatalog catalog;

	private final DatasetSettings settings;

	/** Tomcat's caps on one part's headers (its file name) and on the number of parts, as Tomcat reads them. */
	private final DataSize maxPartHeaderSize;

	private final int maxPartCount;

	DatasetController(DatasetCatalog catalog, DatasetSettings settings,
			@Value("${server.tomcat.max-part-header-size:512B}") DataSize maxPartHeaderSize,
			@Value("${server.tomcat.max-part-count:50}") int maxPartCount) {
		this.catalog = catalog;
		this.settings = settings;
		this.maxPartHeaderSize = maxPartHeaderSize;
		this.maxPartCount = maxPartCount;
	}

	@PostMapping(consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@Operation(operationId = "uploadDataset", summary = UPLOAD_SUMMARY, description = UPLOAD_NOTES,
			requestBody = @RequestBody(required = true, content = {
					@Content(mediaType = "text/csv", schema = @Schema(type = "string"), examples = {
							@ExampleObject(name = "penguins", summary = "Classification: a text target, a text feature (one-hot encoded)",
									value = PENGUINS_CSV),
							@ExampleObject(name = "regression", summary = "Regression: a numeric target, the last column",
									value = REGRESSION_CSV) }),
					@Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(type = "object", requiredProperties = "file"),
							schemaProperties = @SchemaProperty(name = "file",
									schema = @Schema(type = "string", format = "binary", description = "The CSV file"))) }))
	@ApiResponse(responseCode = "201", description = "The dataset, with rowsParsed (data rows read) and rowsDropped "
			+ "(rows left out by missing=drop); its URL in Location",
			headers = @Header(name = "Location", description = "/api/v1/datasets/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = "Malformed CSV or request field; line, column and fix say where and what to do")
	@ApiResponse(responseCode = "413", description = "Larger than lrtune.datasets.max-bytes (maxBytes gives the limit)")
	@ApiResponse(responseCode = "422", description = "A well-formed CSV that cannot be trained on as asked (e.g. missing cells "
			+ "with missing=error, a text column with too many categories)")
	ResponseEntity<DatasetView> uploadBody(@ParameterObject UploadParameters parameters, HttpServletRequest request)
			throws IOException {
		Upload upload = new Upload(null, Upload.charset(request.getContentType()), request.getContentLengthLong(),
				request.getInputStream());
		return created(catalog.upload(upload, parameters.toOptions(null)));
	}

	/** The same operation as {@link #uploadBody} in the document (springdoc merges the two by path and method). */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "uploadDataset", summary = UPLOAD_SUMMARY, description = UPLOAD_NOTES)
	ResponseEntity<DatasetView> uploadFile(@RequestPart("file") MultipartFile file,
			@ParameterObject UploadParameters parameters) throws IOException {
		Upload upload = new Upload(file.getOriginalFilename(), Upload.charset(file.getContentType()), file.getSize(),
				file.getInputStream());
		return created(catalog.upload(upload, parameters.toOptions(file.getOriginalFilename())));
	}

	@GetMapping
	@Operation(operationId = "listDatasets", summary = "All datasets, newest first",
			description = "Each dataset's shape, task, features, classes and columns' summaries, not its data; an "
					+ "empty list when there are none. A dataset is listed once its upload has stored the whole matrix.")
	List<DatasetView> list() {
		return catalog.list();
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getDataset", summary = "One dataset, with its columns' summaries",
			description = "As the list shows it: rows, features after encoding, task, classes and each column's "
					+ "summary. A job names it by its id as a string (\"dataset\": \"12\").")
	DatasetView get(@Parameter(description = DATASET_ID) @PathVariable long id) {
		return catalog.get(id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteDataset", summary = "Delete a dataset and its data",
			description = "Refused while a queued or running job uses it. Jobs that have ended keep their curves "
					+ "and results.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "409", description = "A queued or running job uses it; the detail names the jobs")
	void delete(@Parameter(description = DATASET_ID) @PathVariable long id) {
		catalog.delete(id);
	}

	/**
	 * A limit met while the multipart body is read, answered with the limit that was met: the file's or the request's
	 * size (Spring knows which, and its size), or Tomcat's cap on one part's headers or on the number of parts, which
	 * Spring reports without a size and which no file size can explain.
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException ex) {
		String cause = ex.getCause() == null ? "" : String.valueOf(ex.getCause().getMessage()).toLowerCase(Locale.ROOT);
		DatasetProblem problem;
		if (ex.getMaxUploadSize() <= 0 && cause.contains("header")) {
			long limit = maxPartHeaderSize.toBytes();
			problem = DatasetProblem.tooLarge("Multipart headers too large", "A part's headers (its field name and file "
					+ "name) are longer than the " + limit + " bytes this service accepts.", limit,
					"Send the file with a shorter file name (the dataset's name can be set with the name field).");
		}
		else if (ex.getMaxUploadSize() <= 0 && (cause.contains("count") || cause.contains("number of"))) {
			long limit = maxPartCount;
			problem = DatasetProblem.tooLarge("Too many parts", "The multipart body has more than the " + limit
					+ " parts this service accepts.", null, "Send the file as the single part named file, and the options "
							+ "as a few form fields or query parameters.")
				.with("maxParts", limit);
		}
		else {
			problem = DatasetProblem.tooLarge(ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : settings.maxBytes().toBytes());
		}
		return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
	}

	private static ResponseEntity<DatasetView> created(DatasetView dataset) {
		return ResponseEntity.created(URI.create("/api/v1/datasets/" + dataset.id())).body(dataset);
	}

}
