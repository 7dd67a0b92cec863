package dev.lrtune.dataset;

/** The storage round trip on the embedded H2 that {@code @DataJpaTest} provides, migrated by Flyway. */
class DatasetStorageH2Tests extends DatasetStorageScenarios {

}
