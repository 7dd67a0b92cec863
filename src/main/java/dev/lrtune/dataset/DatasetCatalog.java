package dev.lrtune.dataset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The datasets users uploaded: upload, list, show and delete for the API, and {@link #load(long)} for
 * the features that train on them.
 */
@Service
public class DatasetCatalog {

	private final DatasetStore store;

	private final DatasetWriter writer;

	private final DatasetLookups lookups;

	private final DatasetSettings settings;

	private final CsvDatasetReader reader;

	private final ApplicationEventPublisher events;

	DatasetCatalog(DatasetStore store, DatasetWriter writer, DatasetLookups lookups, DatasetSettings settings,
			ApplicationEventPublisher events) {
		this.store = store;
		this.writer = writer;
		this.lookups = lookups;
		this.settings = settings;
		this.events = events;
		this.reader = new CsvDatasetReader(settings.maxCategories(), settings.maxValues(), settings.maxColumns());
	}

	/**
	 * Reads, checks and encodes the CSV, then stores it ({@link DatasetWriter}); nothing is stored when any step refuses
	 * it. Once stored, and written through to the database file, its rows are announced
	 * ({@link DatasetUploaded}): the first job on a dataset usually follows its upload, and finds the upload's work
	 * done rather than still going on beside it.
	 */
	DatasetView upload(Upload upload, UploadOptions options) {
		ParsedDataset parsed = parse(upload, options);
		StoredDataset dataset = writer.save(parsed, options, Instant.now().truncatedTo(ChronoUnit.MICROS));
		events.publishEvent(new DatasetUploaded(dataset.id(), dataset.createdAt(), new TrainingData(parsed.features(),
				parsed.rows(), parsed.cols(), parsed.targets(), parsed.task(), parsed.classes().size(),
				parsed.featureNames(), dataset.standardize())));
		return DatasetView.of(dataset);
	}

	/**
	 * The upload read and parsed. Its bytes are a local of this method alone, so that nothing holds them while the
	 * rows are stored: a frame that is not compiled keeps every local it has until it returns.
	 */
	private ParsedDataset parse(Upload upload, UploadOptions options) {
		return reader.read(upload.read(settings.maxBytes().toBytes()), upload.charset(), options);
	}

	List<DatasetView> list() {
		return store.list().stream().map(DatasetView::of).toList();
	}

	DatasetView get(long id) {
		return store.find(id).map(DatasetView::of).orElseThrow(() -> new DatasetNotFoundException(id));
	}

	/** Deletes the dataset (see {@link DatasetStore#delete}), then announces it ({@link DatasetDeleted}). */
	void delete(long id) {
		store.delete(id);
		events.publishEvent(new DatasetDeleted(id));
	}

	/**
	 * The dataset's encoded matrix and targets, for training.
	 * @throws DatasetNotFoundException when no dataset has this id
	 */
	public TrainingData load(long id) {
		return store.load(id);
	}

	/** The dataset's size and task without reading its matrix; empty when no dataset has this id. */
	public Optional<DatasetShape> shape(long id) {
		return store.find(id)
			.map(dataset -> new DatasetShape(dataset.rows(), dataset.features(), dataset.task(), dataset.classes().size()));
	}

	/**
	 * {@link #shape(long)}, with the dataset's row locked until the caller's transaction ends, so that it
	 * cannot be deleted while a job that will use it is being queued.
	 */
	public Optional<DatasetShape> shapeForUse(long id) {
		return lookups.shapeForUse(id);
	}

	/**
	 * When the dataset was uploaded, without reading its matrix: with its id it names the dataset's rows for good
	 * (a dataset never changes; another one never gets the same id and time). Empty when no dataset has this id.
	 */
	public Optional<Instant> uploadedAt(long id) {
		return lookups.uploadedAt(id);
	}

	/**
	 * Reads and encodes {@code csv} as an upload of it would, and returns its rows and columns, storing nothing: for
	 * the start-up warm-up, so that the first upload does not wait for the JIT to compile the reader.
	 */
	public DatasetShape parseOnly(byte[] csv) {
		ParsedDataset parsed = reader.read(csv, StandardCharsets.UTF_8, UploadOptions.defaults("warm-up.csv"));
		return new DatasetShape(parsed.rows(), parsed.cols(), parsed.task(), parsed.classes().size());
	}

	public boolean exists(long id) {
		return store.exists(id);
	}

}
