package dev.lrtune.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an unreachable database (stopped, restarting, no connection within Hikari's
 * {@code connection-timeout}) apart from other data-access errors: the API answers the first with 503 and
 * {@code Retry-After}, and a worker waits for the database instead of failing its job.
 */
public final class DatabaseOutages {

	private DatabaseOutages() {
	}

	/** Whether {@code error}, or one of its causes, says the database cannot be reached right now. */
	public static boolean isOutage(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof RecoverableDataAccessException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && connectionState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57 (operator intervention,
	 * such as {@code 57P01 admin_shutdown} during a restart) and 58 (system error).
	 */
	private static boolean connectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
				|| state.startsWith("58"));
	}

}
