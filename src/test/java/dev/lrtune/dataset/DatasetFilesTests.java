package dev.lrtune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class DatasetFilesTests {

	@TempDir
	Path root;

	private Path directory;

	private DatasetFiles files;

	@BeforeEach
	void createTheDataDirectory() throws IOException {
		directory = Files.createDirectories(root.resolve("data"));
		files = new DatasetFiles(new DatasetSettings(100, DataSize.ofMegabytes(1), 50_000_000, directory.toString(), 10_000));
	}

	@Test
	void aFileIsReadWithTheUploadDefaultsTargetLastColumnAndTaskInferred() throws IOException {
		Files.createDirectories(directory.resolve("sub"));
		Files.writeString(directory.resolve("sub/pets.csv"), "weight,colour,kind\n4,red,cat\n30,blue,dog\n5,blue,cat\n");

		TrainingData data = files.read("sub/pets.csv");

		assertThat(data.rows()).isEqualTo(3);
		assertThat(data.featureNames()).containsExactly("weight", "colour=blue", "colour=red");
		assertThat(data.task()).isEqualTo(TargetKind.CLASSIFICATION);
		assertThat(data.classCount()).isEqualTo(2);
		assertThat(data.standardize()).isTrue();
	}

	@Test
	void pathsLeadingOutOfTheDirectoryAreRefused() throws IOException {
		Files.writeString(root.resolve("secret.csv"), "x,y\n1,2\n");

		assertThatThrownBy(() -> files.read("../../etc/passwd")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("'..'");
		assertThatThrownBy(() -> files.read("../secret.csv")).isInstanceOf(DatasetFileException.class);
		assertThatThrownBy(() -> files.read("sub/../../secret.csv")).isInstanceOf(DatasetFileException.class);
		assertThatThrownBy(() -> files.read("/etc/passwd")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("relative");
		assertThatThrownBy(() -> files.read(root.resolve("secret.csv").toString()))
			.isInstanceOf(DatasetFileException.class);
	}

	@Test
	void aSymbolicLinkLeadingOutOfTheDirectoryIsRefused() throws IOException {
		Path secret = Files.writeString(root.resolve("secret.csv"), "x,y\n1,2\n");
		Files.createSymbolicLink(directory.resolve("link.csv"), secret);
		Files.createSymbolicLink(directory.resolve("outside"), root);

		assertThatThrownBy(() -> files.read("link.csv")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("outside the data directory");
		assertThatThrownBy(() -> files.read("outside/secret.csv")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("outside the data directory");
	}

	@Test
	void aSymbolicLinkWithinTheDirectoryIsRead() throws IOException {
		Path target = Files.writeString(directory.resolve("real.csv"), "x,y\n1,2\n2,4\n3,6\n");
		Files.createSymbolicLink(directory.resolve("alias.csv"), target);

		assertThat(files.read("alias.csv").rows()).isEqualTo(3);
	}

	@Test
	void aMissingFileOrADirectoryIsRefused() throws IOException {
		Files.createDirectories(directory.resolve("sub"));

		assertThatThrownBy(() -> files.read("missing.csv")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("there is no file 'missing.csv'");
		assertThatThrownBy(() -> files.read("sub")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("not a file");
		assertThatThrownBy(() -> files.read("")).isInstanceOf(DatasetFileException.class);
	}

	@Test
	void aMalformedCsvIsRefusedWithTheReadersExplanation() throws IOException {
		Files.writeString(directory.resolve("ragged.csv"), "x,y\n1,2\n3\n");

		assertThatThrownBy(() -> files.read("ragged.csv")).isInstanceOf(DatasetFileException.class)
			.hasMessageContaining("'ragged.csv' is not a usable CSV")
			.hasMessageContaining("Line 3");
	}

}
