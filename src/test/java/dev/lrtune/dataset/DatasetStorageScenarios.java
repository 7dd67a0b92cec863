package dev.lrtune.dataset;

import static dev.lrtune.dataset.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Datasets written, read back and deleted through the real schema (Flyway's migrations, validated by
 * Hibernate); each call commits, as in the service. Run on H2 and on PostgreSQL by the subclasses.
 */
@DataJpaTest
@Import({ DatasetStore.class, DatasetWriter.class, DatasetMatrices.class, IncompleteDatasets.class,
		DatasetLookups.class, DatasetStorageScenarios.JobsUsingDatasets.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class DatasetStorageScenarios {

	static final Set<Long> inUse = ConcurrentHashMap.newKeySet();

	@Autowired
	DatasetStore store;

	@Autowired
	DatasetWriter writer;

	@Autowired
	DatasetLookups lookups;

	@Autowired
	IncompleteDatasets incomplete;

	@MockitoSpyBean
	DatasetMatrices matrices;

	@Autowired
	Datasets datasets;

	@Autowired
	DataSource dataSource;

	private final List<Long> saved = new ArrayList<>();

	@AfterEach
	void deleteWhatTheTestSaved() {
		inUse.clear();
		saved.forEach(id -> jdbc().update("DELETE FROM datasets WHERE id = ?", id));
	}

	@Test
	void aStoredDatasetLoadsBackWithTheSameNumbersAndShape() {
		ParsedDataset parsed = parse("n,color,y\n1.5,red,a\n-2,blue,b\n1e-300,red,a\n");
		long id = save(parsed, "colors", false);

		TrainingData data = store.load(id);

		assertThat(data.features()).isEqualTo(parsed.features());
		assertThat(data.targets()).isEqualTo(parsed.targets());
		assertThat(data.rows()).isEqualTo(3);
		assertThat(data.cols()).isEqualTo(3);
		assertThat(data.task()).isEqualTo(TargetKind.CLASSIFICATION);
		assertThat(data.classCount()).isEqualTo(2);
		assertThat(data.featureNames()).containsExactly("n", "color=blue", "color=red");
		assertThat(data.standardize()).isFalse();
	}

	@Test
	void aMatrixLargerThanOneTransactionOfChunksIsSplitAndReassembled() {
		ParsedDataset parsed = parse(bigCsv());
		long id = save(parsed, "big", true);

		long values = parsed.features().length + (long) parsed.targets().length;
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM dataset_chunks WHERE dataset_id = ?", Integer.class, id))
			.isEqualTo((int) ((values + DatasetMatrices.CHUNK_DOUBLES - 1) / DatasetMatrices.CHUNK_DOUBLES))
			.isGreaterThan(12);
		TrainingData data = store.load(id);
		assertThat(data.features()).isEqualTo(parsed.features());
		assertThat(data.targets()).isEqualTo(parsed.targets());
	}

	@Test
	void aMatrixStoredBeforeInChunksOfOneMebibyteLoadsTheSame() {
		ParsedDataset parsed = parse(bigCsv());
		long id = save(parsed, "1 MiB chunks", true);
		jdbc().update("DELETE FROM dataset_chunks WHERE dataset_id = ?", id);
		double[] stream = new double[parsed.features().length + parsed.targets().length];
		System.arraycopy(parsed.features(), 0, stream, 0, parsed.features().length);
		System.arraycopy(parsed.targets(), 0, stream, parsed.features().length, parsed.targets().length);
		int oldChunk = 1 << 17;
		for (int chunk = 0; chunk * oldChunk < stream.length; chunk++) {
			int length = Math.min(oldChunk, stream.length - chunk * oldChunk);
			ByteBuffer bytes = ByteBuffer.allocate(length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			bytes.asDoubleBuffer().put(stream, chunk * oldChunk, length);
			jdbc().update("INSERT INTO dataset_chunks (dataset_id, chunk, data) VALUES (?, ?, ?)", id, chunk, bytes.array());
		}

		TrainingData data = store.load(id);

		assertThat(data.features()).isEqualTo(parsed.features());
		assertThat(data.targets()).isEqualTo(parsed.targets());
	}

	@Test
	void aDatasetWhoseMatrixIsBeingStoredIsNeitherListedNorUsable() {
		long[] seen = { 0 };
		doAnswer(call -> {
			call.callRealMethod();
			long id = call.getArgument(0);
			seen[0] = id;
			saved.add(id);
			assertHidden(id); // every chunk is stored, the dataset not yet complete
			return null;
		}).when(matrices).save(anyLong(), any(), any());

		long id = save(parse(bigCsv()), "in progress", true);

		assertThat(seen[0]).isEqualTo(id);
		assertThat(store.find(id)).isPresent();
		assertThat(lookups.uploadedAt(id)).isPresent();
	}

	@Test
	void leftoversOfAnInterruptedUploadAreHidden() {
		long id = interruptedUpload(Instant.now());

		assertHidden(id);
	}

	@Test
	void aFailedUploadLeavesNothingBehind() {
		long[] attempted = { 0 };
		doAnswer(call -> {
			call.callRealMethod(); // its chunks are committed, in several transactions
			attempted[0] = call.getArgument(0);
			saved.add(attempted[0]);
			throw new IllegalStateException("the database went away");
		}).when(matrices).save(anyLong(), any(), any());

		assertThatThrownBy(() -> save(parse(bigCsv()), "failed", true)).hasMessage("the database went away");

		assertThat(attempted[0]).isPositive();
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM datasets WHERE id = ?", Integer.class, attempted[0]))
			.isZero();
		assertThat(chunks(attempted[0])).isZero();
	}

	@Test
	void incompleteDatasetsAreRemovedOnceOlderThanAnyUploadInProgress() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Duration maxAge = Duration.ofMinutes(30);
		long crashed = interruptedUpload(now.minus(maxAge).minusSeconds(1));
		long inProgress = interruptedUpload(now.minus(maxAge).plusSeconds(60));
		long old = save(parse("x,y\n1,1.5\n2,2.5\n"), "old", true);
		jdbc().update("UPDATE datasets SET created_at = ? WHERE id = ?", now.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC),
				old);

		int removed = new IncompleteDatasetCleanup(incomplete,
				new InterruptedUploadSettings(maxAge, Duration.ofMinutes(15))).removeLeftovers(now);

		assertThat(removed).isEqualTo(1);
		assertThat(rows(crashed)).isZero();
		assertThat(chunks(crashed)).isZero();
		assertThat(rows(inProgress)).isOne();
		assertThat(chunks(inProgress)).isPositive();
		assertThat(store.find(old)).isPresent();
	}

	@Test
	void anUploadWhoseRowWasRemovedMeanwhileFailsInsteadOfCompletingIt() {
		doAnswer(call -> {
			call.callRealMethod();
			long id = call.getArgument(0);
			saved.add(id);
			jdbc().update("DELETE FROM datasets WHERE id = ?", id); // taken for a leftover
			return null;
		}).when(matrices).save(anyLong(), any(), any());

		assertThatThrownBy(() -> save(parse("x,y\n1,1.5\n2,2.5\n"), "removed", true))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("removed before its matrix was stored");
	}

	@Test
	void theMatrixIsStoredAsLittleEndianDoubles() {
		long id = save(parse("x,y\n0.1,1.5\n0.2,2.5\n"), "bytes", true);

		byte[] chunk = jdbc().queryForObject("SELECT data FROM dataset_chunks WHERE dataset_id = ? AND chunk = 0",
				byte[].class, id);

		ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(new double[] { buffer.getDouble(), buffer.getDouble(), buffer.getDouble(), buffer.getDouble() })
			.containsExactly(0.1, 0.2, 1.5, 2.5);
	}

	@Test
	void metadataAndTheColumnSummaryRoundTrip() {
		ParsedDataset parsed = parse("Body Mass (g),\"island, name\",y\n3750,Torgersen,1.5\nNA,Biscoe,2\n4000,Dream,2.5\n",
				MissingValues.MEAN);
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		long id = writer.save(parsed, options("penguins", true, MissingValues.MEAN), createdAt).id();
		saved.add(id);

		DatasetView view = DatasetView.of(store.find(id).orElseThrow());

		assertThat(view.name()).isEqualTo("penguins");
		assertThat(view.createdAt()).isEqualTo(createdAt);
		assertThat(view.rows()).isEqualTo(3);
		assertThat(view.rowsParsed()).isEqualTo(3);
		assertThat(view.features()).isEqualTo(4);
		assertThat(view.task()).isEqualTo(TargetKind.REGRESSION);
		assertThat(view.classes()).isEmpty();
		assertThat(view.target()).isEqualTo("y");
		assertThat(view.featureNames()).isEqualTo(parsed.featureNames());
		assertThat(view.columns()).isEqualTo(parsed.columns());
		assertThat(view.standardize()).isTrue();
	}

	@Test
	void listingShowsTheNewestFirst() {
		long older = save(parse("x,y\n1,1.5\n2,2.5\n"), "older", true);
		long newer = save(parse("x,y\n1,1.5\n2,2.5\n"), "newer", true);

		List<Long> ids = store.list().stream().map(StoredDataset::id).filter(saved::contains).toList();

		assertThat(ids).containsExactly(newer, older);
	}

	@Test
	void idsComeFromAPooledSequenceWithoutARoundTripPerInsert() {
		long first = save(parse("x,y\n1,1.5\n2,2.5\n"), "a", true);
		long second = save(parse("x,y\n1,1.5\n2,2.5\n"), "b", true);

		assertThat(second).isEqualTo(first + 1);
	}

	@Test
	void deletingADatasetRemovesItsMatrix() {
		long id = save(parse("x,y\n1,1.5\n2,2.5\n"), "gone", true);

		store.delete(id);

		assertThat(store.find(id)).isEmpty();
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM dataset_chunks WHERE dataset_id = ?", Integer.class, id))
			.isZero();
	}

	@Test
	void aDatasetThatAJobUsesIsNotDeleted() {
		long id = save(parse("x,y\n1,1.5\n2,2.5\n"), "busy", true);
		inUse.add(id);

		ProblemDetail problem = problem(() -> store.delete(id));

		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getDetail()).contains("job 7 is running");
		assertThat(store.exists(id)).isTrue();
	}

	@Test
	void loadingOrDeletingAnUnknownDatasetIsNotFound() {
		assertThatThrownBy(() -> store.load(Long.MAX_VALUE)).isInstanceOf(DatasetNotFoundException.class);
		assertThatThrownBy(() -> store.delete(Long.MAX_VALUE)).isInstanceOf(DatasetNotFoundException.class);
	}

	private long save(ParsedDataset parsed, String name, boolean standardize) {
		long id = writer.save(parsed, options(name, standardize, MissingValues.ERROR), Instant.now()).id();
		saved.add(id);
		return id;
	}

	/** What a crash leaves: the row and its chunks stored, the dataset never marked complete. */
	private long interruptedUpload(Instant createdAt) {
		ParsedDataset parsed = parse("x,y\n1,1.5\n2,2.5\n");
		long id = datasets.save(new StoredDataset(parsed, options("interrupted", true, MissingValues.ERROR), createdAt)).id();
		saved.add(id);
		matrices.save(id, parsed.features(), parsed.targets());
		return id;
	}

	/** No read of datasets sees it: not listed, not found, not loaded, not deleted, not usable by a job. */
	private void assertHidden(long id) {
		assertThat(rows(id)).isOne();
		assertThat(store.list()).extracting(StoredDataset::id).doesNotContain(id);
		assertThat(store.find(id)).isEmpty();
		assertThat(store.exists(id)).isFalse();
		assertThatThrownBy(() -> store.load(id)).isInstanceOf(DatasetNotFoundException.class);
		assertThatThrownBy(() -> store.delete(id)).isInstanceOf(DatasetNotFoundException.class);
		assertThat(lookups.shapeForUse(id)).isEmpty();
		assertThat(lookups.uploadedAt(id)).isEmpty();
	}

	private int rows(long id) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM datasets WHERE id = ?", Integer.class, id);
	}

	private int chunks(long id) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM dataset_chunks WHERE dataset_id = ?", Integer.class, id);
	}

	/** 140,000 rows of three values: 13 chunks, more than one transaction's worth. */
	private static String bigCsv() {
		StringBuilder csv = new StringBuilder("a,b,y\n");
		for (int i = 0; i < 140_000; i++) {
			csv.append(i).append(',').append(Math.sin(i)).append(',').append(i * 0.25).append('\n');
		}
		return csv.toString();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource);
	}

	private static ParsedDataset parse(String csv) {
		return parse(csv, MissingValues.ERROR);
	}

	private static ParsedDataset parse(String csv, MissingValues missing) {
		return new CsvDatasetReader(100, 10_000_000).read(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
				options("test", true, missing));
	}

	private static UploadOptions options(String name, boolean standardize, MissingValues missing) {
		return new UploadOptions(name, null, null, missing, standardize, List.of());
	}

	/** Stands in for the job feature: a dataset whose id is in {@link #inUse} is used by a running job. */
	@TestConfiguration(proxyBeanMethods = false)
	static class JobsUsingDatasets {

		@Bean
		DatasetUsage runningJobs() {
			return id -> inUse.contains(id) ? Optional.of("job 7 is running") : Optional.empty();
		}

	}

}
