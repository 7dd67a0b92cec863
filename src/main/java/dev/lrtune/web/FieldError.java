package dev.lrtune.web;

/** One rejected field of a request, in the {@code errors} list of a 400 problem detail. */
public record FieldError(String field, String message) {
}
