package dev.lrtune.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.lrtune.security.ApiKeyConfiguration;

/**
 * The embedded Tomcat answers like the application: its error report is a problem ({@link ProblemErrorReportValve}
 * in place of the HTML one Boot installs), every answer carries {@code nosniff} ({@link NoSniffValve}), and a
 * malformed query string or media type is refused before anything reads it ({@link RequestSyntaxFilter}).
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return new ProblemErrorReports();
	}

	/** Before the API-key filter, which reads the query string of a stream request. */
	@Bean
	FilterRegistrationBean<RequestSyntaxFilter> requestSyntaxFilter(Environment environment) {
		int maxParameters = environment.getProperty("server.tomcat.max-parameter-count", Integer.class, 1000);
		FilterRegistrationBean<RequestSyntaxFilter> registration = new FilterRegistrationBean<>(
				new RequestSyntaxFilter(maxParameters));
		registration.setName("requestSyntaxFilter");
		registration.setOrder(ApiKeyConfiguration.FILTER_ORDER - 10);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** Runs after Boot's own Tomcat customizer, so the HTML report valve it adds is there to be replaced. */
	static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addEngineValves(new NoSniffValve());
			factory.addContextCustomizers(context -> {
				Container parent = context.getParent();
				for (Valve valve : parent.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
						parent.getPipeline().removeValve(valve);
					}
				}
				if (parent instanceof StandardHost host) {
					// the host adds an instance of this class when it starts unless one is there already
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
				parent.getPipeline().addValve(new ProblemErrorReportValve());
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
