package dev.lrtune.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Applies the {@link RequestLimits} to every {@code @RequestBody}: a declared {@code Content-Length} over the size is
 * refused before anything is read, and any body (chunked ones too) stops being read at the first byte past the size
 * or the depth. Either way the answer comes from {@link ApiExceptionHandler}: 413 for the size, 400 for the depth.
 */
@ControllerAdvice
@EnableConfigurationProperties(RequestLimits.class)
class JsonBodyLimits extends RequestBodyAdviceAdapter {

	private final RequestLimits limits;

	JsonBodyLimits(RequestLimits limits) {
		this.limits = limits;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		long maxBytes = limits.maxJsonSize().toBytes();
		if (message.getHeaders().getContentLength() > maxBytes) {
			throw new HttpMessageNotReadableException("Request body too large", JsonBodyLimitException.tooLarge(maxBytes),
					message);
		}
		InputStream body = new BoundedJsonInputStream(message.getBody(), maxBytes, limits.maxJsonDepth());
		return new HttpInputMessage() {
			@Override
			public InputStream getBody() {
				return body;
			}

			@Override
			public HttpHeaders getHeaders() {
				return message.getHeaders();
			}
		};
	}

}
