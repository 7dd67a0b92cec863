package dev.lrtune.dataset;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

import jakarta.persistence.LockModeType;

/**
 * The {@code datasets} table, complete or not: {@link DatasetStore} shows only the complete ones (see
 * {@link DatasetWriter}).
 */
interface Datasets extends JpaRepository<StoredDataset, Long> {

	List<StoredDataset> findAllByCompleteTrueOrderByCreatedAtDescIdDesc();

	/** Locks the row, so that a job cannot start using the dataset while it is being deleted. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<StoredDataset> findLockedById(Long id);

}
