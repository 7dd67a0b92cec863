package dev.lrtune.dataset;

import static dev.lrtune.dataset.Problems.problem;
import static dev.lrtune.dataset.Problems.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class CsvDatasetReaderTests {

	private static final String PENGUINS = """
			\uFEFFspecies,island,"Bill Length (mm)",Body Mass (g),sex\r
			Adelie,Torgersen,39.1,3750,male\r
			Adelie,"Torgersen",39.5,3800,female\r
			Gentoo,Biscoe,NA,,female\r
			Chinstrap,Dream,46.5,3500,female\r
			Gentoo,Biscoe,50.0,5700,male\r
			""";

	private final CsvDatasetReader reader = new CsvDatasetReader(100, 1_000_000);

	@Test
	void aMessyPenguinFileBecomesAClassificationDatasetOnItsLastColumn() {
		ParsedDataset dataset = read(PENGUINS, options().missing(MissingValues.DROP));

		assertThat(dataset.target()).isEqualTo("sex");
		assertThat(dataset.task()).isEqualTo(TargetKind.CLASSIFICATION);
		assertThat(dataset.classes()).containsExactly("female", "male");
		assertThat(dataset.rowsParsed()).isEqualTo(5);
		assertThat(dataset.rows()).isEqualTo(4);
		assertThat(dataset.featureNames()).containsExactly("species=Adelie", "species=Chinstrap", "species=Gentoo",
				"island=Biscoe", "island=Dream", "island=Torgersen", "Bill Length (mm)", "Body Mass (g)");
		assertThat(row(dataset, 0)).containsExactly(1, 0, 0, 0, 0, 1, 39.1, 3750);
		assertThat(row(dataset, 3)).containsExactly(0, 0, 1, 1, 0, 0, 50.0, 5700);
		assertThat(dataset.targets()).containsExactly(1, 0, 0, 1);
	}

	@Test
	void aQuotedNumberIsTheSameNumberAsAnUnquotedOne() {
		String plain = "x,z,y\n1.5,-2e-3,0.1\n.5,3.,2.5\n0.30000000000000004,+7,1e-320\n-0,12345678901234567890,4\n";
		String quoted = "x,z,y\n\"1.5\", \"-2e-3\" ,\" 0.1 \"\n\".5\",\"3.\",\"2.5\"\n"
				+ "\"0.30000000000000004\",\"+7\",\"1e-320\"\n\"-0\",\"12345678901234567890\",\"4\"\n";

		ParsedDataset fromPlain = read(plain, options().task(TargetKind.REGRESSION));
		ParsedDataset fromQuoted = read(quoted, options().task(TargetKind.REGRESSION));

		assertThat(fromQuoted.features()).containsExactly(fromPlain.features());
		assertThat(fromQuoted.targets()).containsExactly(fromPlain.targets());
		assertThat(Arrays.stream(fromQuoted.features()).mapToLong(Double::doubleToRawLongBits).toArray())
			.containsExactly(Arrays.stream(fromPlain.features()).mapToLong(Double::doubleToRawLongBits).toArray());
		assertThat(fromPlain.features()).containsExactly(1.5, -2e-3, .5, 3., 0.30000000000000004, 7, 0, 12345678901234567890.0);
		assertThat(fromPlain.targets()).containsExactly(0.1, 2.5, 1e-320, 4);
		assertThat(fromQuoted.columns()).isEqualTo(fromPlain.columns());
	}

	@Test
	void theSummaryDescribesEveryColumnInFileOrder() {
		ParsedDataset dataset = read(PENGUINS, options().missing(MissingValues.DROP).exclude("island"));

		assertThat(dataset.columns()).extracting(ColumnSummary::name, ColumnSummary::kind)
			.containsExactly(tuple("species", "categorical"), tuple("island", "excluded"),
					tuple("Bill Length (mm)", "numeric"), tuple("Body Mass (g)", "numeric"), tuple("sex", "categorical"));
		ColumnSummary mass = dataset.columns().get(3);
		assertThat(mass.missing()).isEqualTo(1);
		assertThat(mass.min()).isEqualTo(3500);
		assertThat(mass.max()).isEqualTo(5700);
		assertThat(mass.mean()).isEqualTo(4187.5);
		assertThat(mass.std()).isCloseTo(Math.sqrt((437.5 * 437.5 + 387.5 * 387.5 + 687.5 * 687.5 + 1512.5 * 1512.5) / 4),
				within(1e-9));
		ColumnSummary species = dataset.columns().get(0);
		assertThat(species.distinct()).isEqualTo(3);
		assertThat(species.categories()).containsExactly("Adelie", "Chinstrap", "Gentoo");
		assertThat(dataset.columns().get(1).missing()).isNull();
	}

	@Test
	void theTargetIsTheLastColumnUnlessNamed() {
		ParsedDataset dataset = read("x,y,z\n1,2.5,3\n4,5,6.5\n7,8,9\n", options().target("y"));
		assertThat(dataset.target()).isEqualTo("y");
		assertThat(dataset.featureNames()).containsExactly("x", "z");
		assertThat(dataset.targets()).containsExactly(2.5, 5, 8);
	}

	@Test
	void aTargetWithTextIsClassification() {
		assertThat(read("x,y\n1,a\n2,b\n", options()).task()).isEqualTo(TargetKind.CLASSIFICATION);
	}

	@Test
	void aTargetWithFewDistinctIntegersIsClassification() {
		ParsedDataset dataset = read("x,y\n1,0\n2,1\n3,1\n4,0\n", options());
		assertThat(dataset.task()).isEqualTo(TargetKind.CLASSIFICATION);
		assertThat(dataset.classes()).containsExactly("0", "1");
	}

	@Test
	void aTargetWithFractionsIsRegression() {
		ParsedDataset dataset = read("x,y\n1,0.5\n2,1\n3,1.5\n", options());
		assertThat(dataset.task()).isEqualTo(TargetKind.REGRESSION);
		assertThat(dataset.classes()).isEmpty();
		assertThat(dataset.targets()).containsExactly(0.5, 1, 1.5);
	}

	@Test
	void aTargetWithMoreThanTenDistinctIntegersIsRegression() {
		StringBuilder csv = new StringBuilder("x,y\n");
		for (int i = 0; i < 11; i++) {
			csv.append(i).append(',').append(i * 3).append('\n');
		}
		assertThat(read(csv.toString(), options()).task()).isEqualTo(TargetKind.REGRESSION);
	}

	@Test
	void anExplicitTaskWinsOverInference() {
		assertThat(read("x,y\n1,0\n2,1\n", options().task(TargetKind.REGRESSION)).task()).isEqualTo(TargetKind.REGRESSION);
	}

	@Test
	void numericClassLabelsAreSortedByValueAndReadTheSameHoweverWritten() {
		ParsedDataset dataset = read("x,y\n1,10\n2,2\n3,2.0\n4,-1\n", options().task(TargetKind.CLASSIFICATION));
		assertThat(dataset.classes()).containsExactly("-1", "2", "10");
		assertThat(dataset.targets()).containsExactly(2, 1, 1, 0);
	}

	@Test
	void textClassLabelsAreSortedAsStringsAfterTrimming() {
		ParsedDataset dataset = read("x,y\n1, virginica\n2,setosa \n3,Versicolor\n", options());
		assertThat(dataset.classes()).containsExactly("Versicolor", "setosa", "virginica");
		assertThat(dataset.targets()).containsExactly(2, 1, 0);
	}

	@Test
	void missingMeanFillsNumbersWithTheMeanAndCategoriesWithTheirShares() {
		ParsedDataset dataset = read("n,c,y\n1,a,0\nNA,b,1\n3,a,0\n5,,1\n", options().missing(MissingValues.MEAN));
		assertThat(dataset.rows()).isEqualTo(4);
		assertThat(dataset.featureNames()).containsExactly("n", "c=a", "c=b");
		assertThat(row(dataset, 1)).containsExactly(3, 0, 1);
		assertThat(row(dataset, 3)).containsExactly(5, 2.0 / 3, 1.0 / 3);
	}

	@Test
	void missingMeanLeavesOutRowsWhoseTargetIsMissing() {
		ParsedDataset dataset = read("x,y\n1,2.5\n2,\n3,4.5\n", options().missing(MissingValues.MEAN));
		assertThat(dataset.rows()).isEqualTo(2);
		assertThat(dataset.targets()).containsExactly(2.5, 4.5);
	}

	@Test
	void missingValuesUnderErrorAre422NamingTheFirstMissingCellAndTheFixes() {
		ProblemDetail problem = problem(() -> read(PENGUINS, options()));
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getTitle()).isEqualTo("Missing values");
		assertThat(property(problem, "line")).isEqualTo(4L);
		assertThat(property(problem, "column")).isEqualTo("Bill Length (mm)");
		assertThat((String) property(problem, "fix")).contains("missing=drop", "missing=mean");
		assertThat(problem.getDetail()).contains("1 of 5 rows");
	}

	@Test
	void missingDropThatLeavesNoRowIsA422NamingTheEmptiestColumn() {
		ProblemDetail problem = problem(() -> read("a,b,y\n1,,0\n,2,1\nNA,NA,1\n", options().missing(MissingValues.DROP)));
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getTitle()).isEqualTo("No rows left");
		assertThat(property(problem, "column")).isEqualTo("a");
		assertThat((String) property(problem, "fix")).contains("exclude=a", "missing=mean");
	}

	@Test
	void excludedColumnsAreLeftOutEvenWhenTheyAreMessy() {
		ParsedDataset dataset = read("id,date,x,y\nA-1,2024-01-01,1,0\nB-2,,2,1\n", options().exclude("id", "date"));
		assertThat(dataset.featureNames()).containsExactly("x");
	}

	@Test
	void anUnknownTargetIsA400ThatSuggestsTheNearestColumn() {
		ProblemDetail problem = problem(() -> read("Body Mass (g),species\n1,a\n", options().target("body_mass (g)")));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Unknown column");
		assertThat(problem.getDetail()).contains("Did you mean 'Body Mass (g)'?");
		assertThat(property(problem, "fix")).isEqualTo("target=Body Mass (g)");
		assertThat(property(problem, "errors")).asString().contains("target");
	}

	@Test
	void anUnknownExcludedColumnIsA400() {
		ProblemDetail problem = problem(() -> read("a,b\n1,2\n", options().exclude("c")));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(property(problem, "errors")).asString().contains("exclude");
	}

	@Test
	void excludingTheTargetIsA400() {
		ProblemDetail problem = problem(() -> read("a,b\n1,2\n", options().exclude("b")));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Target excluded");
	}

	@Test
	void aRowWithTooFewFieldsIsA400NamingTheLineAndTheFirstAbsentColumn() {
		ProblemDetail problem = problem(() -> read("a,b,c\n1,2,3\n4,5\n", options()));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Ragged row");
		assertThat(problem.getDetail()).isEqualTo("Line 3 has 2 fields, but the header has 3 columns.");
		assertThat(property(problem, "line")).isEqualTo(3L);
		assertThat(property(problem, "column")).isEqualTo("c");
	}

	@Test
	void aRowWithTooManyFieldsIsA400SuggestingQuotes() {
		ProblemDetail problem = problem(() -> read("name,y\nSmith, J.,1\n", options()));
		assertThat(property(problem, "line")).isEqualTo(2L);
		assertThat((String) property(problem, "fix")).contains("Quote fields that contain commas");
	}

	@Test
	void anEmptyFileIsA400() {
		assertThat(problem(() -> read("", options())).getTitle()).isEqualTo("Empty file");
		assertThat(problem(() -> read("\r\n\n  \n", options())).getTitle()).isEqualTo("Empty file");
	}

	@Test
	void aHeaderWithoutRowsIsA400() {
		ProblemDetail problem = problem(() -> read("a,b\n", options()));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).contains("no data rows");
	}

	@Test
	void aFirstLineOfNumbersIsA400SayingTheHeaderIsMissing() {
		ProblemDetail problem = problem(() -> read("1.5,2,0\n3,4,1\n", options()));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("No header");
		assertThat(property(problem, "line")).isEqualTo(1L);
		assertThat((String) property(problem, "fix")).contains("x1,x2,y");
	}

	@Test
	void aSemicolonSeparatedFileIsA400() {
		assertThat(problem(() -> read("a;b;c\n1;2;3\n", options())).getTitle()).isEqualTo("Not comma-separated");
	}

	@Test
	void duplicateColumnNamesAreA400() {
		ProblemDetail problem = problem(() -> read("a,b,a\n1,2,3\n", options()));
		assertThat(problem.getTitle()).isEqualTo("Duplicate column name");
		assertThat(property(problem, "column")).isEqualTo("a");
	}

	@Test
	void aBlankHeaderCellIsNamedByItsPosition() {
		assertThat(read(",x,y\n0,1,2\n1,3,4.5\n", options()).featureNames()).containsExactly("column1", "x");
	}

	@Test
	void aNonNumericRegressionTargetIsA422NamingTheLine() {
		ProblemDetail problem = problem(() -> read("x,price\n1,10\n2,cheap\n", options().task(TargetKind.REGRESSION)));
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getTitle()).isEqualTo("Non-numeric target");
		assertThat(property(problem, "line")).isEqualTo(3L);
		assertThat(property(problem, "column")).isEqualTo("price");
		assertThat((String) property(problem, "fix")).contains("task=classification");
	}

	@Test
	void aTargetWithOneClassIsA422() {
		ProblemDetail problem = problem(() -> read("x,y\n1,yes\n2,yes\n", options()));
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getTitle()).isEqualTo("One class only");
		assertThat(problem.getDetail()).contains("'yes'");
	}

	@Test
	void aTargetWithTooManyTextClassesIsA422() {
		ProblemDetail problem = problem(() -> read(new CsvDatasetReader(3, 1000), "x,y\n1,a\n2,b\n3,c\n4,d\n", options()));
		assertThat(problem.getTitle()).isEqualTo("Too many classes");
	}

	@Test
	void aStringColumnOverTheCategoryCapIsA422SuggestingExclude() {
		ProblemDetail problem = problem(() -> read(new CsvDatasetReader(2, 1000), "city,y\nOslo,1\nRome,2.5\nLima,3\n", options()));
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getTitle()).isEqualTo("Too many categories");
		assertThat(property(problem, "column")).isEqualTo("city");
		assertThat(property(problem, "fix")).asString().startsWith("exclude=city");
		assertThat(property(problem, "maxCategories")).isEqualTo(2);
	}

	@Test
	void aDateColumnIsRecognisedInTheCategoryCapProblem() {
		StringBuilder csv = new StringBuilder("date,temp,y\n");
		for (int day = 1; day <= 28; day++) {
			csv.append("2024-02-").append(day < 10 ? "0" : "").append(day).append(',').append(day * 0.5).append(',')
				.append(day % 2).append('\n');
		}
		ProblemDetail problem = problem(() -> read(new CsvDatasetReader(20, 1000), csv.toString(), options()));
		assertThat(problem.getDetail()).contains("looks like dates", "2024-02-01");
		assertThat(property(problem, "fix")).asString().startsWith("exclude=date");
	}

	@Test
	void aNumericColumnWithAFewStrayWordsIsA422NamingTheFirst() {
		StringBuilder csv = new StringBuilder("age,y\n");
		for (int i = 0; i < 20; i++) {
			csv.append(i == 7 ? "unknown" : Integer.toString(20 + i)).append(',').append(i % 2).append('\n');
		}
		ProblemDetail problem = problem(() -> read(csv.toString(), options()));
		assertThat(problem.getTitle()).isEqualTo("Mostly numeric column");
		assertThat(property(problem, "line")).isEqualTo(9L);
		assertThat(property(problem, "column")).isEqualTo("age");
		assertThat(problem.getDetail()).contains("'unknown'");
	}

	@Test
	void aFewNumbersAmongWordsAreCategories() {
		ParsedDataset dataset = read("grade,y\nK,0\n1,1\n2,0\n3,1\n", options());
		assertThat(dataset.featureNames()).containsExactly("grade=1", "grade=2", "grade=3", "grade=K");
	}

	@Test
	void aColumnWithNoValuesIsA422SuggestingExclude() {
		ProblemDetail problem = problem(() -> read("a,b,y\n1,,0\n2,NA,1\n", options()));
		assertThat(problem.getTitle()).isEqualTo("Empty column");
		assertThat(property(problem, "fix")).isEqualTo("exclude=b");
	}

	@Test
	void aFileWithOnlyATargetIsA422() {
		assertThat(problem(() -> read("id,y\n1,2\n", options().exclude("id"))).getTitle()).isEqualTo("No feature columns");
	}

	@Test
	void anEncodedMatrixOverTheValueCapIsA422() {
		ProblemDetail problem = problem(() -> read(new CsvDatasetReader(100, 5), "a,b,y\n1,2,0\n3,4,1\n5,6,0\n", options()));
		assertThat(problem.getTitle()).isEqualTo("Dataset too large");
	}

	@Test
	void thousandsOfRowsAreReadAndEncoded() {
		StringBuilder csv = new StringBuilder("x1,x2,color,y\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append(i).append(',').append(i * 0.001).append(',').append(i % 3 == 0 ? "red" : "\"blue\"").append(',')
				.append(i % 7 == 0 ? "NA" : Double.toString(i * 2.5)).append('\n');
		}
		ParsedDataset dataset = read(csv.toString(), options().missing(MissingValues.DROP));
		assertThat(dataset.rowsParsed()).isEqualTo(20_000);
		assertThat(dataset.rows()).isEqualTo(20_000 - 2858);
		assertThat(dataset.cols()).isEqualTo(4);
		assertThat(row(dataset, 0)).containsExactly(1, 0.001, 1, 0);
		assertThat(dataset.targets()[0]).isEqualTo(2.5);
	}

	@Test
	void bytesAreDecodedBeforeParsing() {
		byte[] bytes = "\uFEFFcity,y\r\nZürich,1\r\nBern,0\r\n".getBytes(StandardCharsets.UTF_8);
		ParsedDataset dataset = reader.read(bytes, StandardCharsets.UTF_8, options().build());
		assertThat(dataset.featureNames()).containsExactly("city=Bern", "city=Zürich");
	}

	@Test
	void anAsciiUploadReadFromItsBytesGivesWhatItsDecodedCharactersGive() {
		String[] files = { PENGUINS,
				"x,z,y\r\n1e3,-2.5E-3,+3\r\n.5,5.,6e+2\r\n-0,0.000000000000000000000001234567890123456789,1\r\n",
				"x,z,y\r1,NA,3\r4,5,n/a\r7,?,9\r",
				"\uFEFFx,z,y\n12345678901234567890123,1.7976931348623157e308,4.9e-324\n2.2250738585072014E-308,7,1\n",
				"x,color,y\n1,\"red, dark\",\"a\"\"b\"\n2, \"blue\" ,c\n\n   \n3,\"line\nbreak\",c\n",
				"x,z,y\n1,1e999,2\n3,NaN,4\n5,,6\n" };
		for (String file : files) {
			for (MissingValues missing : MissingValues.values()) {
				byte[] ascii = file.getBytes(StandardCharsets.UTF_8);
				assertThat(outcome(ascii, options().missing(missing))).as(file + " " + missing)
					.isEqualTo(outcome(utf16(file), options().missing(missing)));
			}
		}
	}

	@Test
	void numbersReadFromTheUploadsBytesAreTheJdksDoubles() {
		String[] numbers = { "0.1", "-2.5E-3", "+3", ".5", "5.", "6e+2", "1.7976931348623157e308", "4.9e-324",
				"2.2250738585072014E-308", "12345678901234567890123", "0.30000000000000004", "9007199254740993",
				"123456789012345678.9e-5", "1e-320", "-1.000000000000000000000000001" };
		StringBuilder csv = new StringBuilder("x,y\n");
		for (String number : numbers) {
			csv.append(number).append(',').append(csv.length()).append('\n');
		}

		ParsedDataset dataset = read(csv.toString(), options().task(TargetKind.REGRESSION));

		assertThat(bits(dataset.features()))
			.containsExactly(bits(Arrays.stream(numbers).mapToDouble(Double::parseDouble).toArray()));
	}

	/** The dataset read, every double as its bits, or the problem that refused it. */
	private String outcome(byte[] upload, Options options) {
		try {
			ParsedDataset dataset = reader.read(upload, StandardCharsets.UTF_8, options.build());
			return List.of(dataset.target(), dataset.task(), dataset.classes(), dataset.featureNames(), dataset.rows(),
					dataset.rowsParsed(), Arrays.toString(bits(dataset.features())),
					Arrays.toString(bits(dataset.targets())), dataset.columns())
				.toString();
		}
		catch (ErrorResponseException ex) {
			return ex.getBody().toString();
		}
	}

	/** The text in UTF-16 with its byte-order mark (in place of a leading BOM character, if it has one). */
	private static byte[] utf16(String text) {
		byte[] characters = (text.startsWith("\uFEFF") ? text.substring(1) : text).getBytes(StandardCharsets.UTF_16LE);
		byte[] withMark = new byte[characters.length + 2];
		withMark[0] = (byte) 0xFF;
		withMark[1] = (byte) 0xFE;
		System.arraycopy(characters, 0, withMark, 2, characters.length);
		return withMark;
	}

	private static long[] bits(double[] values) {
		return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

	private ParsedDataset read(String csv, Options options) {
		return read(reader, csv, options);
	}

	private static ParsedDataset read(CsvDatasetReader reader, String csv, Options options) {
		return reader.read(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, options.build());
	}

	private static double[] row(ParsedDataset dataset, int row) {
		return Arrays.copyOfRange(dataset.features(), row * dataset.cols(), (row + 1) * dataset.cols());
	}

	private static Options options() {
		return new Options();
	}

	/** Upload options with the API's defaults, changed one at a time. */
	static final class Options {

		private String target;

		private TargetKind task;

		private MissingValues missing = MissingValues.ERROR;

		private List<String> exclude = List.of();

		Options target(String target) {
			this.target = target;
			return this;
		}

		Options task(TargetKind task) {
			this.task = task;
			return this;
		}

		Options missing(MissingValues missing) {
			this.missing = missing;
			return this;
		}

		Options exclude(String... columns) {
			this.exclude = List.of(columns);
			return this;
		}

		UploadOptions build() {
			return new UploadOptions("test", target, task, missing, true, exclude);
		}

	}

}
