package dev.lrtune.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A part of an SQL statement and the arguments of its placeholders, in order: for a statement that one repository
 * builds with a part from another (one round trip where there would be several).
 *
 * @param args may hold {@code null}s (SQL NULL)
 */
public record SqlPart(String sql, List<Object> args) {

	public SqlPart {
		args = Collections.unmodifiableList(new ArrayList<>(args));
	}

}
