package dev.lrtune.web;

/** A request field that passed Bean Validation but breaks a rule that needs context (a configured cap, another field). */
public class InvalidRequestException extends RuntimeException {

	private final String field;

	public InvalidRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
