package dev.lrtune.dataset;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.lrtune.ApiSlice;

@ApiSlice
class DatasetControllerTests {

	private static final MediaType CSV = MediaType.parseMediaType("text/csv");

	private static final String PENGUINS = """
			species,island,Bill Length (mm),Body Mass (g),sex
			Adelie,Torgersen,39.1,3750,male
			Adelie,"Torgersen",39.5,3800,female
			Gentoo,Biscoe,NA,,female
			Chinstrap,Dream,46.5,3500,female
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	DatasetStore store;

	@Autowired
	DatasetWriter writer;

	@Autowired
	DatasetLookups lookups;

	@BeforeEach
	void storeAssignsId7() {
		given(writer.save(any(), any(), any())).willAnswer(call -> {
			StoredDataset dataset = new StoredDataset(call.getArgument(0), call.getArgument(1), call.getArgument(2));
			ReflectionTestUtils.setField(dataset, "id", 7L);
			return dataset;
		});
	}

	@Test
	void uploadingACsvBodyAnswers201WithItsLocationAndTheDataset() throws Exception {
		mvc.perform(post("/api/v1/datasets?name=penguins&target=species&missing=drop&exclude=island").contentType(CSV)
			.content(PENGUINS))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/datasets/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.name").value("penguins"))
			.andExpect(jsonPath("$.rows").value(3))
			.andExpect(jsonPath("$.rowsParsed").value(4))
			.andExpect(jsonPath("$.rowsDropped").value(1))
			.andExpect(jsonPath("$.features").value(4))
			.andExpect(jsonPath("$.task").value("classification"))
			.andExpect(jsonPath("$.classes", contains("Adelie", "Chinstrap")))
			.andExpect(jsonPath("$.target").value("species"))
			.andExpect(jsonPath("$.featureNames", contains("Bill Length (mm)", "Body Mass (g)", "sex=female", "sex=male")))
			.andExpect(jsonPath("$.standardize").value(true))
			.andExpect(jsonPath("$.createdAt").isString())
			.andExpect(jsonPath("$.columns", hasSize(5)))
			.andExpect(jsonPath("$.columns[1].kind").value("excluded"))
			.andExpect(jsonPath("$.columns[1].missing").doesNotExist())
			.andExpect(jsonPath("$.columns[3].kind").value("numeric"))
			.andExpect(jsonPath("$.columns[3].missing").value(1))
			.andExpect(jsonPath("$.columns[3].mean", closeTo((3750 + 3800 + 3500) / 3.0, 1e-9)))
			.andExpect(jsonPath("$.columns[4].categories", contains("female", "male")));
	}

	@Test
	void aMultipartUploadReadsItsFormFieldsAndIsNamedAfterTheFile() throws Exception {
		mvc.perform(multipart("/api/v1/datasets").file(file("penguins.csv", PENGUINS))
			.param("missing", "mean")
			.param("standardize", "false")
			.param("exclude", "species,island"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("penguins"))
			.andExpect(jsonPath("$.rows").value(4))
			.andExpect(jsonPath("$.standardize").value(false))
			.andExpect(jsonPath("$.featureNames", contains("Bill Length (mm)", "Body Mass (g)")));
	}

	@Test
	void aDeclaredCharsetIsUsedToDecodeTheBody() throws Exception {
		Charset windows1252 = Charset.forName("windows-1252");
		mvc.perform(post("/api/v1/datasets").contentType("text/csv; charset=windows-1252")
			.content("café,y\nnoir,1.5\ncrème,2.5\n".getBytes(windows1252)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.featureNames", contains("café=crème", "café=noir")));
	}

	@Test
	void anUnknownCharsetIsA415Problem() throws Exception {
		mvc.perform(post("/api/v1/datasets").contentType("text/csv; charset=klingon").content("x,y\n1,2\n"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	static Stream<Arguments> refusedUploads() {
		StringBuilder dates = new StringBuilder("date,temp,y\n");
		for (int day = 1; day <= 9; day++) {
			dates.append("2024-03-0").append(day).append(',').append(day * 1.5).append(',').append(day % 2).append('\n');
		}
		return Stream.of(
				Arguments.of("ragged row", "a,b,y\n1,2,3\n4,5\n", "", 400, "Ragged row", 3, "y", "fields"),
				Arguments.of("empty file", "", "", 400, "Empty file", 1, null, "CSV"),
				Arguments.of("no header", "1,2,3\n4,5,6\n", "", 400, "No header", 1, null, "names the columns"),
				Arguments.of("unknown target", "a,y\n1,2\n", "target=z", 400, "Unknown column", null, "z", "target"),
				Arguments.of("non-numeric regression target", "x,y\n1,2.5\n2,big\n", "task=regression", 422,
						"Non-numeric target", 3, "y", "task=classification"),
				Arguments.of("one class only", "x,y\n1,yes\n2,yes\n", "", 422, "One class only", null, "y", "target"),
				Arguments.of("missing values", "x,y\n1,0\nNA,1\n", "", 422, "Missing values", 3, "x", "missing=drop"),
				Arguments.of("too many categories", "c,y\na,1\nb,0\nc,1\nd,0\ne,1\nf,0\n", "", 422, "Too many categories",
						null, "c", "exclude=c"),
				Arguments.of("a date column", dates.toString(), "", 422, "Too many categories", null, "date", "exclude=date"),
				Arguments.of("too large", "x,y\n" + "1,2\n".repeat(1100), "", 413, "Upload too large", null, null,
						"max-bytes"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedUploads")
	void aRefusedUploadIsAProblemNamingLineColumnAndFixAndNothingIsStored(String name, String csv, String query,
			int status, String title, Integer line, String column, String fix) throws Exception {
		ResultActions result = mvc.perform(post("/api/v1/datasets?" + query).contentType(CSV).content(csv))
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail").isString())
			.andExpect(jsonPath("$.fix", containsString(fix)));
		result.andExpect(line == null ? jsonPath("$.line").doesNotExist() : jsonPath("$.line").value(line));
		result.andExpect(column == null ? jsonPath("$.column").doesNotExist() : jsonPath("$.column").value(column));
		verify(writer, never()).save(any(), any(), any());
	}

	@Test
	void aBodyWithNulBytesIsA400SayingItIsNotText() throws Exception {
		mvc.perform(post("/api/v1/datasets").contentType(CSV).content(new byte[] { 'P', 'K', 3, 4, 0, 0, 1 }))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Not a text file"))
			.andExpect(jsonPath("$.detail", containsString("Excel")));
		verify(writer, never()).save(any(), any(), any());
	}

	@Test
	void aBodyThatIsNotUtf8IsA400NamingTheLine() throws Exception {
		mvc.perform(post("/api/v1/datasets").contentType(CSV).content("x,y\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Not a text file"))
			.andExpect(jsonPath("$.line").value(2))
			.andExpect(jsonPath("$.fix", containsString("charset")));
	}

	@Test
	void anOversizedMultipartFileIsA413() throws Exception {
		mvc.perform(multipart("/api/v1/datasets").file(file("big.csv", "x,y\n" + "1,2\n".repeat(1100))))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.maxBytes").value(4096));
	}

	@Test
	void anUnknownTaskIsA400NamingTheField() throws Exception {
		mvc.perform(post("/api/v1/datasets?task=clustering").contentType(CSV).content("x,y\n1,2\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("task"))
			.andExpect(jsonPath("$.detail", containsString("regression")));
	}

	@Test
	void anUnknownMissingModeIsA400NamingTheField() throws Exception {
		mvc.perform(post("/api/v1/datasets?missing=ignore").contentType(CSV).content("x,y\n1,2\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("missing"));
	}

	@Test
	void aStandardizeThatIsNotABooleanIsA400() throws Exception {
		mvc.perform(post("/api/v1/datasets?standardize=maybe").contentType(CSV).content("x,y\n1,2\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("standardize"));
	}

	@Test
	void aJsonBodyIsA415() throws Exception {
		mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void noDatasetsIsAnEmptyList() throws Exception {
		given(store.list()).willReturn(List.of());
		mvc.perform(get("/api/v1/datasets")).andExpect(status().isOk()).andExpect(content().json("[]"));
	}

	@Test
	void anUnknownDatasetIsA404Problem() throws Exception {
		given(store.find(42)).willReturn(Optional.empty());
		mvc.perform(get("/api/v1/datasets/42"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Dataset not found"))
			.andExpect(jsonPath("$.detail").value("No dataset has id 42."));
	}

	@Test
	void aMalformedIdIsA400Problem() throws Exception {
		mvc.perform(get("/api/v1/datasets/penguins"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aKnownDatasetIsShown() throws Exception {
		StoredDataset dataset = new StoredDataset(
				new CsvDatasetReader(5, 100).read("x,y\n1,2.5\n2,3.5\n".getBytes(StandardCharsets.UTF_8),
						StandardCharsets.UTF_8, UploadOptions.defaults("small")),
				UploadOptions.defaults("small"), Instant.parse("2026-01-02T03:04:05Z"));
		ReflectionTestUtils.setField(dataset, "id", 3L);
		given(store.find(3)).willReturn(Optional.of(dataset));
		mvc.perform(get("/api/v1/datasets/3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(3))
			.andExpect(jsonPath("$.task").value("regression"))
			.andExpect(jsonPath("$.classes", hasSize(0)))
			.andExpect(jsonPath("$.createdAt", startsWith("2026-01-02T03:04:05")));
	}

	@Test
	void deletingADatasetIs204WithoutABody() throws Exception {
		mvc.perform(delete("/api/v1/datasets/5")).andExpect(status().isNoContent()).andExpect(content().string(""));
		verify(store).delete(5);
	}

	@Test
	void deletingAnUnknownDatasetIsA404() throws Exception {
		willThrow(new DatasetNotFoundException(6)).given(store).delete(6);
		mvc.perform(delete("/api/v1/datasets/6")).andExpect(status().isNotFound());
	}

	private static MockMultipartFile file(String name, String csv) {
		return new MockMultipartFile("file", name, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
	}

}
