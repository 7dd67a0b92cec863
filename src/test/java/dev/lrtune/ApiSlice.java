package dev.lrtune;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import dev.lrtune.analysis.RangeTestSliceBeans;
import dev.lrtune.dataset.DatasetSliceBeans;
import dev.lrtune.job.JobSliceBeans;
import dev.lrtune.schedule.ScheduleSliceBeans;
import dev.lrtune.study.StudySliceBeans;

/**
 * The API's controllers in one web slice behind {@code MockMvc}, without the service behind them: what a controller
 * calls that reaches the database is a Mockito mock (reset after each test), what only computes is the real bean.
 * Every controller test class takes this one configuration, so the slice starts once for all of them; a test obtains
 * the mocks it stubs with {@code @Autowired}, and the limits below are each read by one controller only.
 * <p>
 * The curve controller (whose endpoints are tested over the whole service) and the error controller (reached only
 * by a servlet container's error dispatch, which {@code MockMvc} does not make) stay out. Each package's part (its
 * mocks, its computing beans, its settings) is in its {@code *SliceBeans} annotation, since the classes are package
 * private.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(excludeFilters = @Filter(type = FilterType.REGEX,
		pattern = { "dev\\.lrtune\\.curve\\.CurveController", "dev\\.lrtune\\.web\\.ProblemErrorController" }),
		properties = { "lrtune.client-runs.max-points-per-post=" + ApiSlice.MAX_POINTS_PER_POST,
				"lrtune.schedules.max-preview-steps=" + ApiSlice.MAX_PREVIEW_STEPS,
				"lrtune.datasets.max-bytes=" + ApiSlice.MAX_DATASET_BYTES,
				"lrtune.datasets.max-categories=" + ApiSlice.MAX_DATASET_CATEGORIES })
@JobSliceBeans
@ScheduleSliceBeans
@RangeTestSliceBeans
@StudySliceBeans
@DatasetSliceBeans
public @interface ApiSlice {

	/** The most points one post of a client run may carry. */
	int MAX_POINTS_PER_POST = 4;

	/** The most steps a schedule preview may ask for. */
	int MAX_PREVIEW_STEPS = 500;

	/** The largest dataset upload. */
	String MAX_DATASET_BYTES = "4KB";

	/** The most categories a dataset column may have. */
	int MAX_DATASET_CATEGORIES = 5;

}
