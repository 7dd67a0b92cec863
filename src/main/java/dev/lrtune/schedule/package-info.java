/**
 * Learning-rate schedules as the API speaks them (SPEC §2): one JSON record per {@code type} under the sealed
 * {@link dev.lrtune.schedule.ScheduleSpec}, which builds the plain-Java schedule of {@code dev.lrtune.core.schedule},
 * and the {@link dev.lrtune.schedule.ScheduleCatalog} served by {@code GET /api/v1/schedules}.
 */
package dev.lrtune.schedule;
