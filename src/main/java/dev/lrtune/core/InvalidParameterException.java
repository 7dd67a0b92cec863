package dev.lrtune.core;

/**
 * A parameter of a schedule, model, optimizer or range test is out of range. Names the parameter
 * (as it is spelled in the JSON contract) so the API can answer a 400 that says which field is wrong.
 */
public class InvalidParameterException extends IllegalArgumentException {

	private final String parameter;

	public InvalidParameterException(String parameter, String message) {
		super(parameter + ": " + message);
		this.parameter = parameter;
	}

	/** The offending parameter, e.g. {@code maxLr} or, once nested, {@code then.tMax}. */
	public String parameter() {
		return parameter;
	}

	/** The same problem, located under an enclosing field ({@code then}, {@code schedules[1]}). */
	public InvalidParameterException under(String prefix) {
		return new InvalidParameterException(prefix + "." + parameter, detail());
	}

	/** The message without the parameter name in front. */
	public String detail() {
		return getMessage().substring(parameter.length() + 2);
	}

}
