package dev.lrtune.job.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this instance is ({@code lrtune.instance-id}). Its workers are named {@code <instance-id>/<thread>}
 * (thread 0…threads−1), and a job's {@code worker} says which of them runs or ran it, so the id should
 * differ between the instances sharing a database. It only names things: leases are told apart by worker
 * and attempt, so two instances that were given the same id by mistake still never share a job.
 *
 * @param instanceId this instance's name; default the host name and the process id ({@code host-pid}), stable
 *     for the life of the process
 */
@ConfigurationProperties("lrtune")
record InstanceSettings(String instanceId) {

	InstanceSettings {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = hostName() + "-" + ProcessHandle.current().pid();
		}
		else {
			instanceId = instanceId.strip();
		}
	}

	/** The name of worker thread {@code thread} of this instance. */
	String worker(int thread) {
		return instanceId + "/" + thread;
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host.strip();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "lrtune";
		}
	}

}
