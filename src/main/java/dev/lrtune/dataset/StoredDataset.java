package dev.lrtune.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A stored dataset's metadata: one row of {@code datasets}. The matrix lives in {@link DatasetMatrices}. */
@Entity
@Table(name = "datasets")
class StoredDataset {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "datasets_seq")
	@SequenceGenerator(name = "datasets_seq", sequenceName = "datasets_seq", allocationSize = 50)
	private Long id;

	private String name;

	private String target;

	private String task;

	@Column(name = "row_count")
	private int rows;

	private int rowsParsed;

	@Column(name = "feature_count")
	private int features;

	private boolean standardize;

	private Instant createdAt;

	@Convert(converter = JsonColumns.Strings.class)
	private List<String> featureNames;

	@Convert(converter = JsonColumns.Strings.class)
	private List<String> classes;

	@Convert(converter = JsonColumns.Summaries.class)
	@Column(name = "column_summary")
	private List<ColumnSummary> columns;

	/** False until the whole matrix is stored (see {@link DatasetWriter}); no read of datasets sees it before. */
	private boolean complete;

	protected StoredDataset() {
	}

	StoredDataset(ParsedDataset parsed, UploadOptions options, Instant createdAt) {
		this.name = options.name();
		this.target = parsed.target();
		this.task = parsed.task().value();
		this.rows = parsed.rows();
		this.rowsParsed = parsed.rowsParsed();
		this.features = parsed.cols();
		this.standardize = options.standardize();
		this.createdAt = createdAt;
		this.featureNames = parsed.featureNames();
		this.classes = parsed.classes();
		this.columns = parsed.columns();
		this.complete = false;
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	String target() {
		return target;
	}

	TargetKind task() {
		return TargetKind.valueOf(task.toUpperCase(Locale.ROOT));
	}

	int rows() {
		return rows;
	}

	int rowsParsed() {
		return rowsParsed;
	}

	int features() {
		return features;
	}

	boolean standardize() {
		return standardize;
	}

	Instant createdAt() {
		return createdAt;
	}

	List<String> featureNames() {
		return featureNames;
	}

	List<String> classes() {
		return classes;
	}

	List<ColumnSummary> columns() {
		return columns;
	}

	boolean complete() {
		return complete;
	}

}
