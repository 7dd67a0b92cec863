package dev.lrtune.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * CSV files under {@code lrtune.datasets.data-dir}, read on demand (never stored) with the upload's
 * defaults: UTF-8, target the last column, task inferred, {@code missing=error}, standardised. A path
 * is relative to the directory and must stay inside it: absolute paths, {@code ..} segments and
 * symbolic links leading out of it are refused.
 */
@Service
public class DatasetFiles {

	private final Path directory;

	private final DatasetSettings settings;

	private final CsvDatasetReader reader;

	DatasetFiles(DatasetSettings settings) {
		this.settings = settings;
		this.directory = Path.of(settings.dataDir()).toAbsolutePath().normalize();
		this.reader = new CsvDatasetReader(settings.maxCategories(), settings.maxValues(), settings.maxColumns());
	}

	/**
	 * The file's rows, encoded as an upload with default options would be.
	 * @throws DatasetFileException when the path is not allowed, the file is missing, too large or not a
	 *     usable CSV
	 */
	public TrainingData read(String relativePath) {
		Path file = resolve(relativePath);
		ParsedDataset parsed;
		try {
			parsed = reader.read(readBytes(file, relativePath), StandardCharsets.UTF_8, UploadOptions.defaults(relativePath));
		}
		catch (ErrorResponseException ex) {
			throw new DatasetFileException("'" + relativePath + "' is not a usable CSV: " + ex.getBody().getDetail());
		}
		return new TrainingData(parsed.features(), parsed.rows(), parsed.cols(), parsed.targets(), parsed.task(),
				parsed.classes().size(), parsed.featureNames(), true);
	}

	/**
	 * What tells the file's content apart from any other, without reading it: its real path, size and modification
	 * time (a file written again gets a new one).
	 * @throws DatasetFileException as {@link #read(String)} for a path that is not allowed or a missing file
	 */
	public String version(String relativePath) {
		Path file = resolve(relativePath);
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return file + " " + attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
		}
		catch (IOException ex) {
			throw new DatasetFileException("'" + relativePath + "' cannot be read: " + ex.getMessage());
		}
	}

	/** The real path of an existing regular file inside the directory. */
	Path resolve(String relativePath) {
		Path relative;
		try {
			relative = Path.of(relativePath);
		}
		catch (InvalidPathException ex) {
			throw new DatasetFileException("'" + relativePath + "' is not a valid path");
		}
		if (relativePath.isEmpty() || relative.isAbsolute() || relativePath.startsWith("/")
				|| relativePath.startsWith("\\")) {
			throw new DatasetFileException("'" + relativePath + "' must be a path relative to the data directory "
					+ "(lrtune.datasets.data-dir)");
		}
		for (Path segment : relative) {
			if (segment.toString().equals("..")) {
				throw new DatasetFileException("'" + relativePath + "' must not contain '..'");
			}
		}
		Path file = directory.resolve(relative).normalize();
		if (!file.startsWith(directory)) {
			throw outside(relativePath);
		}
		if (!Files.exists(file)) {
			throw new DatasetFileException("there is no file '" + relativePath + "' in the data directory "
					+ "(lrtune.datasets.data-dir)");
		}
		try {
			Path real = file.toRealPath();
			if (!real.startsWith(directory.toRealPath())) {
				throw outside(relativePath);
			}
			if (!Files.isRegularFile(real)) {
				throw new DatasetFileException("'" + relativePath + "' is not a file");
			}
			return real;
		}
		catch (IOException ex) {
			throw new DatasetFileException("'" + relativePath + "' cannot be read: " + ex.getMessage());
		}
	}

	private byte[] readBytes(Path file, String relativePath) {
		long maxBytes = settings.maxBytes().toBytes();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] bytes = in.readNBytes((int) maxBytes + 1);
			if (bytes.length > maxBytes) {
				throw new DatasetFileException("'" + relativePath + "' is larger than " + maxBytes
						+ " bytes (lrtune.datasets.max-bytes)");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new DatasetFileException("'" + relativePath + "' cannot be read: " + ex.getMessage());
		}
	}

	private static DatasetFileException outside(String relativePath) {
		return new DatasetFileException("'" + relativePath + "' leads outside the data directory (lrtune.datasets.data-dir)");
	}

}
