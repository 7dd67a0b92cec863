package dev.lrtune.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every statement the application sends to the database, and every commit, as the thread that sent it: a
 * {@link BeanPostProcessor} wraps the {@link DataSource} bean, so that a test can count the round trips of an
 * operation. Executing a JDBC batch counts once (the driver sends it as one).
 */
public final class StatementLog implements BeanPostProcessor {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
			"executeBatch", "executeLargeBatch");

	private final List<Entry> entries = new ArrayList<>();

	/** @param sql the statement's text, or {@code COMMIT} */
	public record Entry(Thread thread, String sql) {
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return bean instanceof DataSource dataSource ? proxy(DataSource.class, dataSource, this::dataSource) : bean;
	}

	/** Forgets what was sent so far. */
	public synchronized void clear() {
		entries.clear();
	}

	/** What the calling thread sent since {@link #clear()}. */
	public synchronized List<String> ofThisThread() {
		return entries.stream().filter(entry -> entry.thread() == Thread.currentThread()).map(Entry::sql).toList();
	}

	private synchronized void log(String sql) {
		entries.add(new Entry(Thread.currentThread(), sql));
	}

	private Object dataSource(Object target, Method method, Object[] args) throws Throwable {
		Object answer = invoke(target, method, args);
		return answer instanceof Connection connection ? proxy(Connection.class, connection, this::connection) : answer;
	}

	private Object connection(Object target, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("commit")) {
			log("COMMIT");
		}
		Object answer = invoke(target, method, args);
		if (answer instanceof Statement statement && method.getName().startsWith("prepare")) {
			String sql = (String) args[0];
			return proxy(method.getReturnType(), statement, (t, m, a) -> statement(t, m, a, sql));
		}
		if (answer instanceof Statement statement) {
			return proxy(method.getReturnType(), statement, (t, m, a) -> statement(t, m, a, null));
		}
		return answer;
	}

	private Object statement(Object target, Method method, Object[] args, String prepared) throws Throwable {
		if (EXECUTIONS.contains(method.getName())) {
			log(prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "batch");
		}
		return invoke(target, method, args);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<?> type, Object target, Handler handler) {
		return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] { type },
				(InvocationHandler) (proxy, method, args) -> handler.handle(target, method, args));
	}

	@FunctionalInterface
	private interface Handler {

		Object handle(Object target, Method method, Object[] args) throws Throwable;

	}

}
