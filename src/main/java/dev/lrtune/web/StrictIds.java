package dev.lrtune.web;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An id in a path ({@code /jobs/{id}}, {@code …/{studyId}}) is plain ASCII decimal: no sign, no leading zero, no other
 * script's digits. Spring's conversion alone reads {@code +1}, {@code 01}, {@code ١} (Arabic-Indic one) and
 * {@code 0x1} as job 1, so one resource would have many URLs; anything else is a 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class StrictIds implements WebMvcConfigurer {

	private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				check(request);
				return true;
			}

		});
	}

	@SuppressWarnings("unchecked")
	static void check(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (!(variables instanceof Map<?, ?> map)) {
			return;
		}
		((Map<String, String>) map).forEach((name, value) -> {
			if ((name.equals("id") || name.endsWith("Id")) && !DECIMAL.matcher(value).matches()) {
				throw new InvalidRequestException(name, "must be a whole number written in the digits 0-9, without sign, "
						+ "spaces or leading zeros, got '" + Echo.value(value) + "'");
			}
		});
	}

}
