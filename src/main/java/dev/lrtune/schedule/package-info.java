/**
 * Learning-rate schedules as the API speaks them: one JSON record per {@code type} under the sealed
 * {@link dev.lrtune.schedule.ScheduleSpec}, which builds the plain-Java schedule of {@code dev.lrtune.core.schedule};
 * the {@link dev.lrtune.schedule.ScheduleCatalog} served by {@code GET /api/v1/schedules}; the preview of
 * {@code POST /api/v1/schedules/preview}, with a working example request per type in the OpenAPI document.
 */
package dev.lrtune.schedule;
