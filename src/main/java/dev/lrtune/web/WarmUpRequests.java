package dev.lrtune.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * Marks the requests this instance sends to itself to warm up its request path at start-up, so that they are not
 * measured: a request carrying {@value #HEADER} with this instance's token, drawn at random when it starts and never
 * shown, is left out of the {@code http.server.requests} observation (its meters and traces). The mark grants nothing
 * else: such a request passes the same API-key check and the same validation as any other.
 */
@Component
public class WarmUpRequests implements ObservationPredicate {

	public static final String HEADER = "X-Lrtune-Warm-Up";

	private final byte[] token;

	public WarmUpRequests() {
		byte[] random = new byte[16];
		new SecureRandom().nextBytes(random);
		this.token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
	}

	/** The value of {@value #HEADER} that marks a request as this instance's warm-up. */
	public String token() {
		return new String(token, StandardCharsets.US_ASCII);
	}

	/** Whether {@code request} carries this instance's mark (compared in constant time). */
	public boolean marks(HttpServletRequest request) {
		String sent = request.getHeader(HEADER);
		return sent != null && MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.US_ASCII));
	}

	/** Observes every request but this instance's warm-up. */
	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof ServerRequestObservationContext request && request.getCarrier() != null
				&& marks(request.getCarrier()));
	}

}
